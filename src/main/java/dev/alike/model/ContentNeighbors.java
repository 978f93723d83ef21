package dev.alike.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * Content neighbours: the SKUs whose text, category and attributes ({@link ProductText#terms}) are
 * closest by TF-IDF cosine. The terms play the customers' part in the collaborative kernel: a terms
 * x products matrix of term counts goes through {@link TfIdfSimilarity} (sqrt(count) * idf(term),
 * columns L2-normalised) and {@link NeighborSearch}, so the similarity is defined once and the
 * product is sparse: each queried product walks the posting lists of its own terms, never an n x n
 * matrix.
 */
public final class ContentNeighbors {
  /**
   * A term held by more than max(this, products / {@link #COMMON_SHARE}) products is dropped: each
   * queried product pays the length of its terms' posting lists, so terms in many products ("the",
   * "set", a category or an attribute value holding a large part of the shop) would make the search
   * close to quadratic while separating little (idf at most log(50), against about log(products)
   * for a rare term; on the 100k benchmark catalog the cut at a fiftieth rather than a tenth
   * divides the multiply-adds by about 5 by its Zipf estimate). Up to this many a term always
   * counts, so catalogs of up to 50,000 products keep every term held by at most 1,000.
   */
  static final int MIN_COMMON_POSTINGS = 1000;

  /** See {@link #MIN_COMMON_POSTINGS}. */
  static final int COMMON_SHARE = 50;

  private ContentNeighbors() {}

  /**
   * The top {@code k} content neighbours of each SKU with {@code query[i]}, among every SKU with
   * terms, scores in (0, 1], best first, ties by SKU id; other SKUs' lists are empty, as are those
   * of a SKU without terms.
   *
   * @param skus the model's SKUs
   * @param text the text of the SKU at an index ({@link ProductText#NONE} when unknown)
   */
  public static NeighborLists search(
      IdIndex skus, IntFunction<ProductText> text, boolean[] query, int k, int threads) {
    int n = skus.size();
    Corpus corpus = Corpus.of(n, text);
    NeighborLists found = NeighborLists.ofSlots(new int[0], new float[0], new int[0], k);
    boolean[] docQuery = new boolean[corpus.product.length];
    boolean any = false;
    for (int d = 0; d < docQuery.length; d++) {
      docQuery[d] = query[corpus.product[d]];
      any |= docQuery[d];
    }
    if (any) {
      List<String> ids = new ArrayList<>(corpus.product.length);
      for (int i : corpus.product) {
        ids.add(skus.id(i));
      }
      InteractionMatrix terms = corpus.matrix(IdIndex.ofDistinct(ids));
      found = new NeighborSearch(terms, new TfIdfSimilarity(), k, threads).run(docQuery);
    }
    return inModelIndices(found, corpus.product, n);
  }

  /** Lists over the products (documents) renumbered to model indices, empty for the others. */
  private static NeighborLists inModelIndices(NeighborLists docs, int[] product, int n) {
    int[] ptr = new int[n + 1];
    int[] length = new int[n];
    for (int d = 0; d < docs.size(); d++) {
      length[product[d]] = docs.length(d);
    }
    for (int i = 0; i < n; i++) {
      ptr[i + 1] = ptr[i] + length[i];
    }
    int[] items = new int[ptr[n]];
    float[] scores = new float[ptr[n]];
    for (int d = 0; d < docs.size(); d++) {
      int out = ptr[product[d]];
      for (int at = docs.start(d); at < docs.end(d); at++, out++) {
        items[out] = product[docs.item(at)];
        scores[out] = docs.score(at);
      }
    }
    return new NeighborLists(ptr, items, scores);
  }

  /** Products with terms (documents) and their term counts, term ids dense. */
  private static final class Corpus {
    /** Model index of each document. */
    final int[] product;

    /** Per document its distinct term ids, ascending, and their counts. */
    final int[][] termIds;

    final int[][] counts;
    final List<String> terms;

    private Corpus(int[] product, int[][] termIds, int[][] counts, List<String> terms) {
      this.product = product;
      this.termIds = termIds;
      this.counts = counts;
      this.terms = terms;
    }

    static Corpus of(int n, IntFunction<ProductText> text) {
      Map<String, Integer> dictionary = new HashMap<>();
      List<String> terms = new ArrayList<>();
      int[] product = new int[n];
      int[][] termIds = new int[n][];
      int[][] counts = new int[n][];
      int docs = 0;
      for (int i = 0; i < n; i++) {
        List<String> words = text.apply(i).terms();
        if (words.isEmpty()) {
          continue;
        }
        int[] ids = new int[words.size()];
        for (int w = 0; w < ids.length; w++) {
          String term = words.get(w);
          ids[w] =
              dictionary.computeIfAbsent(
                  term,
                  t -> {
                    terms.add(t);
                    return terms.size() - 1;
                  });
        }
        Arrays.sort(ids);
        int distinct = 0;
        int[] count = new int[ids.length];
        for (int w = 0; w < ids.length; w++) {
          if (distinct > 0 && ids[distinct - 1] == ids[w]) {
            count[distinct - 1]++;
          } else {
            ids[distinct] = ids[w];
            count[distinct++] = 1;
          }
        }
        product[docs] = i;
        termIds[docs] = Arrays.copyOf(ids, distinct);
        counts[docs++] = Arrays.copyOf(count, distinct);
      }
      return new Corpus(
          Arrays.copyOf(product, docs),
          Arrays.copyOf(termIds, docs),
          Arrays.copyOf(counts, docs),
          terms);
    }

    /**
     * The terms x documents matrix of counts, common terms dropped ({@link #MIN_COMMON_POSTINGS}):
     * rows are terms, so each row lists its documents in increasing order, as the kernel needs.
     */
    InteractionMatrix matrix(IdIndex documents) {
      int docs = product.length;
      int[] df = new int[terms.size()];
      for (int[] ids : termIds) {
        for (int t : ids) {
          df[t]++;
        }
      }
      int cap = Math.max(MIN_COMMON_POSTINGS, docs / COMMON_SHARE);
      int[] row = new int[terms.size()];
      List<String> kept = new ArrayList<>();
      for (int t = 0; t < df.length; t++) {
        row[t] = df[t] <= cap ? kept.size() : -1;
        if (row[t] >= 0) {
          kept.add(terms.get(t));
        }
      }
      int[] rowPtr = new int[kept.size() + 1];
      for (int t = 0; t < df.length; t++) {
        if (row[t] >= 0) {
          rowPtr[row[t] + 1] = df[t];
        }
      }
      for (int r = 0; r < kept.size(); r++) {
        rowPtr[r + 1] += rowPtr[r];
      }
      int[] fill = Arrays.copyOf(rowPtr, kept.size());
      int[] rowDocs = new int[rowPtr[kept.size()]];
      float[] rowValues = new float[rowDocs.length];
      for (int d = 0; d < docs; d++) {
        for (int w = 0; w < termIds[d].length; w++) {
          int r = row[termIds[d][w]];
          if (r >= 0) {
            rowDocs[fill[r]] = d;
            rowValues[fill[r]++] = counts[d][w];
          }
        }
      }
      return new InteractionMatrix(
          IdIndex.ofDistinct(kept), documents, rowPtr, rowDocs, rowValues, 0);
    }
  }
}
