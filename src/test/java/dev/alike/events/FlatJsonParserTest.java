package dev.alike.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FlatJsonParserTest {
  /** Parses {@code line} placed at {@code pad} bytes into an array with {@code pad} bytes after. */
  private static RawEvent parse(String line, int pad) {
    byte[] text = line.getBytes(StandardCharsets.UTF_8);
    byte[] b = new byte[text.length + 2 * pad];
    java.util.Arrays.fill(b, (byte) 'x');
    System.arraycopy(text, 0, b, pad, text.length);
    RawEvent e = new RawEvent();
    assertEquals(FlatJsonParser.OK, new FlatJsonParser().parse(b, pad, pad + text.length, e), line);
    return e;
  }

  private static String customer(RawEvent e) {
    return e.hasCustomer()
        ? new String(e.customerBuf, e.customerOff, e.customerLen, StandardCharsets.UTF_8)
        : null;
  }

  private static String sku(RawEvent e) {
    return e.hasSku() ? new String(e.skuBuf, e.skuOff, e.skuLen, StandardCharsets.UTF_8) : null;
  }

  // pad 0: the keys near the array's end take the byte-by-byte path; pad 16: the 8-byte loads.
  @ParameterizedTest
  @ValueSource(ints = {0, 16})
  void keysMatchInAnyLetterCase(int pad) {
    RawEvent e =
        parse("{\"CUSTOMER\":\"c1\",\"Sku\":\"s1\",\"EvEnT\":\"view\",\"TimeStamp\":17}", pad);
    assertEquals("c1", customer(e));
    assertEquals("s1", sku(e));
    assertEquals(EventType.BROWSE, e.type);
    assertEquals(17, e.time);
    e = parse("{\"weighT\":2.5,\"tS\":9,\"sKU\":\"s2\",\"Customer\":\"c2\"}", pad);
    assertTrue(e.hasWeight);
    assertEquals(2.5, e.weight);
    assertEquals(9, e.time);
    assertEquals("c2", customer(e));
    e = parse("{\"TIME\":3,\"customer\":\"c3\",\"sku\":\"s3\",\"event\":\"buy\"}", pad);
    assertEquals(3, e.time);
    assertEquals(EventType.PURCHASE, e.type);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 16})
  void keysThatAlmostMatch_areExtraFields(int pad) {
    // One byte off (a non-letter where the key has a letter, a letter too many or too few) is
    // another field; '_' is 'r' xor 0x2d and '@' is '`' without 0x20: neither folds into a key.
    RawEvent e =
        parse(
            "{\"custome_\":\"a\",\"skus\":\"b\",\"even\":\"view\",\"timestamq\":1,"
                + "\"@s\":2,\"weigh\":3,\"tim\":4,\"customers\":\"c\"}",
            pad);
    assertFalse(e.hasCustomer());
    assertFalse(e.hasSku());
    assertFalse(e.hasEvent);
    assertFalse(e.hasWeight);
    assertEquals(dev.alike.model.EventLog.NO_TIME, e.time);
  }
}
