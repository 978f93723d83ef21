package dev.alike.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class IdIndexTest {
  @Test
  void of_rejectsDuplicates_namingThem() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> IdIndex.of(List.of("a", "b", "a")));
    assertEquals("duplicate id \"a\"", e.getMessage());
  }

  @Test
  void ofDistinct_looksUpAndAddsLikeAnyIndex() {
    IdIndex index = IdIndex.ofDistinct(List.of("b", "a"));
    assertEquals(List.of("b", "a"), index.ids());
    assertEquals(1, index.indexOf("a"));
    assertEquals(-1, index.indexOf("c"));
    assertEquals(2, index.add("c"));
    assertEquals(0, index.add("b"));
  }

  @Test
  void ofDistinct_withDuplicates_failsOnFirstLookup() {
    IdIndex index = IdIndex.ofDistinct(List.of("x", "y", "x"));
    assertEquals("y", index.id(1));
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> index.indexOf("y"));
    assertEquals("duplicate id \"x\"", e.getMessage());
  }
}
