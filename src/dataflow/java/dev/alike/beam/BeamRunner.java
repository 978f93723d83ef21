package dev.alike.beam;

import dev.alike.events.EventInput;
import dev.alike.events.IngestException;
import dev.alike.events.LocalInputs;
import dev.alike.gcs.CloudStorage;
import dev.alike.gcs.GcsInputs;
import dev.alike.gcs.GcsUri;
import dev.alike.job.BuildPipeline;
import dev.alike.job.BuildSettings;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.MetricQueryResults;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricsFilter;
import org.apache.beam.sdk.options.PipelineOptions;

/**
 * Launches one Beam build: lists the event files (in the single-machine build's order), builds the
 * pipeline, runs it on the runner the options name (the DirectRunner unless told otherwise), waits,
 * and returns its counters.
 */
public final class BeamRunner {
  private static final System.Logger LOG = System.getLogger(BeamRunner.class.getName());

  /** What a finished build did: its version and its counters by name. */
  public record Outcome(String version, Map<String, Long> counters) {
    /** A counter's value, 0 when the build never incremented it. */
    public long counter(String name) {
      return counters.getOrDefault(name, 0L);
    }
  }

  /**
   * Runs the build and waits for it.
   *
   * @throws IllegalArgumentException naming the similarity when it cannot run on Beam
   * @throws org.apache.beam.sdk.Pipeline.PipelineExecutionException when a step failed (the
   *     previous version then stays current)
   */
  public Outcome run(BuildSettings build, PipelineOptions options, StoreOpener opener) {
    Instant started = Instant.now();
    String version = BuildPipeline.versionId(started);
    List<String> files = resolve(build.events());
    BeamSettings settings =
        BeamSettings.of(
            build, files, version, started.toEpochMilli(), BeamBuildOptions.buckets(options));
    LOG.log(
        System.Logger.Level.INFO,
        String.format(
            "beam build %s: %d input file(s), similarity %s, k %d, runner %s, group buckets %d",
            version,
            files.size(),
            settings.similarity(),
            settings.k(),
            options.getRunner().getSimpleName(),
            settings.buckets()));
    if (build.catalog() != null && build.coldStart().minInteractions() > 0) {
      LOG.log(
          System.Logger.Level.WARNING,
          "beam build "
              + version
              + ": new products from the catalog (--cold-start-min-interactions "
              + build.coldStart().minInteractions()
              + ") are left to the single-machine build; SKUs without events get no lists here"
              + " (docs/scale.md)");
    }
    Pipeline p = Pipeline.create(options);
    BeamBuild.expand(p, settings, opener);
    PipelineResult result = p.run();
    PipelineResult.State state = result.waitUntilFinish();
    if (state != PipelineResult.State.DONE) {
      throw new IllegalStateException(
          "pipeline ended " + state + "; version " + version + " not activated");
    }
    Map<String, Long> counters = counters(result);
    LOG.log(System.Logger.Level.INFO, "beam build " + version + " activated: " + counters);
    return new Outcome(version, counters);
  }

  private static Map<String, Long> counters(PipelineResult result) {
    Map<String, Long> out = new TreeMap<>();
    MetricQueryResults metrics = result.metrics().queryMetrics(MetricsFilter.builder().build());
    for (MetricResult<Long> c : metrics.getCounters()) {
      Long value;
      try {
        value = c.getCommitted();
      } catch (UnsupportedOperationException e) {
        value = c.getAttempted();
      }
      out.merge(c.getName().getName(), value == null ? 0L : value, Long::sum);
    }
    return out;
  }

  /**
   * The event files in read order: local paths, directories and globs as the single-machine build
   * expands them, gs:// prefixes as their objects sorted by name.
   *
   * @throws IngestException naming a location that matches no file
   */
  static List<String> resolve(List<String> specs) {
    List<String> files = new ArrayList<>();
    for (String spec : specs) {
      List<EventInput> inputs =
          GcsUri.isGcs(spec)
              ? GcsInputs.resolve(CloudStorage.client(), spec)
              : LocalInputs.resolve(List.of(spec));
      if (inputs.isEmpty()) {
        throw new IngestException("no event files found at " + spec);
      }
      inputs.forEach(i -> files.add(i.name()));
    }
    return files;
  }
}
