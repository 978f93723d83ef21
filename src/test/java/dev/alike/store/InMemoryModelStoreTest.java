package dev.alike.store;

import org.junit.jupiter.api.Assumptions;

/**
 * The test double many tests serve from keeps the store contract. It holds objects, not stored
 * documents, so the three tests of malformed documents do not apply to it and are skipped.
 */
class InMemoryModelStoreTest extends ModelStoreContract {
  @Override
  protected ModelStore newStore() {
    return new InMemoryModelStore();
  }

  @Override
  protected void corruptSku(String version, String sku) {
    Assumptions.abort("an in-memory store holds no stored form to corrupt");
  }

  @Override
  protected void storeUnderAnotherSku(String version, String sku, String other) {
    Assumptions.abort("an in-memory store holds no stored form to corrupt");
  }

  @Override
  protected void corruptProfile(String customer) {
    Assumptions.abort("an in-memory store holds no stored form to corrupt");
  }
}
