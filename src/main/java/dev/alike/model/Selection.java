package dev.alike.model;

/**
 * Picks the best n of m scored candidates in O(m + n log n): quickselect to put the n best in front
 * (any order), then sort only those. Order: higher score first, equal scores by lower rank.
 */
final class Selection {
  private Selection() {}

  /**
   * Reorders {@code items[0..m)} so that the best {@code min(n, m)} come first, best first, and
   * returns that count. {@code score} and {@code ranks} are indexed by item.
   */
  static int topN(int[] items, int m, int n, double[] score, int[] ranks) {
    int want = Math.min(n, m);
    if (want <= 0) {
      return 0;
    }
    if (want < m) {
      select(items, 0, m - 1, want - 1, score, ranks);
    }
    insertionSortOrFull(items, want, score, ranks);
    return want;
  }

  private static boolean before(int a, int b, double[] score, int[] ranks) {
    return score[a] > score[b] || (score[a] == score[b] && ranks[a] < ranks[b]);
  }

  /** Hoare-style quickselect so that position {@code target} holds its sorted element. */
  private static void select(int[] a, int lo, int hi, int target, double[] score, int[] ranks) {
    while (hi > lo) {
      int mid = (lo + hi) >>> 1;
      // Median of three keeps already ordered inputs (common: lists arrive best first) linear.
      if (before(a[mid], a[lo], score, ranks)) {
        swap(a, lo, mid);
      }
      if (before(a[hi], a[lo], score, ranks)) {
        swap(a, lo, hi);
      }
      if (before(a[hi], a[mid], score, ranks)) {
        swap(a, mid, hi);
      }
      int pivot = a[mid];
      int i = lo;
      int j = hi;
      while (i <= j) {
        while (before(a[i], pivot, score, ranks)) {
          i++;
        }
        while (before(pivot, a[j], score, ranks)) {
          j--;
        }
        if (i <= j) {
          swap(a, i++, j--);
        }
      }
      if (target <= j) {
        hi = j;
      } else if (target >= i) {
        lo = i;
      } else {
        return;
      }
    }
  }

  /**
   * Insertion sort up to 128 items (k and n are usually 10-100, where it beats anything with
   * allocation), a boxed sort beyond.
   */
  private static void insertionSortOrFull(int[] a, int n, double[] score, int[] ranks) {
    if (n <= 128) {
      for (int i = 1; i < n; i++) {
        int x = a[i];
        int j = i - 1;
        while (j >= 0 && before(x, a[j], score, ranks)) {
          a[j + 1] = a[j];
          j--;
        }
        a[j + 1] = x;
      }
      return;
    }
    Integer[] boxed = new Integer[n];
    for (int i = 0; i < n; i++) {
      boxed[i] = a[i];
    }
    java.util.Arrays.sort(
        boxed, (x, y) -> before(x, y, score, ranks) ? -1 : before(y, x, score, ranks) ? 1 : 0);
    for (int i = 0; i < n; i++) {
      a[i] = boxed[i];
    }
  }

  private static void swap(int[] a, int i, int j) {
    int t = a[i];
    a[i] = a[j];
    a[j] = t;
  }
}
