package dev.alike.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class DocIdsTest {
  private static final Pattern RESERVED = Pattern.compile("__.*__");

  @Test
  void everyEncoding_isAValidFirestoreDocumentId_andDistinct() {
    Set<String> seen = new HashSet<>();
    for (String id : ModelStoreContract.AWKWARD_IDS) {
      String doc = DocIds.encode(id);
      assertTrue(doc.getBytes(StandardCharsets.UTF_8).length <= 1500, id);
      assertFalse(doc.contains("/"));
      assertFalse(doc.equals(".") || doc.equals(".."));
      assertFalse(RESERVED.matcher(doc).matches(), doc);
      assertTrue(seen.add(doc), () -> "collision for " + id);
    }
  }

  @Test
  void reversibleForms_decodeToTheOriginal() {
    for (String id : ModelStoreContract.AWKWARD_IDS) {
      String doc = DocIds.encode(id);
      if (doc.startsWith("~h")) {
        assertEquals(Optional.empty(), DocIds.decode(doc));
      } else {
        assertEquals(Optional.of(id), DocIds.decode(doc), doc);
      }
    }
  }

  @Test
  void plainIds_areKept_andOnlyVeryLongIdsAreHashed() {
    assertEquals("sku-123_A.b", DocIds.encode("sku-123_A.b"));
    assertEquals("~bYS9i", DocIds.encode("a/b"));
    assertTrue(DocIds.encode("é".repeat(600)).startsWith("~h"), "1,200 bytes -> base64 > 1,500");
    assertFalse(DocIds.encode("é".repeat(500)).startsWith("~h"), "1,000 bytes -> base64 1,336");
    assertEquals(Optional.empty(), DocIds.decode("~b!!"));
    assertEquals(Optional.empty(), DocIds.decode("has space"));
  }

  /** Ids of documents already stored: the encoding must not change under an upgrade. */
  @Test
  void encodings_matchWhatEarlierReleasesStored() {
    assertEquals("~bYS9i", DocIds.encode("a/b"));
    assertEquals(
        "~h0Wp8x17YT4Sj4rIknHdontky95YJGjEWq45J8fIHvlA", DocIds.encode("z/".repeat(2_000)));
  }
}
