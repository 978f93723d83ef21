package dev.alike.eval;

import dev.alike.model.InteractionMatrix;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.function.IntPredicate;

/**
 * The new-arrivals baselines of {@link ColdStartEvaluation}. Popular-in-category: new SKUs ranked
 * by how many of the customer's training SKUs share their category, then by the category's training
 * interactions over all customers, then by SKU id (new SKUs have no popularity of their own).
 * Random: a seeded shuffle per customer.
 */
final class CategoryBaseline {
  private final InteractionMatrix matrix;
  private final String[] category;
  private final int[] candidates;
  private final Map<String, Integer> popularity = new HashMap<>();

  CategoryBaseline(InteractionMatrix matrix, String[] category, IntPredicate isNew) {
    this.matrix = matrix;
    this.category = category;
    this.candidates =
        java.util.stream.IntStream.range(0, matrix.skuCount()).filter(isNew).toArray();
    int[] colPtr = matrix.colPtr();
    for (int i = 0; i < matrix.skuCount(); i++) {
      if (category[i] != null) {
        popularity.merge(category[i], colPtr[i + 1] - colPtr[i], Integer::sum);
      }
    }
  }

  int[] top(int u, int n) {
    Map<String, Integer> own = new HashMap<>();
    for (int e = matrix.rowPtr()[u]; e < matrix.rowPtr()[u + 1]; e++) {
      String c = category[matrix.rowSkus()[e]];
      if (c != null) {
        own.merge(c, 1, Integer::sum);
      }
    }
    Integer[] order = Arrays.stream(candidates).boxed().toArray(Integer[]::new);
    Arrays.sort(
        order,
        Comparator.<Integer>comparingInt(i -> -own.getOrDefault(key(i), 0))
            .thenComparingInt(i -> -popularity.getOrDefault(key(i), 0))
            .thenComparing(i -> matrix.skus().id(i)));
    return Arrays.stream(order).limit(n).mapToInt(Integer::intValue).toArray();
  }

  int[] random(int u, int n) {
    int[] shuffled = candidates.clone();
    Random random = new Random(u);
    for (int i = shuffled.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = shuffled[i];
      shuffled[i] = shuffled[j];
      shuffled[j] = t;
    }
    return Arrays.copyOf(shuffled, Math.min(n, shuffled.length));
  }

  private String key(int i) {
    return category[i] == null ? "" : category[i];
  }
}
