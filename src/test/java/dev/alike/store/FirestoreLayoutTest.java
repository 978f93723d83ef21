package dev.alike.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The index exemptions Terraform declares must be exactly the large fields the store writes. */
class FirestoreLayoutTest {

  private static Set<String> arrayFields(String group, Map<String, Object> document) {
    Set<String> out = new TreeSet<>();
    document.forEach(
        (field, value) -> {
          if (value instanceof List<?> || value instanceof Map<?, ?>) {
            out.add(group + "." + field);
          }
        });
    return out;
  }

  @Test
  void exemptionsAreExactlyTheArrayAndMapFieldsWritten() {
    Neighbor n = new Neighbor("s2", 0.5, "shoes", Map.of("gender", "female"), 3);
    SkuDocument sku =
        new SkuDocument("s1", "shoes", Map.of("gender", "f"), List.of(n), List.of(n), List.of(n));
    CustomerProfile profile = new CustomerProfile("c1", Map.of("s1", 1.0));
    Set<String> written = new TreeSet<>();
    written.addAll(arrayFields(FirestoreLayout.SKUS, StoreCodec.write(sku)));
    written.addAll(arrayFields("alike_" + FirestoreLayout.PROFILES, StoreCodec.write(profile)));
    written.add("alike_" + FirestoreLayout.VERSIONS + "." + StoreCodec.POPULAR);
    written.add("alike_" + FirestoreLayout.VERSIONS + "." + StoreCodec.TRENDING);
    // The build report: a long JSON string, never queried.
    written.add("alike_" + FirestoreLayout.VERSIONS + "." + StoreCodec.REPORT);
    assertEquals(written, new TreeSet<>(FirestoreLayout.INDEX_EXEMPT_FIELDS));
  }
}
