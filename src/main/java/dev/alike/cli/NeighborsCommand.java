package dev.alike.cli;

import dev.alike.serving.Json;
import dev.alike.store.ModelInfo;
import dev.alike.store.ModelStore;
import dev.alike.store.Neighbor;
import dev.alike.store.Stores;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code alike neighbors}: every SKU's own top-k list as JSON Lines {@code {"sku": "s1",
 * "neighbors": [["s2", 0.91], ...]}}, best first, from the current (or a given) version.
 */
@Command(
    name = "neighbors",
    mixinStandardHelpOptions = true,
    description = "Print every SKU's neighbour list as JSON Lines, best first.")
final class NeighborsCommand implements Callable<Integer> {
  @Mixin StoreOption store;

  @Option(names = "--version", description = "A model version (default: the current one).")
  String version;

  @Override
  public Integer call() throws IOException {
    try (ModelStore opened = Stores.open(store.spec, System.err::println)) {
      String v =
          version != null
              ? version
              : opened
                  .current()
                  .map(ModelInfo::version)
                  .orElseThrow(
                      () -> new IllegalStateException("no model in " + store.spec + " yet"));
      Writer out =
          new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), 1 << 16);
      StringBuilder line = new StringBuilder(1024);
      opened.forEachSku(
          v,
          doc -> {
            line.setLength(0);
            line.append("{\"sku\":");
            Json.string(line, doc.sku());
            line.append(",\"neighbors\":[");
            for (int i = 0; i < doc.similar().size(); i++) {
              Neighbor n = doc.similar().get(i);
              line.append(i == 0 ? "[" : ",[");
              Json.string(line, n.sku());
              line.append(',').append((float) n.score()).append(']');
            }
            line.append("]}\n");
            try {
              out.write(line.toString());
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          });
      out.flush();
    }
    return 0;
  }
}
