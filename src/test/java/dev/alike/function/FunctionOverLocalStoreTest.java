package dev.alike.function;

import dev.alike.store.LocalModelStore;
import dev.alike.store.ModelStore;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The function over the embedded local store. */
class FunctionOverLocalStoreTest extends FunctionOverStoreContract {
  @TempDir Path dir;

  @Override
  protected ModelStore newStore() {
    return new LocalModelStore(dir);
  }
}
