package dev.alike.eval;

import dev.alike.model.EventLog;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Reads MovieLens ratings as events: customer = user id, SKU = movie id, weight = rating, time =
 * the rating's unix timestamp when the file has one.
 *
 * <p>Formats, told apart by the separator of the first data line: {@code u.data} (tab: user, item,
 * rating, timestamp), {@code ratings.dat} ({@code ::}), and CSV ({@code user,movie,rating[,ts]}, an
 * optional header line, as the ML-1M file in shared/data). Files ending {@code .gz} are
 * decompressed.
 */
public final class MovieLens {
  private MovieLens() {}

  /**
   * The ratings in {@code file} in file order.
   *
   * @throws IOException when the file cannot be read, or a line is malformed (naming file and line)
   */
  public static EventLog read(Path file) throws IOException {
    EventLog log = new EventLog();
    try (BufferedReader in = open(file)) {
      String line;
      int lineNo = 0;
      while ((line = in.readLine()) != null) {
        lineNo++;
        if (line.isBlank() || (lineNo == 1 && !Character.isDigit(line.charAt(0)))) {
          continue; // the CSV header
        }
        String[] f = split(line);
        if (f.length < 3) {
          throw new IOException(file + ":" + lineNo + ": expected user, item, rating: " + line);
        }
        try {
          double rating = Double.parseDouble(f[2].trim());
          long time = f.length > 3 ? Long.parseLong(f[3].trim()) : EventLog.NO_TIME;
          log.add(f[0].trim(), f[1].trim(), rating, time);
        } catch (IllegalArgumentException e) {
          throw new IOException(file + ":" + lineNo + ": " + e.getMessage(), e);
        }
      }
    }
    return log;
  }

  private static String[] split(String line) {
    if (line.indexOf('\t') >= 0) {
      return line.split("\t");
    }
    if (line.contains("::")) {
      return line.split("::");
    }
    return line.split(",");
  }

  static BufferedReader open(Path file) throws IOException {
    var raw = Files.newInputStream(file);
    var stream = file.toString().endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw;
    return new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8), 1 << 16);
  }
}
