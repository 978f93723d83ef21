package dev.alike.beam;

import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;

/** The Beam build's own pipeline options ({@code --groupBuckets=N}). */
public interface BeamBuildOptions extends PipelineOptions {
  /**
   * The DirectRunner's buckets per grouping: a few per core, so its bundles keep both cores busy
   * while each grouping copies its state only a few times ({@link Grouping}).
   */
  int DIRECT_RUNNER_BUCKETS = 4;

  @Description(
      "Hash buckets per grouping: 0 groups by the key itself (Dataflow), N > 0 through N buckets"
          + " regrouped in memory; -1 (default) is "
          + DIRECT_RUNNER_BUCKETS
          + " on the DirectRunner, 0 elsewhere.")
  @Default.Integer(-1)
  int getGroupBuckets();

  void setGroupBuckets(int buckets);

  /** The buckets this run groups through. */
  static int buckets(PipelineOptions options) {
    int set = options.as(BeamBuildOptions.class).getGroupBuckets();
    if (set != -1) {
      return set; // BeamSettings refuses other negative counts, naming them
    }
    return options.getRunner().getSimpleName().equals("DirectRunner") ? DIRECT_RUNNER_BUCKETS : 0;
  }
}
