package dev.alike.beam;

import dev.alike.events.EventWeights;
import dev.alike.events.IngestOptions;
import dev.alike.job.BuildSettings;
import dev.alike.model.FitOptions;
import dev.alike.model.ItemSimilarity;
import dev.alike.model.PairwiseSimilarity;
import dev.alike.model.Similarities;
import java.io.Serializable;
import java.util.List;

/**
 * What the workers of one Beam build need, in plain serializable values (the similarity travels as
 * its name and is parsed again on each worker).
 *
 * @param files the event inputs in read order (file ordinals index this list)
 * @param catalog catalog location, or null
 * @param store {@code local:<dir>}, {@code firestore} or {@code firestore:<db>}
 * @param similarity the similarity's name, e.g. {@code cosine}
 * @param weights event weights as {@link EventWeights#parse} reads them
 * @param version the id of the version this build writes
 * @param startedMillis when the build started (the version's creation time)
 */
public record BeamSettings(
    List<String> files,
    String catalog,
    String store,
    String similarity,
    int k,
    double halfLifeSeconds,
    int maxSkusPerCustomer,
    int maxReverse,
    int popularLimit,
    String weights,
    double maxRejectedShare,
    int keepVersions,
    String version,
    long startedMillis)
    implements Serializable {
  public BeamSettings {
    files = List.copyOf(files);
    if (files.isEmpty()) {
      throw new IllegalArgumentException("no event inputs given");
    }
    pairwise(similarity); // fail at launch, not on a worker
  }

  /**
   * The settings of a single-machine build, run on Beam over {@code files}.
   *
   * @throws IllegalArgumentException naming the similarity when it is not a pairwise formula
   */
  public static BeamSettings of(
      BuildSettings build, List<String> files, String version, long startedMillis) {
    FitOptions fit = build.fit();
    return new BeamSettings(
        files,
        build.catalog(),
        build.store(),
        fit.similarity().name(),
        fit.k(),
        fit.halfLifeSeconds(),
        fit.maxSkusPerCustomer(),
        fit.maxReverse(),
        fit.popularLimit(),
        weightsSpec(build.ingest().weights()),
        build.ingest().maxRejectedShare(),
        build.keepVersions(),
        version,
        startedMillis);
  }

  private static String weightsSpec(EventWeights w) {
    return "browse=" + w.browse() + ",cart=" + w.cart() + ",purchase=" + w.purchase();
  }

  /** The similarity as pair formulas. */
  PairwiseSimilarity pairwise() {
    return pairwise(similarity);
  }

  /**
   * @throws IllegalArgumentException naming the similarity when the Beam build cannot compute it
   */
  static PairwiseSimilarity pairwise(String name) {
    ItemSimilarity s = Similarities.parse(name);
    return s.pairwise()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "similarity \""
                        + name
                        + "\" is not a pairwise formula and cannot run on Beam (EASE needs a"
                        + " gram sub-matrix per SKU, see docs/scale.md); use cosine, tfidf,"
                        + " jaccard, shrunk-cosine, asymmetric or any of them +support:n"));
  }

  /** How one file is parsed: these weights, one thread, no limits (the totals are checked). */
  IngestOptions ingest() {
    return IngestOptions.defaults()
        .withWeights(EventWeights.parse(weights))
        .withThreads(1)
        .withMaxRejectedShare(maxRejectedShare);
  }
}
