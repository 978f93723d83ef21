package dev.alike.beam;

import dev.alike.job.BuildSettings;
import dev.alike.model.Similarities;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code java -jar target/alike-dataflow.jar build --events ... [--store ...] [Beam options]}: the
 * build on Apache Beam. The flags are the single-machine build's (parsed by the same {@link
 * BuildSettings}, through the {@code ALIKE_*} names the Cloud Run job reads); every other {@code
 * --flag=value} goes to Beam, e.g. {@code --runner=DataflowRunner --project=P --region=R
 * --tempLocation=gs://...}. Without {@code --events}, the settings come from the environment, as in
 * the Cloud Run job that launches Dataflow.
 */
@Command(
    name = "build",
    mixinStandardHelpOptions = true,
    description = "Build a model on Apache Beam (DirectRunner unless --runner=DataflowRunner).")
public final class BeamMain implements Callable<Integer> {
  /** The similarity when none is named: the single-machine build's default (EASE on TF-IDF). */
  static final String DEFAULT_SIMILARITY = Similarities.DEFAULT;

  @Option(names = "--events", arity = "1..*", description = "Event files, globs or gs:// prefixes.")
  List<String> events;

  @Option(names = "--catalog", description = "Product catalog (JSON Lines, local or gs://).")
  String catalog;

  @Option(
      names = "--store",
      defaultValue = "local:alike-data",
      description = "local:<dir>, firestore or firestore:<db> (default ${DEFAULT-VALUE}).")
  String store;

  @Option(names = "--k", description = "Neighbours per SKU (default 50).")
  String k;

  @Option(
      names = "--similarity",
      defaultValue = DEFAULT_SIMILARITY,
      description =
          "cosine, tfidf, jaccard, shrunk-cosine[:l], asymmetric[:a], bm25[:k1:b], any"
              + " +support:n, ease[:C[:lambda[:base]]] (default ${DEFAULT-VALUE}).")
  String similarity;

  @Option(
      names = "--weights",
      description = "Event weights (default browse=0.5,cart=2,purchase=6).")
  String weights;

  @Option(names = "--half-life", description = "Recency half-life such as 30d (default off).")
  String halfLife;

  @Option(names = "--max-skus-per-customer", description = "Per-customer cap (default 500).")
  String maxSkus;

  @Option(names = "--max-reverse", description = "Cap on a reverse list (default 1000).")
  String maxReverse;

  @Option(names = "--max-rejected", description = "Allowed rejected share (default 0.01).")
  String maxRejected;

  @Option(names = "--keep-versions", description = "Versions kept after the switch (default 2).")
  String keepVersions;

  @CommandLine.Unmatched List<String> beamArgs = new ArrayList<>();

  public static void main(String[] args) {
    String[] rest = args.length > 0 && args[0].equals("build") ? tail(args) : args;
    if (args.length == 0 || !args[0].equals("build")) {
      System.err.println("usage: java -jar alike-dataflow.jar build --events ... [--help]");
      System.exit(2);
    }
    System.exit(new CommandLine(new BeamMain()).execute(rest));
  }

  private static String[] tail(String[] args) {
    String[] rest = new String[args.length - 1];
    System.arraycopy(args, 1, rest, 0, rest.length);
    return rest;
  }

  @Override
  public Integer call() {
    PipelineOptionsFactory.register(BeamBuildOptions.class);
    BuildSettings settings = BuildSettings.fromEnvironment(variables());
    PipelineOptions options = PipelineOptionsFactory.fromArgs(beamArgs(beamArgs)).create();
    new BeamRunner(System.err::println).run(settings, options, StoreOpener.DEFAULT);
    return 0;
  }

  /** The flags as the job's variables; without --events, the process environment. */
  Map<String, String> variables() {
    if (events == null) {
      Map<String, String> env = new HashMap<>(System.getenv());
      env.putIfAbsent("ALIKE_SIMILARITY", DEFAULT_SIMILARITY);
      return env;
    }
    Map<String, String> v = new HashMap<>();
    v.put("ALIKE_EVENTS", String.join(",", events));
    v.put("ALIKE_STORE", store);
    v.put("ALIKE_SIMILARITY", similarity);
    putIf(v, "ALIKE_CATALOG", catalog);
    putIf(v, "ALIKE_K", k);
    putIf(v, "ALIKE_WEIGHTS", weights);
    putIf(v, "ALIKE_HALF_LIFE", halfLife);
    putIf(v, "ALIKE_MAX_SKUS_PER_CUSTOMER", maxSkus);
    putIf(v, "ALIKE_MAX_REVERSE", maxReverse);
    putIf(v, "ALIKE_MAX_REJECTED", maxRejected);
    putIf(v, "ALIKE_KEEP_VERSIONS", keepVersions);
    return v;
  }

  private static void putIf(Map<String, String> v, String name, String value) {
    if (value != null) {
      v.put(name, value);
    }
  }

  /** Beam's own flags, accepting {@code --name value} as well as {@code --name=value}. */
  static String[] beamArgs(List<String> args) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < args.size(); i++) {
      String a = camelCase(args.get(i));
      if (a.startsWith("--")
          && !a.contains("=")
          && i + 1 < args.size()
          && !args.get(i + 1).startsWith("--")) {
        out.add(a + "=" + args.get(++i));
      } else {
        out.add(a);
      }
    }
    return out.toArray(new String[0]);
  }

  /** {@code --temp-location=x} as Beam spells it, {@code --tempLocation=x}. */
  static String camelCase(String arg) {
    if (!arg.startsWith("--")) {
      return arg;
    }
    int eq = arg.indexOf('=');
    String name = eq < 0 ? arg : arg.substring(0, eq);
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < name.length(); i++) {
      char ch = name.charAt(i);
      if (ch == '-' && i > 1 && i + 1 < name.length()) {
        b.append(Character.toUpperCase(name.charAt(++i)));
      } else {
        b.append(ch);
      }
    }
    return eq < 0 ? b.toString() : b + arg.substring(eq);
  }
}
