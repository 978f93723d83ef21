package dev.alike.model;

import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * Writes a shop for timing cold start, run by hand (docs/benchmarks.md, "New products"): {@code
 * events.jsonl} and {@code catalog.jsonl} in DIR, SKUS catalog SKUs with a title (3 to 7 words of
 * 5,000), a description (15 to 40 words of 20,000, the commonest in most descriptions as "the" and
 * "and" are), one of 500 categories and a brand of 1,000, all Zipf-distributed; the last COLD_SHARE
 * of the SKUs has no events, the others are bought by 50,000 customers (2 to 20 SKUs each, Zipf).
 * Build it twice, with {@code --cold-start-min-interactions 0} and without.
 *
 * <pre>
 * java -cp target/alike.jar:target/test-classes dev.alike.model.ColdStartBenchmark DIR SKUS COLD_SHARE
 * </pre>
 */
public final class ColdStartBenchmark {
  private ColdStartBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    int skus = Integer.parseInt(args[1]);
    double coldShare = Double.parseDouble(args[2]);
    Files.createDirectories(dir);
    Random random = new Random(42);
    Zipf titleWords = new Zipf(5_000, random);
    Zipf descriptionWords = new Zipf(20_000, random);
    Zipf categories = new Zipf(500, random);
    Zipf brands = new Zipf(1_000, random);
    try (BufferedWriter out =
        Files.newBufferedWriter(dir.resolve("catalog.jsonl"), StandardCharsets.UTF_8)) {
      for (int i = 0; i < skus; i++) {
        out.write("{\"sku\":\"p" + i + "\",\"title\":\"");
        words(out, titleWords, 3 + random.nextInt(5), "t");
        out.write("\",\"description\":\"");
        words(out, descriptionWords, 15 + random.nextInt(26), "d");
        out.write("\",\"category\":\"cat" + categories.next() + "\",\"attributes\":{\"brand\":\"b");
        out.write(brands.next() + "\"}}\n");
      }
    }
    int warm = (int) Math.round(skus * (1 - coldShare));
    Zipf bought = new Zipf(Math.max(1, warm), random);
    try (BufferedWriter out =
        Files.newBufferedWriter(dir.resolve("events.jsonl"), StandardCharsets.UTF_8)) {
      for (int c = 0; c < 50_000; c++) {
        int n = 2 + random.nextInt(19);
        for (int e = 0; e < n; e++) {
          out.write(
              "{\"customer\":\"c"
                  + c
                  + "\",\"sku\":\"p"
                  + bought.next()
                  + "\",\"event\":\"buy\"}\n");
        }
      }
    }
  }

  private static void words(BufferedWriter out, Zipf words, int n, String prefix)
      throws java.io.IOException {
    for (int w = 0; w < n; w++) {
      out.write((w > 0 ? " " : "") + prefix + words.next());
    }
  }

  /** Ranks 0..n-1 drawn with probability proportional to 1 / (rank + 1). */
  private static final class Zipf {
    private final double[] cumulative;
    private final Random random;

    Zipf(int n, Random random) {
      this.random = random;
      cumulative = new double[n];
      double sum = 0;
      for (int r = 0; r < n; r++) {
        sum += 1.0 / (r + 1);
        cumulative[r] = sum;
      }
    }

    int next() {
      double x = random.nextDouble() * cumulative[cumulative.length - 1];
      int at = java.util.Arrays.binarySearch(cumulative, x);
      return Math.min(cumulative.length - 1, at >= 0 ? at : -at - 1);
    }
  }
}
