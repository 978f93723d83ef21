package dev.alike.store;

import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * What one model version holds: a document per SKU, the popular list and the trending list.
 * Documents are built on demand ({@link CatalogDocuments} joins the model and the catalog as a
 * store asks), so a store writes a large model without holding every document at once.
 */
public interface VersionDocuments {
  /** Number of SKU documents. */
  int size();

  /** The document at {@code index} (0 to size - 1). */
  SkuDocument document(int index);

  /** Every index, ordered by the documents' SKU ids (String order). */
  int[] indicesInIdOrder();

  /** The popular fallback, best first. */
  List<Neighbor> popular();

  /**
   * The trending list, best first, stored beside the popular list; empty when the build had no
   * timestamps (serving then shows popular SKUs).
   */
  List<Neighbor> trending();

  /** Documents already built, e.g. by a test, without a trending list. */
  static VersionDocuments of(List<SkuDocument> documents, List<Neighbor> popular) {
    return of(documents, popular, List.of());
  }

  /** Documents already built, e.g. by a test. */
  static VersionDocuments of(
      List<SkuDocument> documents, List<Neighbor> popular, List<Neighbor> trending) {
    List<SkuDocument> docs = List.copyOf(documents);
    List<Neighbor> pop = List.copyOf(popular);
    List<Neighbor> trend = List.copyOf(trending);
    return new VersionDocuments() {
      @Override
      public int size() {
        return docs.size();
      }

      @Override
      public SkuDocument document(int index) {
        return docs.get(index);
      }

      @Override
      public int[] indicesInIdOrder() {
        return IntStream.range(0, docs.size())
            .boxed()
            .sorted(Comparator.comparing(i -> docs.get(i).sku()))
            .mapToInt(Integer::intValue)
            .toArray();
      }

      @Override
      public List<Neighbor> popular() {
        return pop;
      }

      @Override
      public List<Neighbor> trending() {
        return trend;
      }
    };
  }
}
