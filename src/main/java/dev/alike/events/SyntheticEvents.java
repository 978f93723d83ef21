package dev.alike.events;

import com.google.gson.JsonPrimitive;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Realistic synthetic shop events for demos and benchmarks, as JSON Lines {@code
 * {"customer":"c42","sku":"s7","event":"view","ts":1762000000}} plus a catalog.
 *
 * <p>The shape follows what shops see: customer activity is heavy-tailed (a few customers do a lot,
 * most do little), each customer favours a few categories, popularity within a category is Zipf,
 * and the funnel narrows (every interaction is a view, about 1 in 7 adds to cart, 2 in 5 carts
 * buy). Timestamps spread over {@link #WEEKS} weeks. The same settings and seed give the same
 * bytes.
 */
public final class SyntheticEvents {
  /** Weeks of history: enough for recency weighting with a 30-day half-life to matter. */
  static final int WEEKS = 8;

  /** Last timestamp: 2026-11-01T00:00:00Z, fixed so the output is reproducible. */
  static final long END = 1_793_491_200L;

  /** Share of a customer's interactions in their favourite categories; the rest explore. */
  private static final double LOYALTY = 0.8;

  private static final double CART_RATE = 0.15;
  private static final double BUY_RATE = 0.4;

  private final int customers;
  private final int skus;
  private final int categories;
  private final double eventsPerCustomer;
  private final long seed;
  private final IdShape ids;

  /** Events with {@link IdShape#SHORT} ids ({@code c42}, {@code s7}). */
  public SyntheticEvents(
      int customers, int skus, int categories, double eventsPerCustomer, long seed) {
    this(customers, skus, categories, eventsPerCustomer, seed, IdShape.SHORT);
  }

  /**
   * @param eventsPerCustomer mean number of events per customer (10 in the benchmarks)
   * @param ids how customer and SKU ids look; the same seed gives the same events in every shape
   */
  public SyntheticEvents(
      int customers, int skus, int categories, double eventsPerCustomer, long seed, IdShape ids) {
    if (customers < 1 || skus < 1) {
      throw new IllegalArgumentException(
          "need at least 1 customer and 1 SKU, got " + customers + " and " + skus);
    }
    if (categories < 1 || categories > skus) {
      throw new IllegalArgumentException(
          "categories must be in [1, skus=" + skus + "], was " + categories);
    }
    if (!(eventsPerCustomer >= 1)) {
      throw new IllegalArgumentException(
          "events per customer must be >= 1, was " + eventsPerCustomer);
    }
    this.customers = customers;
    this.skus = skus;
    this.categories = categories;
    this.eventsPerCustomer = eventsPerCustomer;
    this.seed = seed;
    this.ids = ids;
  }

  /** The category of SKU {@code s<index>}: SKUs are dealt to categories in contiguous blocks. */
  public int categoryOf(int sku) {
    return (int) ((long) sku * categories / skus);
  }

  /** First SKU index of a category. */
  private int firstSku(int category) {
    return (int) (((long) category * skus + categories - 1) / categories);
  }

  /** Writes the events and returns how many were written. */
  public long writeEvents(Path out) throws IOException {
    try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(out), 1 << 20)) {
      return writeEvents(os);
    }
  }

  /** Writes the events to {@code os} (not closed) and returns how many were written. */
  public long writeEvents(OutputStream os) throws IOException {
    SplittableRandom random = new SplittableRandom(seed);
    double[] categoryCdf = zipfCdf(categories, 1.0);
    double[][] skuCdf = new double[categories][];
    byte[][] skuIds = new byte[skus][];
    for (int s = 0; s < skus; s++) {
      skuIds[s] = quoted(ids.sku(s));
    }
    LineWriter line = new LineWriter(os);
    long written = 0;
    long span = WEEKS * 7L * 86_400;
    int[] favourites = new int[3];
    for (int u = 0; u < customers; u++) {
      byte[] customer = quoted(ids.customer(u));
      int favouriteCount = 1 + random.nextInt(3);
      for (int f = 0; f < favouriteCount; f++) {
        favourites[f] = sample(categoryCdf, random);
      }
      int budget = activity(random);
      long time = END - (long) (random.nextDouble() * span);
      while (budget > 0) {
        int category =
            random.nextDouble() < LOYALTY
                ? favourites[random.nextInt(favouriteCount)]
                : sample(categoryCdf, random);
        int sku = pickSku(category, skuCdf, random);
        time = Math.min(END, time + 30 + random.nextInt(3_600));
        line.write(customer, skuIds[sku], "view", time);
        budget--;
        written++;
        if (budget > 0 && random.nextDouble() < CART_RATE) {
          line.write(customer, skuIds[sku], "cart", Math.min(END, time + 20));
          budget--;
          written++;
          if (budget > 0 && random.nextDouble() < BUY_RATE) {
            line.write(customer, skuIds[sku], "purchase", Math.min(END, time + 300));
            budget--;
            written++;
          }
        }
      }
    }
    line.flush();
    return written;
  }

  /** Writes the catalog: category, a gender attribute, and every 50th SKU unavailable. */
  public void writeCatalog(Path out) throws IOException {
    String[] genders = {"female", "male", "unisex"};
    try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(out), 1 << 20)) {
      StringBuilder sb = new StringBuilder(128);
      for (int s = 0; s < skus; s++) {
        sb.setLength(0);
        sb.append("{\"sku\":")
            .append(new String(quoted(ids.sku(s)), StandardCharsets.UTF_8))
            .append(",\"category\":\"cat-")
            .append(categoryOf(s))
            .append("\",\"attributes\":{\"gender\":\"")
            .append(genders[Math.floorMod(s * 31 + 7, 3)])
            .append("\"},\"available\":")
            .append(s % 50 != 49)
            .append("}\n");
        os.write(sb.toString().getBytes(StandardCharsets.UTF_8));
      }
    }
  }

  /**
   * Events for one customer: Pareto-like, mean about {@code eventsPerCustomer}, at least 1, capped
   * at 100x the mean so a single generated customer cannot dominate a benchmark.
   */
  private int activity(SplittableRandom random) {
    // Pareto with shape 2 has mean 2 * xm: xm = mean / 2.
    double xm = eventsPerCustomer / 2;
    double draw = xm / Math.sqrt(1 - random.nextDouble());
    return (int) Math.max(1, Math.min(Math.round(draw), eventsPerCustomer * 100));
  }

  private int pickSku(int category, double[][] skuCdf, SplittableRandom random) {
    int first = firstSku(category);
    if (skuCdf[category] == null) {
      skuCdf[category] = zipfCdf(firstSku(category + 1) - first, 1.0);
    }
    return first + sample(skuCdf[category], random);
  }

  /** {@code id} as a quoted JSON string, in UTF-8. */
  private static byte[] quoted(String id) {
    return new JsonPrimitive(id).toString().getBytes(StandardCharsets.UTF_8);
  }

  private static double[] zipfCdf(int n, double exponent) {
    double[] cdf = new double[n];
    double total = 0;
    for (int r = 0; r < n; r++) {
      total += 1 / Math.pow(r + 1, exponent);
      cdf[r] = total;
    }
    for (int r = 0; r < n; r++) {
      cdf[r] /= total;
    }
    return cdf;
  }

  private static int sample(double[] cdf, SplittableRandom random) {
    int at = Arrays.binarySearch(cdf, random.nextDouble());
    int index = at >= 0 ? at : -at - 1;
    return Math.min(index, cdf.length - 1);
  }

  /** Formats event lines as bytes without building Strings per line. */
  private static final class LineWriter {
    private final OutputStream os;
    private final byte[] buffer = new byte[1 << 16];
    private int size;

    LineWriter(OutputStream os) {
      this.os = os;
    }

    /** One event line; {@code customer} and {@code sku} are quoted JSON strings. */
    void write(byte[] customer, byte[] sku, String event, long time) throws IOException {
      if (size > buffer.length - 128 - customer.length - sku.length) {
        flush();
      }
      ascii("{\"customer\":");
      bytes(customer);
      ascii(",\"sku\":");
      bytes(sku);
      ascii(",\"event\":\"");
      ascii(event);
      ascii("\",\"ts\":");
      number(time);
      ascii("}\n");
    }

    private void ascii(String s) {
      for (int i = 0; i < s.length(); i++) {
        buffer[size++] = (byte) s.charAt(i);
      }
    }

    private void bytes(byte[] b) {
      System.arraycopy(b, 0, buffer, size, b.length);
      size += b.length;
    }

    private void number(long value) {
      int start = size;
      do {
        buffer[size++] = (byte) ('0' + value % 10);
        value /= 10;
      } while (value > 0);
      for (int i = start, j = size - 1; i < j; i++, j--) {
        byte t = buffer[i];
        buffer[i] = buffer[j];
        buffer[j] = t;
      }
    }

    void flush() throws IOException {
      os.write(buffer, 0, size);
      size = 0;
    }
  }
}
