package dev.alike.cli;

import dev.alike.events.EventWeights;
import dev.alike.events.IngestOptions;
import dev.alike.job.BuildReport;
import dev.alike.job.BuildRunner;
import dev.alike.job.BuildSettings;
import dev.alike.job.Durations;
import dev.alike.model.FitOptions;
import dev.alike.model.Similarities;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code alike build}: events in, a new model version out, same code path as the Cloud Run job. */
@Command(
    name = "build",
    mixinStandardHelpOptions = true,
    description = "Build a model from events and make it the current version of the store.")
final class BuildCommand implements Callable<Integer> {
  @Option(
      names = "--events",
      required = true,
      arity = "1..*",
      description = "Event files, directories, globs or gs://bucket/prefix (several allowed).")
  List<String> events;

  @Option(names = "--catalog", description = "Product catalog (JSON Lines, local or gs://).")
  String catalog;

  @Mixin StoreOption store;

  @Mixin FitMixin fitting;

  @Option(
      names = "--weights",
      defaultValue = "browse=0.5,cart=2,purchase=6",
      description = "Event weights (default ${DEFAULT-VALUE}).")
  String weights;

  @Option(
      names = "--half-life",
      defaultValue = "off",
      description = "Recency half-life such as 30d; off = plain sums (default ${DEFAULT-VALUE}).")
  String halfLife;

  @Option(
      names = "--max-skus-per-customer",
      defaultValue = "" + FitOptions.DEFAULT_MAX_SKUS_PER_CUSTOMER,
      description = "Keep a customer's top N SKUs only (default ${DEFAULT-VALUE}).")
  int maxSkusPerCustomer;

  @Option(
      names = "--max-reverse",
      defaultValue = "" + FitOptions.DEFAULT_MAX_REVERSE,
      description = "Cap on a SKU's reverse list (default ${DEFAULT-VALUE}).")
  int maxReverse;

  @Option(
      names = "--max-rejected",
      defaultValue = "" + IngestOptions.DEFAULT_MAX_REJECTED_SHARE,
      description =
          "Fail when more than this share of events is rejected (default ${DEFAULT-VALUE}).")
  double maxRejected;

  @Option(names = "--threads", description = "Worker threads (default: all cores).")
  Integer threads;

  @Option(names = "--report", description = "Also write the JSON report here (path or gs://).")
  String report;

  @Option(
      names = "--keep-versions",
      defaultValue = "" + BuildSettings.DEFAULT_KEEP_VERSIONS,
      description = "Model versions kept after the switch (default ${DEFAULT-VALUE}).")
  int keepVersions;

  @Option(
      names = "--realtime-events",
      description =
          "gs:// prefix where the events subscription writes real-time event files (the job's"
              + " ALIKE_REALTIME_EVENTS): after replacing the profiles the build replays the files"
              + " there it did not read. Not needed for a local store.")
  String realtimeEvents;

  @Option(
      names = "--realtime-wait",
      defaultValue = "0s",
      description =
          "How long to wait before listing --realtime-events, e.g. 660s (the job's"
              + " ALIKE_REALTIME_WAIT; default ${DEFAULT-VALUE}).")
  String realtimeWait;

  @Option(
      names = "--no-memory-check",
      negatable = true,
      defaultValue = "true",
      description =
          "Before reading, estimate the heap the build needs from the input size and fail early"
              + " when -Xmx is too small (default: on).")
  boolean checkMemory;

  @Override
  public Integer call() {
    int cores = threads != null ? threads : Runtime.getRuntime().availableProcessors();
    FitOptions fit =
        FitOptions.defaults()
            .withK(fitting.k)
            .withSimilarity(Similarities.parse(fitting.similarity))
            .withHalfLifeSeconds(Durations.seconds(halfLife))
            .withMaxSkusPerCustomer(maxSkusPerCustomer)
            .withMaxReverse(maxReverse)
            .withThreads(cores);
    IngestOptions ingest =
        IngestOptions.defaults()
            .withWeights(EventWeights.parse(weights))
            .withMaxRejectedShare(maxRejected)
            .withThreads(cores);
    BuildSettings settings =
        new BuildSettings(
            events,
            catalog,
            store.spec,
            fit,
            ingest,
            report,
            keepVersions,
            checkMemory,
            realtimeEvents,
            Math.round(Durations.seconds(realtimeWait)));
    BuildReport result = new BuildRunner(System.err::println).run(settings);
    System.err.print(result.summary());
    return 0;
  }
}
