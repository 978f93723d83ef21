package dev.alike.serving;

import dev.alike.serving.Expression.Field;
import dev.alike.serving.Expression.Invalid;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Recursive descent over the filter language, one token of lookahead:
 *
 * <pre>
 * or      := and ("or" and)*
 * and     := unary ("and" unary)*
 * unary   := "not" unary | "(" or ")" | test
 * test    := "available" [("=" | "!=") bool]
 *          | field ("=" | "!=" | "<" | "<=" | ">" | ">=") value
 *          | field "in" "(" value ("," value)* ")"
 *          | field "in" number ".." number
 * field   := "sku" | "category" | "price" | "attr." name
 * value   := "string" | number
 * </pre>
 *
 * Keywords are case-insensitive; strings are double-quoted with {@code \"} and {@code \\} escapes;
 * numbers are plain decimals. Every error is an {@link Invalid} with the 1-based position.
 */
final class ExpressionParser {
  /**
   * Nesting depth of parentheses and {@code not}: far beyond any merchandising rule, and keeps the
   * recursion (and the evaluation) well inside a thread's stack.
   */
  static final int MAX_DEPTH = 32;

  /** Values of one {@code in} list: a hand-kept list of categories or brands, not a catalog. */
  static final int MAX_VALUES = 200;

  private static final String FIELDS = "sku, category, price, available or attr.NAME";

  private final String text;
  private int at;
  private int depth;

  ExpressionParser(String text) {
    this.text = text == null ? "" : text;
  }

  Expression parse() {
    if (text.length() > Expression.MAX_LENGTH) {
      throw new Invalid(
          "expression is " + text.length() + " characters, more than " + Expression.MAX_LENGTH,
          Expression.MAX_LENGTH + 1);
    }
    skipSpace();
    if (at == text.length()) {
      throw new Invalid("empty expression", 1);
    }
    Expression e = or();
    if (at < text.length()) {
      throw error("expected and, or or the end, found " + found());
    }
    return e;
  }

  private Expression or() {
    int start = at;
    List<Expression> parts = new ArrayList<>();
    parts.add(and());
    while (keyword("or")) {
      parts.add(and());
    }
    return parts.size() == 1
        ? parts.get(0)
        : new Expression.Or(source(start), parts.toArray(new Expression[0]));
  }

  private Expression and() {
    int start = at;
    List<Expression> parts = new ArrayList<>();
    parts.add(unary());
    while (keyword("and")) {
      parts.add(unary());
    }
    return parts.size() == 1
        ? parts.get(0)
        : new Expression.And(source(start), parts.toArray(new Expression[0]));
  }

  private Expression unary() {
    skipSpace();
    int start = at;
    if (keyword("not")) {
      enter(start);
      Expression inner = unary();
      depth--;
      return new Expression.Not(source(start), inner);
    }
    if (symbol("(")) {
      enter(start);
      Expression inner = or();
      depth--;
      if (!symbol(")")) {
        throw error("expected ) to close the ( at position " + (start + 1) + ", found " + found());
      }
      return inner;
    }
    return test();
  }

  private Expression test() {
    skipSpace();
    int start = at;
    String word = word();
    if (word.isEmpty()) {
      throw error("expected a field (" + FIELDS + "), not or (, found " + found());
    }
    String lower = word.toLowerCase(Locale.ROOT);
    if (lower.equals("available")) {
      return available(start);
    }
    Field field;
    String name = null;
    if (lower.equals("sku")) {
      field = Field.SKU;
    } else if (lower.equals("category")) {
      field = Field.CATEGORY;
    } else if (lower.equals("price")) {
      field = Field.PRICE;
    } else if (lower.startsWith("attr.") && word.length() > 5) {
      field = Field.ATTRIBUTE;
      name = word.substring(5);
    } else {
      throw new Invalid("unknown field \"" + word + "\" (use " + FIELDS + ")", start + 1);
    }
    if (keyword("in")) {
      return in(start, field, name);
    }
    String op = operator();
    skipSpace();
    if (peek() == '"') {
      if (field == Field.PRICE) {
        throw error("price is a number: compare it with a number, found " + found());
      }
      if (!op.equals("=") && !op.equals("!=")) {
        throw error(op + " needs a number, found " + found());
      }
      String value = string();
      return new Expression.TextEquals(source(start), field, name, value, op.equals("!="));
    }
    return new Expression.Compare(source(start), field, name, op, number());
  }

  private Expression available(int start) {
    int mark = at;
    skipSpace();
    if (!text.startsWith("=", at) && !text.startsWith("!=", at)) {
      at = mark;
      return new Expression.Available(source(start), true);
    }
    boolean negate = operator().equals("!=");
    String word = word().toLowerCase(Locale.ROOT);
    if (!word.equals("true") && !word.equals("false")) {
      throw new Invalid("available compares with true or false, found \"" + word + "\"", at + 1);
    }
    return new Expression.Available(source(start), word.equals("true") != negate);
  }

  private Expression in(int start, Field field, String name) {
    skipSpace();
    if (!symbol("(")) {
      double low = number();
      if (!symbol("..")) {
        throw error("expected .. of a range low..high, found " + found());
      }
      double high = number();
      if (low > high) {
        throw error("range " + low + ".." + high + " is empty");
      }
      return new Expression.Range(source(start), field, name, low, high);
    }
    skipSpace();
    boolean strings = peek() == '"';
    if (strings && field == Field.PRICE) {
      throw error("price is a number: list numbers, found " + found());
    }
    Set<String> texts = new HashSet<>();
    List<Double> numbers = new ArrayList<>();
    do {
      if (texts.size() + numbers.size() == MAX_VALUES) {
        throw error("more than " + MAX_VALUES + " values in one in (...)");
      }
      skipSpace();
      if (strings != (peek() == '"')) {
        throw error("an in list holds only strings or only numbers, found " + found());
      }
      if (strings) {
        texts.add(string());
      } else {
        numbers.add(number());
      }
    } while (symbol(","));
    if (!symbol(")")) {
      throw error("expected , or ) in the in list, found " + found());
    }
    if (strings) {
      return new Expression.TextIn(source(start), field, name, Set.copyOf(texts));
    }
    double[] values = numbers.stream().mapToDouble(Double::doubleValue).toArray();
    return new Expression.NumberIn(source(start), field, name, values);
  }

  private String operator() {
    skipSpace();
    for (String op : new String[] {"!=", "<=", ">=", "=", "<", ">"}) {
      if (text.startsWith(op, at)) {
        at += op.length();
        return op;
      }
    }
    throw error("expected =, !=, <, <=, >, >= or in, found " + found());
  }

  private String string() {
    skipSpace();
    int start = at;
    at++; // the opening quote
    StringBuilder out = new StringBuilder();
    while (at < text.length()) {
      char c = text.charAt(at++);
      if (c == '"') {
        return out.toString();
      }
      if (c == '\\') {
        if (at == text.length() || (text.charAt(at) != '"' && text.charAt(at) != '\\')) {
          throw new Invalid("only \\\" and \\\\ are escapes in a string", at);
        }
        c = text.charAt(at++);
      }
      out.append(c);
    }
    throw new Invalid("string not closed", start + 1);
  }

  private double number() {
    skipSpace();
    int start = at;
    if (at < text.length() && (text.charAt(at) == '-' || text.charAt(at) == '+')) {
      at++;
    }
    while (at < text.length() && isDigit(text.charAt(at))) {
      at++;
    }
    // a dot starts a fraction only when a digit follows: 20..50 is a range
    if (at + 1 < text.length() && text.charAt(at) == '.' && isDigit(text.charAt(at + 1))) {
      at++;
      while (at < text.length() && isDigit(text.charAt(at))) {
        at++;
      }
    }
    String digits = text.substring(start, at);
    double v = Expression.number(digits);
    if (Double.isNaN(v)) {
      at = start;
      throw error("expected a number or a \"string\", found " + found());
    }
    if (Double.isInfinite(v) || Math.abs(v) > 1e15) {
      throw new Invalid("number " + digits + " is out of range (at most 1e15)", start + 1);
    }
    return v;
  }

  /** A run of name characters: letters, digits, {@code _ - .}. */
  private String word() {
    skipSpace();
    int start = at;
    while (at < text.length()) {
      char c = text.charAt(at);
      if (!Character.isLetterOrDigit(c) && c != '_' && c != '-' && c != '.') {
        break;
      }
      at++;
    }
    return text.substring(start, at);
  }

  /** Consumes keyword {@code k} when it is the next word, whole. */
  private boolean keyword(String k) {
    skipSpace();
    int end = at + k.length();
    if (text.regionMatches(true, at, k, 0, k.length())
        && (end == text.length() || !isWordChar(text.charAt(end)))) {
      at = end;
      return true;
    }
    return false;
  }

  private boolean symbol(String s) {
    skipSpace();
    if (text.startsWith(s, at)) {
      at += s.length();
      return true;
    }
    return false;
  }

  private void enter(int start) {
    if (++depth > MAX_DEPTH) {
      throw new Invalid("nested deeper than " + MAX_DEPTH + " levels", start + 1);
    }
  }

  private char peek() {
    return at < text.length() ? text.charAt(at) : '\0';
  }

  private void skipSpace() {
    while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
      at++;
    }
  }

  private String source(int start) {
    return text.substring(start, at).trim();
  }

  private String found() {
    if (at >= text.length()) {
      return "the end";
    }
    int end = Math.min(text.length(), at + 12);
    return "\"" + text.substring(at, end) + (end < text.length() ? "..." : "") + "\"";
  }

  private Invalid error(String message) {
    skipSpace();
    return new Invalid(message, at + 1);
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isWordChar(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.';
  }
}
