package dev.alike.events;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What reading the events did, for the build report.
 *
 * @param files inputs read
 * @param bytes their stored size (compressed size for .gz)
 * @param lines physical lines read (blank lines and CSV headers included; for JSON arrays, the last
 *     line number)
 * @param accepted events in the log
 * @param rejected rejected events per {@link RejectReason#key()}, every reason present, in enum
 *     order (a GA4 row is taken or rejected whole: a rejected row counts once)
 * @param skipped events skipped by name per event name, sorted by name: GA4 events whose name
 *     {@link Ga4Mapping} does not take (not errors, so not in the rejected share)
 * @param samples the first rejections as {@code file:line: reason: snippet}, in input order
 * @param millis wall time taken
 * @param threads parser threads used
 * @param unattributed accepted events whose {@code attribution} was malformed and dropped (the
 *     event itself counts as accepted)
 */
public record IngestReport(
    int files,
    long bytes,
    long lines,
    long accepted,
    Map<String, Long> rejected,
    Map<String, Long> skipped,
    List<String> samples,
    long millis,
    int threads,
    long unattributed) {
  public IngestReport {
    skipped = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(skipped));
  }

  /** A report of inputs whose attributions were not counted (the Beam build's). */
  public IngestReport(
      int files,
      long bytes,
      long lines,
      long accepted,
      Map<String, Long> rejected,
      Map<String, Long> skipped,
      List<String> samples,
      long millis,
      int threads) {
    this(files, bytes, lines, accepted, rejected, skipped, samples, millis, threads, 0);
  }

  /** Events skipped by name, all names. */
  public long skippedTotal() {
    return skipped.values().stream().mapToLong(Long::longValue).sum();
  }

  /** Events rejected for any reason. */
  public long rejectedTotal() {
    return rejected.values().stream().mapToLong(Long::longValue).sum();
  }

  /** rejected / (accepted + rejected), 0 when nothing was read. */
  public double rejectedShare() {
    long total = accepted + rejectedTotal();
    return total == 0 ? 0 : (double) rejectedTotal() / total;
  }

  /** One line for logs, e.g. {@code 3 files, 12.0 MB, 1000 lines, 990 accepted, 10 rejected}. */
  public String summary() {
    return String.format(
        Locale.ROOT,
        "%d files, %.1f MB, %d lines, %d events accepted, %d rejected%s%s%s in %.1f s (%d threads)",
        files,
        bytes / 1e6,
        lines,
        accepted,
        rejectedTotal(),
        rejectedTotal() == 0 ? "" : " " + nonZero(),
        skipped.isEmpty() ? "" : ", " + skippedTotal() + " skipped by name " + skipped,
        unattributed == 0 ? "" : ", " + unattributed + " unattributed (malformed attribution)",
        millis / 1000.0,
        threads);
  }

  /** {@code (unknown_event=3, malformed=1)}: the reasons that occurred. */
  String nonZero() {
    StringBuilder b = new StringBuilder("(");
    rejected.forEach(
        (k, v) -> {
          if (v > 0) {
            b.append(b.length() > 1 ? ", " : "").append(k).append('=').append(v);
          }
        });
    return b.append(')').toString();
  }
}
