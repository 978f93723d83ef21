package dev.alike.store;

import dev.alike.model.BoughtTogether;
import dev.alike.model.ItemModel;
import dev.alike.model.NeighborLists;
import dev.alike.model.PopularSkus;
import dev.alike.model.RepurchaseRates;
import java.util.ArrayList;
import java.util.List;

/**
 * Joins a fitted model with the catalog into what the store holds: one {@link SkuDocument} per SKU
 * with its lists (similar, reverse, bought together), every entry carrying the neighbour's
 * category, attributes and price (so the function filters without extra reads), each SKU's
 * repeat-purchase rate, and the popular and trending lists. Unavailable SKUs are dropped from every
 * list (they are never recommended) and have no rate (never offered again), but keep their own
 * document, so viewing an unavailable product still shows similar available ones. Dropped entries
 * are counted.
 */
public final class CatalogDocuments implements VersionDocuments {
  private final ItemModel model;
  private final PopularSkus trending;
  private final BoughtTogether.Lists together;
  private final RepurchaseRates rebuy;
  private final Catalog.Entry[] entries;
  private final java.util.concurrent.atomic.LongAdder dropped =
      new java.util.concurrent.atomic.LongAdder();

  /** Documents without a trending list (serving shows popular SKUs as trending). */
  public CatalogDocuments(ItemModel model, Catalog catalog) {
    this(model, catalog, new PopularSkus(new int[0], new float[0]), null);
  }

  /** Documents without bought-together lists or rates. */
  public CatalogDocuments(ItemModel model, Catalog catalog, PopularSkus trending) {
    this(model, catalog, trending, null);
  }

  /** Documents without rates. */
  public CatalogDocuments(
      ItemModel model, Catalog catalog, PopularSkus trending, BoughtTogether.Lists together) {
    this(model, catalog, trending, together, null);
  }

  /**
   * @param trending the trending list, as indices of the model's SKUs ({@link
   *     dev.alike.model.TrendingSkus})
   * @param together bought-together lists over the model's SKU index, or null for none
   * @param rebuy the rates by the model's SKU indices; null when no SKU is bought again
   */
  public CatalogDocuments(
      ItemModel model,
      Catalog catalog,
      PopularSkus trending,
      BoughtTogether.Lists together,
      RepurchaseRates rebuy) {
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
    this.rebuy = rebuy;
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
    boolean rebought = rebuy != null && own.available() && rebuy.rate(index) > 0;
    return new SkuDocument(
        sku,
        own.category(),
        own.attributes(),
        list(model.neighbors(), index),
        list(model.reverse(), index),
        together(index),
        rebought ? rebuy.rate(index) : 0,
        rebought ? rebuy.interval(index) : 0);
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
    double price = entry.price() == null ? Double.NaN : entry.price();
    out.add(
        new Neighbor(
            sku, score, entry.category(), entry.attributes(), price, entry.available(), support));
  }
}
