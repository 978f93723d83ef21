package dev.alike.model;

/**
 * The design's similarity: cosine between SKU columns of the weighted scores, sim = D^-1 A^T A D^-1
 * with D the diagonal of column norms. Favours SKUs bought by the same customers with similar
 * intensity; tends to over-rate rare SKUs that share one or two customers.
 */
public final class CosineSimilarity implements ItemSimilarity {
  @Override
  public String name() {
    return "cosine";
  }

  @Override
  public Prepared prepare(InteractionMatrix m) {
    return Weighting.cosine(m, m.rowValues());
  }

  @Override
  public java.util.Optional<PairwiseSimilarity> pairwise() {
    return java.util.Optional.of(Weighting.pairwiseCosine(Weighting.EntryValue.RAW));
  }
}
