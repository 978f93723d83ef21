package dev.alike.events;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class GlobalIdsTest {
  private static ByteIdTable chunk(Object... keys) {
    ByteIdTable t = new ByteIdTable(16);
    for (int i = 0; i < keys.length; i += 2) {
      byte[] b = keys[i] instanceof byte[] raw ? raw : utf8((String) keys[i]);
      t.add(b, 0, b.length, (byte) keys[i + 1]);
    }
    return t;
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void idsGetFirstSeenIndices_acrossChunks() {
    GlobalIds g = new GlobalIds(4);
    byte u = ByteIdTable.UTF8;
    assertArrayEquals(new int[] {0, 1}, g.remap(chunk("b", u, "a", u)));
    assertArrayEquals(new int[] {2, 1, 0}, g.remap(chunk("c", u, "a", u, "b", u)));
    assertEquals(List.of("b", "a", "c"), g.toIndex().ids());
    assertEquals(2, g.toIndex().indexOf("c"));
  }

  @Test
  void differentSpellingsOfOneId_getOneIndex() {
    GlobalIds g = new GlobalIds(4);
    byte u = ByteIdTable.UTF8;
    int[] first = g.remap(chunk("a/b", u, "Zoë", u, "x\"y", u, "😀", u));
    int[] second = g.remap(chunk("x\"\"y", ByteIdTable.CSV_QUOTED));
    ByteIdTable fromStrings = new ByteIdTable(4);
    fromStrings.add("😀");
    fromStrings.add("Zoë");
    int[] third = g.remap(fromStrings);
    assertArrayEquals(new int[] {2}, second);
    assertArrayEquals(new int[] {3, 1}, third);
    assertArrayEquals(new int[] {0, 1, 2, 3}, first);
    assertEquals(List.of("a/b", "Zoë", "x\"y", "😀"), g.toIndex().ids());
  }

  @Test
  void invalidUtf8_isTheIdItsDecodingGives() {
    GlobalIds g = new GlobalIds(4);
    byte u = ByteIdTable.UTF8;
    // 0xff and 0xfe are never valid in UTF-8; both decode to U+FFFD, as a String-keyed index
    // would see them.
    int[] map =
        g.remap(
            chunk(
                new byte[] {'a', (byte) 0xff}, u, new byte[] {'a', (byte) 0xfe}, u, "a\ufffd", u));
    assertArrayEquals(new int[] {0, 0, 0}, map);
    assertEquals(List.of("a\ufffd"), g.toIndex().ids());
  }

  @Test
  void unpairedSurrogates_stayDistinctFromReplacementCharacters() {
    GlobalIds g = new GlobalIds(4);
    ByteIdTable strings = new ByteIdTable(4);
    strings.add("\ud83d");
    strings.add("\ude00");
    strings.add("\ud83d\ude00");
    int[] map = g.remap(strings);
    assertArrayEquals(new int[] {0, 1, 2}, map);
    assertEquals(List.of("\ud83d", "\ude00", "😀"), g.toIndex().ids());
    ByteIdTable raw = chunk("😀", ByteIdTable.UTF8);
    assertArrayEquals(new int[] {2}, g.remap(raw));
  }
}
