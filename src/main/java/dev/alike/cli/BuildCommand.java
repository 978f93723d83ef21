package dev.alike.cli;

import com.google.cloud.storage.Storage;
import dev.alike.events.EventWeights;
import dev.alike.events.Ga4Mapping;
import dev.alike.events.IngestOptions;
import dev.alike.gcs.CloudStorage;
import dev.alike.job.BuildReport;
import dev.alike.job.BuildRunner;
import dev.alike.job.BuildSettings;
import dev.alike.job.Durations;
import dev.alike.job.NightlyReport;
import dev.alike.job.StoreRetry;
import dev.alike.model.ColdStart;
import dev.alike.model.FitOptions;
import dev.alike.model.Similarities;
import dev.alike.store.ModelStore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code alike build}: events in, a new model version out. The Cloud Run job is this command with
 * its flags from {@code ALIKE_*} variables ({@link BuildJob}), and the Beam build reads the same
 * flags, so each setting has one name, one default and one check.
 */
@Command(
    name = "build",
    mixinStandardHelpOptions = true,
    description = "Build a model from events and make it the current version of the store.")
public final class BuildCommand implements Callable<Integer> {
  private static final System.Logger LOG = System.getLogger(BuildCommand.class.getName());

  @Spec CommandSpec spec;

  private final Supplier<Storage> storage;

  /** The command with gs:// locations read and written through the process-wide client. */
  public BuildCommand() {
    this(CloudStorage::client);
  }

  /** The command with gs:// locations read and written through {@code storage} (tests). */
  public BuildCommand(Supplier<Storage> storage) {
    this.storage = storage;
  }

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
      defaultValue = EventWeights.DEFAULT_SPEC,
      description = "Event weights (default ${DEFAULT-VALUE}).")
  String weights;

  @Option(
      names = "--ga4-customer",
      defaultValue = Ga4Mapping.DEFAULT_CUSTOMER,
      description =
          "GA4 events: the id columns tried in order for the customer, user_id and/or"
              + " user_pseudo_id (default ${DEFAULT-VALUE}).")
  String ga4Customer;

  @Option(
      names = "--ga4-events",
      defaultValue = Ga4Mapping.DEFAULT_EVENTS,
      description =
          "GA4 events: name=browse|cart|purchase|WEIGHT for each event name taken; other names are"
              + " skipped and counted (default ${DEFAULT-VALUE}).")
  String ga4Events;

  @Option(
      names = "--ga4-variant-separator",
      description =
          "GA4 events: make the SKU item_id + this + item_variant when a variant is set (default:"
              + " item_id alone).")
  String ga4VariantSeparator;

  @Option(
      names = "--half-life",
      defaultValue = "off",
      description = "Recency half-life such as 30d; off = plain sums (default ${DEFAULT-VALUE}).")
  String halfLife;

  @Option(
      names = "--trending-window",
      defaultValue = "7d",
      description =
          "Trending compares the last window before the newest event with the one before it"
              + " (default ${DEFAULT-VALUE}).")
  String trendingWindow;

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
      names = "--cold-start-min-interactions",
      defaultValue = "" + ColdStart.DEFAULT_MIN_INTERACTIONS,
      description =
          "SKUs with fewer customers get content neighbours from the catalog's title,"
              + " description, category and attributes; catalog SKUs without events are included;"
              + " 0 = off (default ${DEFAULT-VALUE}: SKUs nobody interacted with).")
  int coldStartMinInteractions;

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
      names = "--store-timeout",
      defaultValue = "60s",
      description =
          "Longest wait for one store call (a Firestore RPC, a bulk write without progress, a"
              + " locked database file) before the step fails (default ${DEFAULT-VALUE}).")
  String storeTimeout;

  @Option(
      names = "--store-attempts",
      defaultValue = "3",
      description =
          "Tries of each store step (the version's writes, the profile sync, the switch) before"
              + " the build fails with serving unchanged (default ${DEFAULT-VALUE}).")
  int storeAttempts;

  @Option(
      names = "--model",
      defaultValue = ModelStore.DEFAULT_MODEL,
      description =
          "The store's model to write and activate: 1 to 24 letters, digits, _ or - (default"
              + " ${DEFAULT-VALUE}, the model serving shows outside experiments).")
  String model;

  @Option(
      names = "--placements",
      description =
          "Placements file (local or gs://; the job's ALIKE_PLACEMENTS): after its own model the"
              + " build builds one model per distinct similarity its experiments' variants name,"
              + " from the same events, each activated on its own.")
  String placements;

  @Option(
      names = "--answers",
      split = ",",
      description =
          "Recorded answers (files, directories, globs or gs:// prefixes; the job's ALIKE_ANSWERS):"
              + " with --experiment-report, a successful build also writes the experiment report.")
  List<String> answers;

  @Option(
      names = "--experiment-report",
      description =
          "Folder or gs:// prefix (the job's ALIKE_EXPERIMENT_REPORT): after a successful build,"
              + " alike report's report.json and report.html over --answers and this build's"
              + " events and catalog go to PREFIX/YYYY-MM-DD/ and PREFIX/latest/; a failure is"
              + " logged and counted, the build stands.")
  String experimentReport;

  @Option(
      names = "--experiment-since",
      defaultValue = NightlyReport.DEFAULT_SINCE,
      description =
          "The experiment report covers answers served within this long before the newest (the"
              + " job's ALIKE_EXPERIMENT_SINCE; default ${DEFAULT-VALUE}).")
  String experimentSince;

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
    BuildSettings settings;
    try {
      settings = settings();
    } catch (ParameterException e) {
      throw new IllegalArgumentException(e.getMessage(), e); // a failed build (exit 1), no usage
    }
    BuildReport result = new BuildRunner(storage, nightlyReport()).run(settings);
    LOG.log(System.Logger.Level.INFO, result.summary().stripTrailing());
    return 0;
  }

  /**
   * The build these flags describe.
   *
   * @throws ParameterException naming the flag and its value when a value is out of range or cannot
   *     be read
   */
  public BuildSettings settings() {
    int cores = threads != null ? threads : Runtime.getRuntime().availableProcessors();
    FitOptions fit = FitOptions.defaults().withThreads(cores);
    fit = check("--k", fitting.k, fit::withK);
    fit = check("--similarity", fitting.similarity, Similarities::parse, fit::withSimilarity);
    fit = check("--half-life", halfLife, Durations::seconds, fit::withHalfLifeSeconds);
    FitOptions decayed = fit;
    fit =
        check(
            "--trending-window",
            trendingWindow,
            Durations::seconds,
            w -> decayed.withTrendingWindowSeconds(Math.round(w)));
    fit = check("--max-skus-per-customer", maxSkusPerCustomer, fit::withMaxSkusPerCustomer);
    fit = check("--max-reverse", maxReverse, fit::withMaxReverse);
    IngestOptions ingest = IngestOptions.defaults().withThreads(cores);
    ingest = check("--weights", weights, EventWeights::parse, ingest::withWeights);
    ingest = check("--max-rejected", maxRejected, ingest::withMaxRejectedShare);
    ingest =
        check(
            "--ga4-events",
            ga4Events,
            e -> Ga4Mapping.of(ga4Customer, ga4VariantSeparator, e),
            ingest::withGa4);
    double wait = check("--realtime-wait", realtimeWait, Durations::seconds, w -> w);
    Duration timeout =
        check(
            "--store-timeout",
            storeTimeout,
            Durations::seconds,
            t -> new StoreRetry(Duration.ofMillis(Math.round(t * 1000)), 1).callTimeout());
    StoreRetry retry = check("--store-attempts", storeAttempts, a -> new StoreRetry(timeout, a));
    ColdStart coldStart =
        check(
            "--cold-start-min-interactions",
            coldStartMinInteractions,
            m -> new ColdStart(m, ColdStart.DEFAULT_WEIGHT));
    String checkedModel = check("--model", model, ModelStore::modelName);
    nightlyReport(); // checked with the build's flags, so a bad value fails before the build
    return new BuildSettings(
        events,
        catalog,
        store.spec,
        fit,
        ingest,
        report,
        keepVersions,
        checkMemory,
        realtimeEvents,
        Math.round(wait),
        retry,
        coldStart,
        checkedModel,
        placements);
  }

  /**
   * The experiment report these flags ask for after the build; null when neither {@code --answers}
   * nor {@code --experiment-report} is given.
   *
   * @throws ParameterException naming the flag when only one of the two is given or the window
   *     cannot be read
   */
  public NightlyReport nightlyReport() {
    if (experimentReport == null && answers == null) {
      return null;
    }
    if (experimentReport == null || answers == null) {
      String missing = answers == null ? "--answers" : "--experiment-report";
      String given = answers == null ? "--experiment-report" : "--answers";
      throw new ParameterException(
          spec.commandLine(),
          given + " needs " + missing + " (the experiment report needs both)",
          spec.findOption(missing),
          null);
    }
    Duration since =
        check(
            "--experiment-since",
            experimentSince,
            Durations::seconds,
            s -> {
              if (!(s > 0)) {
                throw new IllegalArgumentException("the report window must be positive, e.g. 14d");
              }
              return Duration.ofMillis(Math.round(s * 1000));
            });
    return check(
        "--experiment-report", experimentReport, r -> new NightlyReport(answers, r, since));
  }

  /** {@code apply(value)}, or a {@link ParameterException} naming {@code flag} and value. */
  private <V, T> T check(String flag, V value, Function<V, T> apply) {
    return check(flag, value, v -> v, apply);
  }

  /** {@code apply(read(value))}, failures as {@link #check(String, Object, Function)}. */
  private <V, R, T> T check(String flag, V value, Function<V, R> read, Function<R, T> apply) {
    try {
      return apply.apply(read.apply(value));
    } catch (IllegalArgumentException e) {
      throw new ParameterException(
          spec.commandLine(), e.getMessage(), spec.findOption(flag), String.valueOf(value));
    }
  }
}
