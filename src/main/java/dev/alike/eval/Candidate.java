package dev.alike.eval;

/** A recommender under evaluation: fitted once per split, then asked for each test customer. */
public interface Candidate {
  /** Name in reports, such as {@code alike cosine k=50}. */
  String name();

  /** Fits on {@code training}; the result must be safe to call from several threads. */
  Ranker fit(TrainingSet training);

  /** A fitted candidate. */
  interface Ranker {
    /**
     * Up to {@code k} SKU indices for customer {@code u}, best first, none of them seen in
     * training.
     */
    int[] recommend(int u, int k);
  }
}
