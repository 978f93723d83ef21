package dev.alike.events;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.UUID;

/**
 * How synthetic customer and SKU ids look: the shapes real shops use, so that benchmarks and tests
 * cover more than {@code c123}. Every shape maps index {@code i} to one distinct id. Ids of
 * different shapes sort differently, so lists whose ties are broken by SKU id can differ in the
 * order of equal scores between shapes ({@code IdShapeOutputsTest} compares them up to ties).
 */
public enum IdShape {
  /** {@code c123}, {@code s45}: 2-8 bytes. */
  SHORT("short") {
    @Override
    public String customer(int i) {
      return "c" + i;
    }

    @Override
    public String sku(int i) {
      return "s" + i;
    }
  },
  /** Eight-digit numbers from {@code 10000000}: what shop systems' customer numbers look like. */
  DIGITS8("digits8") {
    @Override
    public String customer(int i) {
      return Integer.toString(10_000_000 + i);
    }

    @Override
    public String sku(int i) {
      return Integer.toString(10_000_000 + i);
    }
  },
  /** 8-14 bytes: {@code C-10000000}, SKU codes {@code SKU-100000-BLK}. */
  CODES("codes") {
    @Override
    public String customer(int i) {
      return "C-" + (10_000_000 + i);
    }

    @Override
    public String sku(int i) {
      return "SKU-" + (100_000 + i) + "-BLK";
    }
  },
  /** Random-looking version-4 UUIDs, 36 bytes, derived from the index. */
  UUID("uuid") {
    @Override
    public String customer(int i) {
      return uuid(i, 0x5DEECE66DL);
    }

    @Override
    public String sku(int i) {
      return uuid(i, 0xB5026F5AA96619E9L);
    }
  },
  /** 40 hex digits, the SHA-1 of {@code customer:<i>}: e-mail or account hashes. */
  HASH40("hash40") {
    @Override
    public String customer(int i) {
      return sha1("customer:" + i);
    }

    @Override
    public String sku(int i) {
      return sha1("sku:" + i);
    }
  },
  /** Non-ASCII ids with a slash: {@code kunde-ü/123}, {@code 商品/45}. */
  UNICODE("unicode") {
    @Override
    public String customer(int i) {
      return "kunde-ü/" + i;
    }

    @Override
    public String sku(int i) {
      return "商品/" + i;
    }
  };

  private final String label;

  IdShape(String label) {
    this.label = label;
  }

  /** The name used on the command line ({@code --ids uuid}). */
  public String label() {
    return label;
  }

  /** The id of customer {@code i >= 0}. */
  public abstract String customer(int i);

  /** The id of SKU {@code i >= 0}. */
  public abstract String sku(int i);

  /**
   * The shape named {@code label}.
   *
   * @throws IllegalArgumentException naming the label and the shapes there are
   */
  public static IdShape parse(String label) {
    String wanted = label.trim().toLowerCase(Locale.ROOT);
    for (IdShape shape : values()) {
      if (shape.label.equals(wanted)) {
        return shape;
      }
    }
    StringBuilder names = new StringBuilder();
    for (IdShape shape : values()) {
      names.append(names.length() == 0 ? "" : ", ").append(shape.label);
    }
    throw new IllegalArgumentException("unknown id shape \"" + label + "\"; use " + names);
  }

  private static String uuid(int i, long salt) {
    long hi = mix(i * 0x9E3779B97F4A7C15L + salt);
    long lo = mix(hi ^ salt);
    hi = (hi & ~0xF000L) | 0x4000L; // version 4
    lo = (lo & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L; // IETF variant
    return new UUID(hi, lo).toString();
  }

  /** SplitMix64's finalizer: distinct inputs give distinct, well-spread outputs. */
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  private static String sha1(String text) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-1");
      return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK always has SHA-1", e);
    }
  }
}
