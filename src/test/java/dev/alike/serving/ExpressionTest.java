package dev.alike.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.alike.store.Neighbor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** The filter language against a brute-force evaluator of the same random expressions. */
class ExpressionTest {
  private static final String[] CATEGORIES = {"shoes", "bags", "hats", "sko\u0308r"};
  private static final String[] BRANDS = {"house", "acme", "\u00e9toile"};

  /** A random expression as its text and as a predicate written independently of the parser. */
  private record Case(String text, Predicate<Neighbor> truth) {}

  private static Case random(Random r, int depth) {
    int kind = depth == 0 ? 4 + r.nextInt(6) : r.nextInt(10);
    switch (kind) {
      case 0, 1 -> {
        Case a = random(r, depth - 1);
        Case b = random(r, depth - 1);
        boolean and = kind == 0;
        return new Case(
            "(" + a.text + (and ? " and " : " OR ") + b.text + ")",
            and ? a.truth.and(b.truth) : a.truth.or(b.truth));
      }
      case 2 -> {
        Case a = random(r, depth - 1);
        return new Case("not " + a.text, a.truth.negate());
      }
      case 3, 4 -> {
        return r.nextBoolean()
            ? new Case("available", Neighbor::available)
            : new Case("available = false", e -> !e.available());
      }
      case 5 -> {
        String c = CATEGORIES[r.nextInt(CATEGORIES.length)];
        boolean not = r.nextBoolean();
        return new Case(
            "category " + (not ? "!=" : "=") + " \"" + c + "\"",
            e -> c.equals(e.category()) != not);
      }
      case 6 -> {
        String a = CATEGORIES[r.nextInt(CATEGORIES.length)];
        String b = BRANDS[r.nextInt(BRANDS.length)];
        return r.nextBoolean()
            ? new Case(
                "category in (\"" + a + "\", \"bags\")",
                e -> a.equals(e.category()) || "bags".equals(e.category()))
            : new Case("attr.brand = \"" + b + "\"", e -> b.equals(e.attributes().get("brand")));
      }
      case 7 -> {
        String[] ops = {"=", "!=", "<", "<=", ">", ">="};
        String op = ops[r.nextInt(ops.length)];
        double v = r.nextInt(60) + (r.nextBoolean() ? 0.5 : 0);
        return new Case("price " + op + " " + v, e -> compare(e.price(), op, v));
      }
      case 8 -> {
        double lo = r.nextInt(40);
        double hi = lo + r.nextInt(30);
        return new Case(
            "price in " + (int) lo + ".." + (int) hi, e -> e.price() >= lo && e.price() <= hi);
      }
      default -> {
        int v = r.nextInt(6) + 36;
        return r.nextBoolean()
            ? new Case("attr.size >= " + v, e -> compare(size(e), ">=", v))
            : new Case("attr.size in (38, 40.5)", e -> size(e) == 38 || size(e) == 40.5);
      }
    }
  }

  private static double size(Neighbor e) {
    String s = e.attributes().get("size");
    return s == null || !s.matches("-?[0-9]+(\\.[0-9]+)?") ? Double.NaN : Double.parseDouble(s);
  }

  private static boolean compare(double v, String op, double x) {
    return switch (op) {
      case "=" -> v == x;
      case "!=" -> v != x;
      case "<" -> v < x;
      case "<=" -> v <= x;
      case ">" -> v > x;
      default -> v >= x;
    };
  }

  private static List<Neighbor> catalog(Random r, int n) {
    String[] sizes = {"36", "38", "40.5", "41", "XL", "", "-2"};
    List<Neighbor> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Map<String, String> attrs = new HashMap<>();
      if (r.nextInt(4) > 0) {
        attrs.put("brand", BRANDS[r.nextInt(BRANDS.length)]);
      }
      if (r.nextInt(3) > 0) {
        attrs.put("size", sizes[r.nextInt(sizes.length)]);
      }
      out.add(
          new Neighbor(
              "s" + i,
              1,
              r.nextInt(5) == 0 ? null : CATEGORIES[r.nextInt(CATEGORIES.length)],
              attrs,
              r.nextInt(5) == 0 ? Double.NaN : r.nextInt(120) / 2.0,
              r.nextInt(4) > 0));
    }
    return out;
  }

  @Test
  void randomExpressions_agreeWithBruteForceOnRandomCatalogs() {
    Random r = new Random(31);
    int checked = 0;
    int passed = 0;
    for (int round = 0; round < 300; round++) {
      List<Neighbor> catalog = catalog(r, 200);
      Case c = random(r, 1 + r.nextInt(4));
      Expression e = Expression.parse(c.text);
      for (Neighbor n : catalog) {
        assertEquals(c.truth.test(n), e.test(n), c.text + " on " + n);
        checked++;
        passed += e.test(n) ? 1 : 0;
      }
    }
    // both outcomes occur often: the comparison is not between two constant answers
    assertTrue(passed > checked / 10 && passed < checked * 9 / 10, passed + " of " + checked);
  }

  @Test
  void theIssuesExample_selectsAvailableShoesOrHouseBrandFrom20() {
    Expression e =
        Expression.parse(
            "available and price >= 20 and (category in (\"shoes\", \"bags\") or attr.brand ="
                + " \"house\")");
    assertTrue(e.test(new Neighbor("a", 1, "shoes", Map.of(), 20, true)));
    assertTrue(e.test(new Neighbor("b", 1, "hats", Map.of("brand", "house"), 99, true)));
    assertFalse(e.test(new Neighbor("c", 1, "shoes", Map.of(), 19.99, true)));
    assertFalse(e.test(new Neighbor("d", 1, "shoes", Map.of(), 30, false)));
    assertFalse(e.test(new Neighbor("e", 1, "shoes", Map.of(), Double.NaN, true)));
  }

  @Test
  void errors_nameThePositionAndTheProblem() {
    assertError("colour = \"red\"", 1, "unknown field \"colour\"");
    assertError("price >= 20 and", 16, "expected a field");
    assertError("(price > 1", 11, "expected ) to close the ( at position 1");
    assertError("price = \"cheap\"", 9, "price is a number");
    assertError("category < \"b\"", 12, "< needs a number");
    assertError("price > 1e400", 10, "expected and, or or the end");
    assertError("price > 99999999999999999999", 9, "out of range");
    assertError("category in (\"a\", 3)", 19, "only strings or only numbers");
    assertError("price in 50..20", 16, "range 50.0..20.0 is empty");
    assertError("category = \"open", 12, "string not closed");
    assertError("", 1, "empty expression");
    assertError("available = maybe", 18, "true or false");
  }

  @Test
  void nestingBeyondTheLimit_isAnErrorNotAStackOverflow() {
    String deep = "(".repeat(ExpressionParser.MAX_DEPTH + 1) + "available" + ")".repeat(40);
    assertError(deep, ExpressionParser.MAX_DEPTH + 1, "nested deeper than");
    String nots = "not ".repeat(100_000) + "available";
    assertThrows(Expression.Invalid.class, () -> Expression.parse(nots));
    String ok = "(".repeat(ExpressionParser.MAX_DEPTH) + "available" + ")".repeat(32);
    assertTrue(Expression.parse(ok).test(new Neighbor("a", 1, null, Map.of())));
  }

  @Test
  void unicodeValuesAndKeywordCase_areAccepted() {
    Expression e =
        Expression.parse("NOT category = \"sko\u0308r\" And attr.m\u00e4rke = \"\u00e9\"");
    assertTrue(e.test(new Neighbor("a", 1, "hats", Map.of("m\u00e4rke", "\u00e9"))));
    assertFalse(e.test(new Neighbor("a", 1, "sko\u0308r", Map.of("m\u00e4rke", "\u00e9"))));
  }

  @Test
  void numbers_readAsParseDoubleReadsThem() {
    for (String s : new String[] {"0", "19.99", "-2.5", "40.5", "1234567.891", "+7", ".5"}) {
      assertEquals(Double.parseDouble(s), Expression.number(s), s);
    }
    for (String s : new String[] {"", "-", ".", "5.", "1e3", "XL", "1.2.3"}) {
      assertTrue(Double.isNaN(Expression.number(s)), s);
    }
  }

  @Test
  void evaluation_allocatesNothing() {
    List<Neighbor> catalog = catalog(new Random(7), 1000);
    Expression e =
        Expression.parse(
            "available and price in 10..50 and (category in (\"shoes\", \"bags\") or"
                + " attr.brand = \"house\" or attr.size >= 38) and not sku = \"s1\"");
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
    long thread = Thread.currentThread().getId();
    int passed = 0;
    long before = threads.getThreadAllocatedBytes(thread);
    for (int round = 0; round < 200; round++) {
      for (int i = 0; i < catalog.size(); i++) {
        passed += e.test(catalog.get(i)) ? 1 : 0;
      }
    }
    long allocated = threads.getThreadAllocatedBytes(thread) - before;
    assertTrue(passed > 0);
    // 200,000 evaluations: a single object per evaluation would be megabytes
    assertTrue(allocated < 64 * 1024, allocated + " bytes allocated");
  }

  private static void assertError(String text, int position, String message) {
    Expression.Invalid e = assertThrows(Expression.Invalid.class, () -> Expression.parse(text));
    assertTrue(e.getMessage().contains(message), e.getMessage());
    assertEquals(position, e.position(), e.getMessage());
  }
}
