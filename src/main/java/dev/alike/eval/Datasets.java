package dev.alike.eval;

import dev.alike.events.EventReader;
import dev.alike.events.IngestOptions;
import dev.alike.events.IngestResult;
import dev.alike.events.LocalInputs;
import dev.alike.model.EventLog;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** Loads an evaluation dataset by format name, guessing the format from the file name if asked. */
public final class Datasets {
  /** A loaded dataset and a one-line note of what was read and dropped. */
  public record Loaded(EventLog events, String note) {}

  private Datasets() {}

  /**
   * Loads {@code file} as {@code format}: {@code events} (any format of the core event reader, with
   * the default weights), {@code movielens}, {@code online-retail}, {@code online-retail-quantity}
   * (quantity as weight) or {@code auto} (by file name).
   *
   * @throws IllegalArgumentException for an unknown format
   * @throws IOException when the file cannot be read or parsed
   */
  public static Loaded load(String format, Path file) throws IOException {
    String f = format.toLowerCase(Locale.ROOT);
    if (f.equals("auto")) {
      f = guess(file);
    }
    switch (f) {
      case "movielens" -> {
        EventLog log = MovieLens.read(file);
        return new Loaded(log, "MovieLens " + file + ": rating = weight");
      }
      case "online-retail", "online-retail-quantity" -> {
        OnlineRetail.Weight w =
            f.endsWith("quantity") ? OnlineRetail.Weight.QUANTITY : OnlineRetail.Weight.LINES;
        OnlineRetail.Loaded r = OnlineRetail.read(file, w);
        return new Loaded(
            r.events(),
            String.format(
                Locale.ROOT,
                "Online Retail %s: %d lines, dropped %d cancellations, %d with quantity <= 0,"
                    + " %d without customer id; weight = %s",
                file,
                r.lines(),
                r.cancelled(),
                r.nonPositiveQuantity(),
                r.noCustomer(),
                w.name().toLowerCase(Locale.ROOT)));
      }
      case "events" -> {
        IngestResult r =
            new EventReader(IngestOptions.defaults())
                .read(LocalInputs.resolve(List.of(file.toString())));
        return new Loaded(r.log(), "events " + file + ": " + r.report().summary());
      }
      default ->
          throw new IllegalArgumentException(
              "unknown dataset format \""
                  + format
                  + "\"; known: auto, events, movielens, online-retail,"
                  + " online-retail-quantity");
    }
  }

  private static String guess(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.contains("retail")) {
      return "online-retail";
    }
    if (name.startsWith("u.") || name.contains("rating")) {
      return "movielens";
    }
    if (name.matches(".*\\.(jsonl|ndjson|json|csv)(\\.gz)?$")) {
      return "events";
    }
    throw new IllegalArgumentException(
        "cannot tell the format of " + file + " from its name; pass --format");
  }
}
