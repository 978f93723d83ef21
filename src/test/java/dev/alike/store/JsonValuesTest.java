package dev.alike.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.GsonBuilder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonValuesTest {
  private static Map<String, Object> sample() {
    Map<String, Object> inner = new LinkedHashMap<>();
    inner.put("float", 0.33801529f);
    inner.put("double", 1.0);
    inner.put("tiny", 1e-7);
    inner.put("huge", 1.5e300);
    inner.put("negative", -3L);
    inner.put("int", 42);
    inner.put("dropped", null);
    inner.put("empty map", Map.of());
    inner.put("empty list", List.of());
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("sku", "a/b <tag> & 'q' \"quoted\" \\ é 😀 \u0001");
    root.put("flags", Arrays.asList(true, false, null, "x"));
    root.put("nested", inner);
    root.put("lists", List.of(List.of(1, 2), new ArrayList<>()));
    return root;
  }

  @Test
  void writesWhatGsonWrites_compactAndPretty() {
    Map<String, Object> value = sample();
    assertEquals(
        new GsonBuilder().disableHtmlEscaping().create().toJson(value),
        JsonValues.toJson(value, false));
    assertEquals(
        new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(value),
        JsonValues.toJson(value, true));
  }

  /** What the store read before: Gson's object mapping, null unless a JSON object. */
  private static Object gsonObject(String text) {
    try {
      Object value = new GsonBuilder().disableHtmlEscaping().create().fromJson(text, Object.class);
      return value instanceof Map<?, ?> ? value : null;
    } catch (com.google.gson.JsonParseException e) {
      return null;
    }
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(
      strings = {
        "{\"a\":1,\"b\":[1,2.5,\"x\",null,true],\"c\":{\"d\":\"e\"},\"z\":-0.0}",
        "  {\"a\" : 1e3 }  ",
        "{'single': 'quotes', unquoted: 1}",
        "{\"a\":NaN,\"b\":-Infinity}",
        "{\"a\":1,\"a\":2}",
        "{\"n\":12345678901234567890}",
        "{\"a\":1} trailing",
        "{\"a\":1}\n{\"b\":2}",
        "{\"a\":",
        "[1,2]",
        "\"text\"",
        "",
        "{}",
      })
  void readsWhatGsonReads_objectsOnly(String text) {
    assertEquals(gsonObject(text), JsonValues.readObject(text), text);
  }

  @Test
  void readsBackWhatItWrites() {
    Map<String, Object> value = new LinkedHashMap<>();
    value.put("sku", "a/b é 😀");
    value.put("scores", List.of(0.5, 2.0));
    value.put("nested", Map.of("k", true));
    assertEquals(value, JsonValues.readObject(JsonValues.toJson(value, true)));
  }

  @Test
  void aValueThatIsNotPlainJson_isRefused_namingItsType() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> JsonValues.toJson(Map.of("x", new Object()), false));
    assertTrue(e.getMessage().contains("java.lang.Object"), e.getMessage());
  }

  @Test
  void nonFiniteNumbers_areRefused_asGsonRefusesThem() {
    assertThrows(
        IllegalArgumentException.class, () -> JsonValues.toJson(List.of(Double.NaN), false));
  }

  /** Number texts of every shape the stores write or a hand edit might leave. */
  private static List<String> numberTexts(java.util.Random random) {
    List<String> texts =
        new ArrayList<>(
            List.of(
                "0",
                "-0",
                "-0.0",
                "1e400",
                "-1e400",
                "4.9e-324",
                "2.4e-324",
                "1E-320",
                "123456789012345678901234567890",
                "0.30000000000000004",
                "9007199254740993",
                "1.7976931348623157E308",
                "2.2250738585072011e-308"));
    for (int i = 0; i < 20_000; i++) {
      texts.add(Double.toString((double) Float.intBitsToFloat(random.nextInt()))); // stored form
      texts.add(Double.toString(Double.longBitsToDouble(random.nextLong())));
      texts.add(Double.toString(random.nextDouble() * Math.pow(10, random.nextInt(40) - 20)));
      StringBuilder digits = new StringBuilder(random.nextBoolean() ? "-" : "");
      digits.append((char) ('1' + random.nextInt(9))); // JSON: no leading zero, a digit after '.'
      for (int d = random.nextInt(25); d > 0; d--) {
        digits.append(d == 12 ? '.' : (char) ('0' + random.nextInt(10)));
      }
      texts.add(digits.append('e').append(random.nextInt(60) - 30).toString());
    }
    texts.removeIf(t -> t.contains("NaN") || t.contains("Infinity")); // not JSON numbers
    return texts;
  }

  @Test
  void numbers_readAsExactlyTheDoubleTheJdkParses() {
    for (String text : numberTexts(new java.util.Random(7))) {
      Object read = JsonValues.readObject("{\"x\":" + text + "}").get("x");
      assertEquals(Double.valueOf(Double.parseDouble(text)), read, text); // bit for bit, -0.0 too
    }
  }
}
