package dev.alike.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Profile hashes are stored: an upgrade that changed them would rewrite every profile once. */
class ProfileHashTest {
  private static Map<String, Double> scores() {
    Map<String, Double> scores = new LinkedHashMap<>();
    scores.put("s2", 2.5);
    scores.put("s10", (double) 0.23624326f);
    scores.put("ü-1", 6.0);
    return scores;
  }

  @Test
  void hashes_matchWhatEarlierReleasesStored() {
    assertEquals("VT4ExGozZY33AfXLA6EpwA", ProfileHash.of(new CustomerProfile("c42", scores())));
    assertEquals(
        "xAM5w9dRcDgj7T0KM4qskg",
        ProfileHash.of(new CustomerProfile("c42", scores(), List.of("u1", "u2"))));
  }

  @Test
  void hash_ignoresTheOrderOfSkus_butNotTheirScores() {
    Map<String, Double> reversed = new LinkedHashMap<>();
    new java.util.ArrayDeque<>(scores().keySet())
        .descendingIterator()
        .forEachRemaining(k -> reversed.put(k, scores().get(k)));
    assertEquals(
        ProfileHash.of(new CustomerProfile("c42", scores())),
        ProfileHash.of(new CustomerProfile("c42", reversed)));
    Map<String, Double> changed = scores();
    changed.put("s2", 3.0);
    assertNotEquals(
        ProfileHash.of(new CustomerProfile("c42", scores())),
        ProfileHash.of(new CustomerProfile("c42", changed)));
  }
}
