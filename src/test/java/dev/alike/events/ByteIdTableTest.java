package dev.alike.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ByteIdTableTest {
  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static int add(ByteIdTable t, String s) {
    byte[] b = utf8(s);
    return t.add(b, 0, b.length, ByteIdTable.UTF8);
  }

  @Test
  void keyInsideALargerBuffer_isTheSameKey_asTheKeyAloneAtTheArraysEnd() {
    // Short keys are read with one 8-byte load and masked; the bytes after them must not count.
    ByteIdTable t = new ByteIdTable(16);
    String[] ids = {
      "", "a", "ab", "c12345", "s302123", "s3021234", "sku/ü.x", "long-id-of-20-bytes!"
    };
    for (String id : ids) {
      add(t, id);
    }
    for (String id : ids) {
      byte[] key = utf8(id);
      for (byte filler : new byte[] {0, 'x', (byte) 0xff}) {
        byte[] buf = new byte[key.length + 24];
        java.util.Arrays.fill(buf, filler);
        System.arraycopy(key, 0, buf, 5, key.length);
        assertEquals(add(t, id), t.add(buf, 5, key.length, ByteIdTable.UTF8), id);
        assertEquals(
            ByteIdTable.word(key, 0, key.length, ByteIdTable.UTF8),
            ByteIdTable.word(buf, 5, key.length, ByteIdTable.UTF8),
            id);
      }
    }
    assertEquals(ids.length, t.size());
  }

  @Test
  void manyIds_getFirstSeenIndices_acrossRehashes() {
    ByteIdTable t = new ByteIdTable(16);
    for (int i = 0; i < 50_000; i++) {
      assertEquals(i, add(t, "id" + i), "id" + i);
    }
    for (int i = 49_999; i >= 0; i--) {
      assertEquals(i, add(t, "id" + i));
      assertEquals(i, add(t, "id" + i), "the same key twice in a row");
    }
    assertEquals(50_000, t.size());
    assertEquals(50_000, add(t, "id50000"));
    assertEquals("id123", t.string(123));
  }

  @Test
  void keysWithSameHashAndSamePrefix_stayDistinct() {
    // Search keys that share the slot word (first 7 bytes, length, kind) and the full 32-bit
    // hash, so only the byte comparison tells them apart.
    Map<Integer, String> byHash = new HashMap<>();
    String a = null;
    String b = null;
    for (int i = 0; a == null; i++) {
      String key = String.format("sku-abc%09d", i);
      byte[] k = utf8(key);
      int h = ByteIdTable.hash(ByteIdTable.word(k, 0, k.length, ByteIdTable.UTF8), k, 0, k.length);
      String other = byHash.putIfAbsent(h, key);
      if (other != null) {
        a = other;
        b = key;
      }
    }
    ByteIdTable t = new ByteIdTable(16);
    int ia = add(t, a);
    int ib = add(t, b);
    assertNotEquals(ia, ib, b + " collides with " + a + " but is not it");
    assertEquals(ia, add(t, a));
    assertEquals(ib, add(t, b));
    assertEquals(2, t.size());
    assertEquals(b, t.string(ib));
  }

  @Test
  void shortKeys_differingOnlyInLengthOrKind_areDistinct() {
    ByteIdTable t = new ByteIdTable(16);
    byte[] zeros = new byte[8];
    int empty = t.add(zeros, 0, 0, ByteIdTable.UTF8);
    int one = t.add(zeros, 0, 1, ByteIdTable.UTF8);
    // right after the same bytes under another kind: the repeat check must look at the kind
    int quoted = t.add(zeros, 0, 1, ByteIdTable.CSV_QUOTED);
    int two = t.add(zeros, 0, 2, ByteIdTable.UTF8);
    int eight = t.add(zeros, 0, 8, ByteIdTable.UTF8);
    assertEquals(5, t.size());
    assertEquals(2, quoted);
    assertEquals(one, t.add(zeros, 0, 1, ByteIdTable.UTF8));
    assertEquals(empty, t.add(zeros, 0, 0, ByteIdTable.UTF8));
    assertEquals(eight, t.add(new byte[8], 0, 8, ByteIdTable.UTF8));
    assertEquals(5, t.size());
    assertTrue(two > one);
  }

  @Test
  void longKeysSharingPrefixAndLength_areComparedInFull() {
    ByteIdTable t = new ByteIdTable(16);
    String base = "2f1c9a7e-0000-4000-8000-00000000000";
    for (int i = 0; i < 10; i++) {
      assertEquals(i, add(t, base + i));
    }
    assertEquals(7, add(t, base + 7));
    assertEquals(10, add(t, base + "x"));
  }

  @Test
  void stringIds_useCanonicalKeys_andKeepTheGivenString() {
    ByteIdTable t = new ByteIdTable(16);
    int emoji = t.add("a😀");
    assertEquals(emoji, add(t, "a😀"), "valid pairs are keyed by their UTF-8 bytes");
    int lone = t.add("a\ud83d");
    assertEquals(ByteIdTable.UTF16, t.kind(lone));
    assertNotEquals(lone, t.add("a\ude00"));
    assertEquals("a\ud83d", t.string(lone));
  }
}
