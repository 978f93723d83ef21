package dev.alike.function;

import dev.alike.store.FirestoreEmulatorExtension;
import dev.alike.store.FirestoreModelStore;
import dev.alike.store.FirestoreSettings;
import dev.alike.store.ModelStore;
import org.junit.jupiter.api.extension.ExtendWith;

/** The function over Firestore, against the real emulator (skipped loudly where it is absent). */
@ExtendWith(FirestoreEmulatorExtension.class)
class FunctionOverFirestoreIT extends FunctionOverStoreContract {
  private final FirestoreEmulatorExtension.Emulator emulator;

  FunctionOverFirestoreIT(FirestoreEmulatorExtension.Emulator emulator) {
    this.emulator = emulator;
  }

  @Override
  protected ModelStore newStore() {
    return new FirestoreModelStore(emulator.newFirestore(), FirestoreSettings.defaults());
  }
}
