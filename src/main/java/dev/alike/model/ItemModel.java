package dev.alike.model;

/**
 * What a build produces for serving: the SKU id index, each SKU's own top-k neighbours (similar
 * products), each SKU's reverse list (recommendations), and the popular fallback.
 */
public record ItemModel(
    IdIndex skus, NeighborLists neighbors, NeighborLists reverse, PopularSkus popular) {
  public ItemModel {
    if (neighbors.size() != skus.size() || reverse.size() != skus.size()) {
      throw new IllegalArgumentException(
          "lists cover "
              + neighbors.size()
              + "/"
              + reverse.size()
              + " SKUs but the index has "
              + skus.size());
    }
  }
}
