package dev.alike.model;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a product says about itself, for content neighbours: title, description, category and
 * attributes, any of them absent (null or empty).
 *
 * @param attributes never null
 */
public record ProductText(
    String title, String description, String category, Map<String, String> attributes) {
  /** A product that says nothing: it gets no content neighbours. */
  public static final ProductText NONE = new ProductText(null, null, null, Map.of());

  public ProductText {
    attributes = attributes == null ? Map.of() : attributes;
  }

  /**
   * The product's terms, one per occurrence: {@code w:} and each word of title and description,
   * {@code c:} and the whole category, {@code a:key=value} per attribute. A word is a run of
   * letters, digits and combining marks after NFKC normalisation and lower-casing (so "Ｔ-Shirt" and
   * "t shirt" share their words, and "Überzug" is one word); everything else separates words.
   * Category and attribute values are whole terms, so "shoes" as a category and "shoes" in a title
   * are different evidence. Empty when the product says nothing.
   */
  public List<String> terms() {
    List<String> out = new ArrayList<>();
    words(title, out);
    words(description, out);
    if (category != null && !category.isEmpty()) {
      out.add("c:" + category);
    }
    // Sorted so the terms, and so the index built from them, do not depend on map order.
    new TreeMap<>(attributes).forEach((k, v) -> out.add("a:" + k + "=" + v));
    return out;
  }

  /** Combining marks belong to their word (Devanagari vowel signs, Thai tone marks). */
  private static boolean isMark(int cp) {
    int type = Character.getType(cp);
    return type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK;
  }

  private static void words(String text, List<String> out) {
    if (text == null || text.isEmpty()) {
      return;
    }
    String s = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
    StringBuilder word = new StringBuilder();
    for (int at = 0; at < s.length(); ) {
      int cp = s.codePointAt(at);
      at += Character.charCount(cp);
      if (Character.isLetterOrDigit(cp) || isMark(cp)) {
        word.appendCodePoint(cp);
      } else if (word.length() > 0) {
        out.add("w:" + word);
        word.setLength(0);
      }
    }
    if (word.length() > 0) {
      out.add("w:" + word);
    }
  }
}
