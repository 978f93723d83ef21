package dev.alike.job;

import dev.alike.model.IdIndex;
import dev.alike.model.InteractionMatrix;
import dev.alike.model.ItemModel;
import dev.alike.model.NeighborLists;
import dev.alike.model.PopularSkus;
import dev.alike.store.CustomerProfile;
import dev.alike.store.Neighbor;
import dev.alike.store.SkuDocument;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * Turns an in-memory {@link ItemModel} into the documents the store keeps: one {@link SkuDocument}
 * per SKU with both lists, the popular list, and customer profiles. Catalog data is copied into
 * every entry so the function filters without extra reads; unavailable SKUs never appear in a list.
 */
public final class ModelDocuments {
  /** Catalog lookups by SKU id; {@link #NONE} when a shop has no catalog. */
  public interface Products {
    /** The SKU's category, or null. */
    String category(String sku);

    /** The SKU's attributes, never null. */
    Map<String, String> attributes(String sku);

    /** false when the SKU must never be recommended. */
    boolean available(String sku);

    /** No catalog: no categories, no attributes, everything available. */
    Products NONE =
        new Products() {
          @Override
          public String category(String sku) {
            return null;
          }

          @Override
          public Map<String, String> attributes(String sku) {
            return Map.of();
          }

          @Override
          public boolean available(String sku) {
            return true;
          }
        };
  }

  private final ItemModel model;
  private final Products products;
  private final Neighbor[] entries;

  public ModelDocuments(ItemModel model, Products products) {
    this.model = model;
    this.products = products;
    IdIndex skus = model.skus();
    // One Neighbor template per SKU (score 0); lists copy it with their score.
    entries = new Neighbor[skus.size()];
    for (int i = 0; i < entries.length; i++) {
      String id = skus.id(i);
      entries[i] =
          products.available(id)
              ? new Neighbor(id, 0, products.category(id), products.attributes(id))
              : null;
    }
  }

  /** Number of SKU documents. */
  public int size() {
    return entries.length;
  }

  /** The document of SKU index {@code i}. */
  public SkuDocument document(int i) {
    String id = model.skus().id(i);
    return new SkuDocument(
        id,
        products.category(id),
        products.attributes(id),
        list(model.neighbors(), i),
        list(model.reverse(), i));
  }

  private List<Neighbor> list(NeighborLists lists, int i) {
    List<Neighbor> out = new ArrayList<>(lists.length(i));
    for (int at = lists.start(i); at < lists.end(i); at++) {
      Neighbor template = entries[lists.item(at)];
      if (template != null) {
        out.add(
            new Neighbor(
                template.sku(), lists.score(at), template.category(), template.attributes()));
      }
    }
    return out;
  }

  /** The popular list without unavailable SKUs. */
  public List<Neighbor> popular() {
    PopularSkus popular = model.popular();
    List<Neighbor> out = new ArrayList<>(popular.size());
    for (int r = 0; r < popular.size(); r++) {
      Neighbor template = entries[popular.sku(r)];
      if (template != null) {
        out.add(
            new Neighbor(
                template.sku(), popular.score(r), template.category(), template.attributes()));
      }
    }
    return out;
  }

  /** Customer profiles of {@code matrix}, streamed (one object per customer at a time). */
  public static Iterator<CustomerProfile> profiles(InteractionMatrix matrix) {
    int[] rowPtr = matrix.rowPtr();
    int[] rowSkus = matrix.rowSkus();
    float[] rowValues = matrix.rowValues();
    return new Iterator<>() {
      private int u;

      @Override
      public boolean hasNext() {
        while (u < matrix.customerCount() && rowPtr[u] == rowPtr[u + 1]) {
          u++;
        }
        return u < matrix.customerCount();
      }

      @Override
      public CustomerProfile next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        Map<String, Double> scores = new LinkedHashMap<>();
        for (int e = rowPtr[u]; e < rowPtr[u + 1]; e++) {
          scores.put(matrix.skus().id(rowSkus[e]), (double) rowValues[e]);
        }
        return new CustomerProfile(matrix.customers().id(u++), scores);
      }
    };
  }
}
