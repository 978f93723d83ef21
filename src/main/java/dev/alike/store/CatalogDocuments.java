package dev.alike.store;

import dev.alike.model.BoughtTogether;
import dev.alike.model.ItemModel;
import dev.alike.model.NeighborLists;
import dev.alike.model.PopularSkus;
import java.util.ArrayList;
import java.util.List;

/**
 * Joins a fitted model with the catalog into what the store holds: one {@link SkuDocument} per SKU
 * with its lists (similar, reverse, bought together), every entry carrying the neighbour's category
 * and attributes (so the function filters without extra reads), and the popular and trending lists.
 * Unavailable SKUs are dropped from every list (they are never recommended) but keep their own
 * document, so viewing an unavailable product still shows similar available ones. Dropped entries
 * are counted.
 */
public final class CatalogDocuments implements VersionDocuments {
  private final ItemModel model;
  private final PopularSkus trending;
  private final BoughtTogether.Lists together;
  private final Catalog.Entry[] entries;
  private final java.util.concurrent.atomic.LongAdder dropped =
      new java.util.concurrent.atomic.LongAdder();

  /** Documents without a trending list (serving shows popular SKUs as trending). */
  public CatalogDocuments(ItemModel model, Catalog catalog) {
    this(model, catalog, new PopularSkus(new int[0], new float[0]));
  }

  /**
   * @param trending the trending list, as indices of the model's SKUs ({@link
   *     dev.alike.model.TrendingSkus})
   */
  public CatalogDocuments(ItemModel model, Catalog catalog, PopularSkus trending) {
    this(model, catalog, trending, null);
  }

  /**
   * @param trending the trending list, as indices of the model's SKUs ({@link
   *     dev.alike.model.TrendingSkus})
   * @param together bought-together lists over the model's SKU index, or null for none
   */
  public CatalogDocuments(
      ItemModel model, Catalog catalog, PopularSkus trending, BoughtTogether.Lists together) {
    if (together != null && together.lists().size() != model.skus().size()) {
      throw new IllegalArgumentException(
          "bought-together lists cover "
              + together.lists().size()
              + " SKUs but the model has "
              + model.skus().size());
    }
    this.model = model;
    this.trending = trending;
    this.together = together;
    this.entries = new Catalog.Entry[model.skus().size()];
    for (int i = 0; i < entries.length; i++) {
      entries[i] = catalog.entry(model.skus().id(i));
    }
  }

  /** Number of SKU documents (one per SKU of the model). */
  @Override
  public int size() {
    return model.skus().size();
  }

  @Override
  public int[] indicesInIdOrder() {
    return model.skus().indicesInIdOrder();
  }

  /** The document of the SKU at {@code index}. */
  @Override
  public SkuDocument document(int index) {
    String sku = model.skus().id(index);
    Catalog.Entry own = entries[index];
    return new SkuDocument(
        sku,
        own.category(),
        own.attributes(),
        list(model.neighbors(), index),
        list(model.reverse(), index),
        together(index));
  }

  private List<Neighbor> together(int index) {
    if (together == null) {
      return List.of();
    }
    NeighborLists lists = together.lists();
    List<Neighbor> out = new ArrayList<>(lists.length(index));
    for (int at = lists.start(index); at < lists.end(index); at++) {
      add(out, lists.item(at), lists.score(at), together.support(at));
    }
    return out;
  }

  /** The popular list without unavailable SKUs, best first. */
  @Override
  public List<Neighbor> popular() {
    PopularSkus popular = model.popular();
    List<Neighbor> out = new ArrayList<>(popular.size());
    for (int r = 0; r < popular.size(); r++) {
      add(out, popular.sku(r), popular.score(r));
    }
    return out;
  }

  /** The trending list without unavailable SKUs, best first. */
  @Override
  public List<Neighbor> trending() {
    List<Neighbor> out = new ArrayList<>(trending.size());
    for (int r = 0; r < trending.size(); r++) {
      add(out, trending.sku(r), trending.score(r));
    }
    return out;
  }

  /** Entries dropped so far because their SKU is unavailable. */
  public long dropped() {
    return dropped.sum();
  }

  private List<Neighbor> list(NeighborLists lists, int index) {
    List<Neighbor> out = new ArrayList<>(lists.length(index));
    for (int at = lists.start(index); at < lists.end(index); at++) {
      add(out, lists.item(at), lists.score(at));
    }
    return out;
  }

  private void add(List<Neighbor> out, int skuIndex, double score) {
    add(out, skuIndex, score, 0);
  }

  private void add(List<Neighbor> out, int skuIndex, double score, int support) {
    String sku = model.skus().id(skuIndex);
    Catalog.Entry entry = entries[skuIndex];
    if (!entry.available()) {
      dropped.increment();
      return;
    }
    out.add(new Neighbor(sku, score, entry.category(), entry.attributes(), support));
  }
}
