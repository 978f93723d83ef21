package dev.alike.cli;

import com.google.cloud.storage.BlobInfo;
import dev.alike.gcs.CloudStorage;
import dev.alike.gcs.GcsUri;
import dev.alike.job.RecommendationExport;
import dev.alike.store.ModelStore;
import dev.alike.store.Stores;
import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.zip.GZIPOutputStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code alike export}: one per-customer list of every customer as JSON Lines, to a file or gs://.
 */
@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    description =
        "Write one list of every stored customer (top-n recommendations by default) as JSON Lines.")
final class ExportCommand implements Callable<Integer> {
  @Mixin StoreOption store;

  @Spec CommandSpec spec;

  @Option(
      names = "--type",
      defaultValue = "for-you",
      description =
          "The list: for-you (recommended for you), buy-again or recently-viewed; customers whose"
              + " buy-again or recently-viewed list is empty are left out (default ${DEFAULT-VALUE}).")
  String type;

  @Option(
      names = "--out",
      required = true,
      description = "Output file or gs://bucket/object; .gz compresses.")
  String out;

  @Option(
      names = "--n",
      defaultValue = "10",
      description = "Items per customer (1..100, default ${DEFAULT-VALUE}).")
  int n;

  @Option(names = "--threads", description = "Threads (default: all cores).")
  Integer threads;

  @Override
  public Integer call() throws Exception {
    int cores = threads != null ? threads : Runtime.getRuntime().availableProcessors();
    RecommendationExport.Kind kind;
    try {
      kind = RecommendationExport.Kind.parse(type);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(
          spec.commandLine(), e.getMessage(), spec.findOption("--type"), type);
    }
    try (ModelStore opened = Stores.open(store.spec);
        OutputStream os = open(out)) {
      new RecommendationExport(opened, kind, n, cores).writeTo(os);
    }
    return 0;
  }

  private static OutputStream open(String location) throws Exception {
    OutputStream raw;
    if (GcsUri.isGcs(location)) {
      GcsUri uri = GcsUri.parse(location);
      raw =
          Channels.newOutputStream(
              CloudStorage.client()
                  .writer(
                      BlobInfo.newBuilder(uri.bucket(), uri.path())
                          .setContentType("application/x-ndjson")
                          .build()));
    } else {
      Path path = Path.of(location);
      if (path.toAbsolutePath().getParent() != null) {
        Files.createDirectories(path.toAbsolutePath().getParent());
      }
      raw = Files.newOutputStream(path);
    }
    OutputStream buffered = new BufferedOutputStream(raw, 1 << 20);
    return location.endsWith(".gz") ? new GZIPOutputStream(buffered, 1 << 16) : buffered;
  }
}
