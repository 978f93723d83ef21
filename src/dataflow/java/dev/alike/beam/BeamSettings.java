package dev.alike.beam;

import dev.alike.events.EventWeights;
import dev.alike.events.Ga4Mapping;
import dev.alike.events.IngestOptions;
import dev.alike.job.BuildSettings;
import dev.alike.model.EaseSimilarity;
import dev.alike.model.FitOptions;
import dev.alike.model.ItemSimilarity;
import dev.alike.model.PairwiseSimilarity;
import dev.alike.model.Similarities;
import java.io.Serializable;
import java.util.List;
import java.util.Optional;

/**
 * What the workers of one Beam build need, in plain serializable values (the similarity travels as
 * its name and is parsed again on each worker).
 *
 * @param files the event inputs in read order (file ordinals index this list)
 * @param catalog catalog location, or null
 * @param store {@code local:<dir>}, {@code firestore} or {@code firestore:<db>}
 * @param similarity the similarity's name, e.g. {@code cosine}
 * @param weights event weights as {@link EventWeights#parse} reads them
 * @param ga4 how GA4 events are read, the single-machine build's
 * @param version the id of the version this build writes
 * @param startedMillis when the build started (the version's creation time)
 * @param buckets hash buckets per grouping, 0 for one key per key ({@link Grouping})
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
    Ga4Mapping ga4,
    double maxRejectedShare,
    int keepVersions,
    String version,
    long startedMillis,
    int buckets)
    implements Serializable {
  public BeamSettings {
    files = List.copyOf(files);
    if (files.isEmpty()) {
      throw new IllegalArgumentException("no event inputs given");
    }
    Similarities.parse(similarity); // fail at launch, not on a worker
    if (buckets < 0) {
      throw new IllegalArgumentException("group buckets must be >= 0, was " + buckets);
    }
  }

  /**
   * The settings of a single-machine build, run on Beam over {@code files}.
   *
   * @throws IllegalArgumentException for a named model or a placements file: the Beam build writes
   *     the default model only
   */
  public static BeamSettings of(
      BuildSettings build, List<String> files, String version, long startedMillis, int buckets) {
    if (!build.model().equals(dev.alike.store.ModelStore.DEFAULT_MODEL)
        || build.placements() != null) {
      throw new IllegalArgumentException(
          "--model and --placements are not supported by the Beam build (it writes the default"
              + " model only); build variant models with alike build");
    }
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
        build.ingest().weights().toString(),
        build.ingest().ga4(),
        build.ingest().maxRejectedShare(),
        build.keepVersions(),
        version,
        startedMillis,
        buckets);
  }

  /** The similarity as pair formulas (for EASE, its base's: the candidates' similarity). */
  PairwiseSimilarity pairwise() {
    return pairwise(similarity);
  }

  /** EASE's regression, or empty when the similarity's lists are its pair scores. */
  Optional<EaseSimilarity> ease() {
    return Similarities.parse(similarity) instanceof EaseSimilarity e
        ? Optional.of(e)
        : Optional.empty();
  }

  /** Neighbours kept per SKU from the pair scores: k, or EASE's C candidates when larger. */
  int candidates() {
    return Similarities.parse(similarity).candidates(k);
  }

  /** The pair formulas of similarity {@code name}: for EASE, its base's. */
  static PairwiseSimilarity pairwise(String name) {
    ItemSimilarity s = Similarities.parse(name);
    return s instanceof EaseSimilarity e ? e.base() : (PairwiseSimilarity) s;
  }

  /** How one file is parsed: these weights, one thread, no limits (the totals are checked). */
  IngestOptions ingest() {
    return IngestOptions.defaults()
        .withWeights(EventWeights.parse(weights))
        .withGa4(ga4)
        .withThreads(1)
        .withMaxRejectedShare(maxRejectedShare);
  }
}
