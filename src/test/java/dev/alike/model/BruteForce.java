package dev.alike.model;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Dense, obviously-correct reference computations for cross-checking the sparse kernels. */
final class BruteForce {
  private BruteForce() {}

  static double[][] dense(InteractionMatrix m) {
    double[][] a = new double[m.customerCount()][m.skuCount()];
    for (int u = 0; u < m.customerCount(); u++) {
      for (int i = 0; i < m.skuCount(); i++) {
        a[u][i] = m.value(u, i);
      }
    }
    return a;
  }

  /** sim = D^-1 A^T A D^-1 computed densely. */
  static double[][] cosine(InteractionMatrix m) {
    double[][] a = dense(m);
    int n = m.skuCount();
    double[][] sim = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        double dot = 0;
        double ni = 0;
        double nj = 0;
        for (double[] row : a) {
          dot += row[i] * row[j];
          ni += row[i] * row[i];
          nj += row[j] * row[j];
        }
        sim[i][j] = ni > 0 && nj > 0 ? dot / Math.sqrt(ni * nj) : 0;
      }
    }
    return sim;
  }

  static double[][] jaccard(InteractionMatrix m) {
    double[][] a = dense(m);
    int n = m.skuCount();
    double[][] sim = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        int both = 0;
        int either = 0;
        for (double[] row : a) {
          both += row[i] > 0 && row[j] > 0 ? 1 : 0;
          either += row[i] > 0 || row[j] > 0 ? 1 : 0;
        }
        sim[i][j] = either > 0 ? (double) both / either : 0;
      }
    }
    return sim;
  }

  /** Indices of the top k of {@code row} (excluding {@code self}, scores > 0), ties by id. */
  static int[] topK(double[] row, int self, int k, IdIndex ids) {
    List<Integer> candidates = new ArrayList<>();
    for (int j = 0; j < row.length; j++) {
      if (j != self && row[j] > 1e-12) {
        candidates.add(j);
      }
    }
    candidates.sort(
        Comparator.<Integer>comparingDouble(j -> -row[j]).thenComparing(j -> ids.id(j)));
    return candidates.stream().limit(k).mapToInt(Integer::intValue).toArray();
  }

  /**
   * The design's formula literally: score(i) = sum over j of s_ij * r_uj for j among i's top k
   * (taken from the given lists), for every i.
   */
  static double[] recommendScores(NeighborLists lists, double[] customer) {
    double[] score = new double[lists.size()];
    for (int i = 0; i < lists.size(); i++) {
      for (int at = lists.start(i); at < lists.end(i); at++) {
        score[i] += lists.score(at) * customer[lists.item(at)];
      }
    }
    return score;
  }
}
