package dev.alike.serving;

import dev.alike.store.Neighbor;
import java.util.Set;

/**
 * A parsed filter expression over a SKU's catalog data (docs/function.md has the language): {@code
 * available and price >= 20 and (category in ("shoes", "bags") or attr.brand = "house")}. Built
 * once by {@link ExpressionParser}, then tested against each candidate with no allocation: nodes
 * hold their operands already converted (numbers as doubles, {@code in} lists as sets) and a
 * numeric comparison on an attribute reads its text without creating objects ({@link #number}).
 *
 * <p>A missing value (no category, no such attribute, no price, an attribute that is not a number
 * in a numeric comparison) makes every comparison false; {@code not} and {@code !=} are plain
 * negations of their comparisons, so {@code category != "shoes"} holds for a SKU without category.
 */
public abstract class Expression {
  /** Longest text accepted: a placement's filter reads at a glance; a longer one is a mistake. */
  public static final int MAX_LENGTH = 2000;

  private final String text;

  Expression(String text) {
    this.text = text;
  }

  /** Whether {@code entry} passes. */
  public abstract boolean test(Neighbor entry);

  /** The source text this node was parsed from. */
  @Override
  public String toString() {
    return text;
  }

  /**
   * Parses {@code text}.
   *
   * @throws Invalid naming the position (1-based) and what was expected
   */
  public static Expression parse(String text) {
    return new ExpressionParser(text).parse();
  }

  /** Both {@code a} and {@code b}; either may be null (then the other is returned). */
  public static Expression and(Expression a, Expression b) {
    if (a == null || b == null) {
      return a == null ? b : a;
    }
    return new And("(" + a + ") and (" + b + ")", new Expression[] {a, b});
  }

  /** A text that is not an expression: the message names the position and the problem. */
  public static final class Invalid extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final int position;

    Invalid(String message, int position) {
      super(message + " at position " + position);
      this.position = position;
    }

    /** 1-based character position of the problem in the expression. */
    public int position() {
      return position;
    }
  }

  /** What a comparison reads from an entry. */
  enum Field {
    SKU,
    CATEGORY,
    PRICE,
    AVAILABLE,
    ATTRIBUTE
  }

  /** The text of {@code field} (attribute {@code name}) of {@code e}, or null when missing. */
  static String text(Neighbor e, Field field, String name) {
    return switch (field) {
      case SKU -> e.sku();
      case CATEGORY -> e.category();
      case ATTRIBUTE -> e.attributes().get(name);
      case PRICE, AVAILABLE -> null;
    };
  }

  /** The number of {@code field} of {@code e}, NaN when missing or not a number. */
  static double number(Neighbor e, Field field, String name) {
    return field == Field.PRICE ? e.price() : number(text(e, field, name));
  }

  /**
   * {@code s} as a plain decimal ({@code -12.5}, {@code 40}); NaN for null or anything else.
   * Mantissas up to 15 digits are read without allocating (one correctly rounded division gives the
   * same double as {@link Double#parseDouble}); longer ones go to {@code parseDouble}.
   */
  static double number(String s) {
    if (s == null || s.isEmpty()) {
      return Double.NaN;
    }
    int at = s.charAt(0) == '-' || s.charAt(0) == '+' ? 1 : 0;
    long mantissa = 0;
    int digits = 0;
    int scale = -1;
    for (int i = at; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '.' && scale < 0) {
        scale = 0;
      } else if (c >= '0' && c <= '9') {
        mantissa = mantissa * 10 + (c - '0');
        digits++;
        scale += scale >= 0 ? 1 : 0;
      } else {
        return Double.NaN;
      }
    }
    if (digits == 0 || scale == 0) {
      return Double.NaN; // "", "-", ".", "5."
    }
    if (digits > 15) {
      return Double.parseDouble(s);
    }
    double v = scale > 0 ? mantissa / POWERS[scale] : mantissa;
    return s.charAt(0) == '-' ? -v : v;
  }

  private static final double[] POWERS = {
    1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15
  };

  /** {@code a and b and ...}. */
  static final class And extends Expression {
    private final Expression[] parts;

    And(String text, Expression[] parts) {
      super(text);
      this.parts = parts;
    }

    @Override
    public boolean test(Neighbor e) {
      for (Expression p : parts) {
        if (!p.test(e)) {
          return false;
        }
      }
      return true;
    }
  }

  /** {@code a or b or ...}. */
  static final class Or extends Expression {
    private final Expression[] parts;

    Or(String text, Expression[] parts) {
      super(text);
      this.parts = parts;
    }

    @Override
    public boolean test(Neighbor e) {
      for (Expression p : parts) {
        if (p.test(e)) {
          return true;
        }
      }
      return false;
    }
  }

  /** {@code not a}. */
  static final class Not extends Expression {
    private final Expression inner;

    Not(String text, Expression inner) {
      super(text);
      this.inner = inner;
    }

    @Override
    public boolean test(Neighbor e) {
      return !inner.test(e);
    }
  }

  /** {@code available}, {@code available = false}. */
  static final class Available extends Expression {
    private final boolean wanted;

    Available(String text, boolean wanted) {
      super(text);
      this.wanted = wanted;
    }

    @Override
    public boolean test(Neighbor e) {
      return e.available() == wanted;
    }
  }

  /** {@code field = "text"}, or with {@code negate} {@code field != "text"}. */
  static final class TextEquals extends Expression {
    private final Field field;
    private final String name;
    private final String value;
    private final boolean negate;

    TextEquals(String text, Field field, String name, String value, boolean negate) {
      super(text);
      this.field = field;
      this.name = name;
      this.value = value;
      this.negate = negate;
    }

    @Override
    public boolean test(Neighbor e) {
      return value.equals(text(e, field, name)) != negate;
    }
  }

  /** {@code field in ("a", "b")}. */
  static final class TextIn extends Expression {
    private final Field field;
    private final String name;
    private final Set<String> values;

    TextIn(String text, Field field, String name, Set<String> values) {
      super(text);
      this.field = field;
      this.name = name;
      this.values = values;
    }

    @Override
    public boolean test(Neighbor e) {
      String v = text(e, field, name);
      return v != null && values.contains(v);
    }
  }

  /** {@code field OP number} for =, !=, <, <=, >, >=. */
  static final class Compare extends Expression {
    /**
     * The operators, resolved once at parse time: a switch on the text per candidate would hash.
     */
    private enum Op {
      EQ,
      NE,
      LT,
      LE,
      GT,
      GE
    }

    private final Field field;
    private final String name;
    private final Op op;
    private final double value;

    Compare(String text, Field field, String name, String op, double value) {
      super(text);
      this.field = field;
      this.name = name;
      this.op =
          switch (op) {
            case "=" -> Op.EQ;
            case "!=" -> Op.NE;
            case "<" -> Op.LT;
            case "<=" -> Op.LE;
            case ">" -> Op.GT;
            case ">=" -> Op.GE;
            default -> throw new IllegalArgumentException("unknown operator " + op);
          };
      this.value = value;
    }

    @Override
    public boolean test(Neighbor e) {
      double v = number(e, field, name);
      return switch (op) {
        case EQ -> v == value;
        case NE -> !(v == value);
        case LT -> v < value;
        case LE -> v <= value;
        case GT -> v > value;
        case GE -> v >= value;
      };
    }
  }

  /** {@code field in (1, 2, 3)}: numeric membership. */
  static final class NumberIn extends Expression {
    private final Field field;
    private final String name;
    private final double[] values;

    NumberIn(String text, Field field, String name, double[] values) {
      super(text);
      this.field = field;
      this.name = name;
      this.values = values;
    }

    @Override
    public boolean test(Neighbor e) {
      double v = number(e, field, name);
      for (double x : values) {
        if (v == x) {
          return true;
        }
      }
      return false;
    }
  }

  /** {@code field in lo..hi}: both ends included. */
  static final class Range extends Expression {
    private final Field field;
    private final String name;
    private final double low;
    private final double high;

    Range(String text, Field field, String name, double low, double high) {
      super(text);
      this.field = field;
      this.name = name;
      this.low = low;
      this.high = high;
    }

    @Override
    public boolean test(Neighbor e) {
      double v = number(e, field, name);
      return v >= low && v <= high;
    }
  }
}
