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
    try (ModelStore opened = Stores.open(store.spec)) {
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
      opened.forEachSku(
          v,
          doc -> {
            String line =
                Json.write(
                    w -> {
                      w.beginObject().name("sku").value(doc.sku()).name("neighbors").beginArray();
                      for (Neighbor n : doc.similar()) {
                        w.beginArray().value(n.sku()).value((float) n.score()).endArray();
                      }
                      w.endArray().endObject();
                    });
            try {
              out.write(line);
              out.write('\n');
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          });
      out.flush();
    }
    return 0;
  }
}
