package dev.alike.job;

import com.google.gson.JsonParser;
import dev.alike.events.SyntheticEvents;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Small event files for build tests: synthetic ones and the distinct ids they hold. */
public final class EventFiles {
  private EventFiles() {}

  /** A few thousand synthetic events: 300 customers, 120 SKUs in 6 categories, seed 7. */
  public static SyntheticEvents small() {
    return new SyntheticEvents(300, 120, 6, 8, 7);
  }

  /** Writes {@link #small()}'s events to {@code file} and returns it. */
  public static Path writeSmall(Path file) throws IOException {
    small().writeEvents(file);
    return file;
  }

  /** The distinct values of {@code field} over the JSON Lines of {@code file}, read by Gson. */
  public static Set<String> distinct(Path file, String field) throws IOException {
    Set<String> out = new HashSet<>();
    List<String> lines = Files.readAllLines(file);
    for (String line : lines) {
      if (!line.isBlank()) {
        out.add(JsonParser.parseString(line).getAsJsonObject().get(field).getAsString());
      }
    }
    return out;
  }
}
