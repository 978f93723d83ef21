package dev.alike.beam;

import dev.alike.beam.Values.Event;
import dev.alike.events.EventInput;
import dev.alike.events.EventReader;
import dev.alike.events.IngestReport;
import dev.alike.events.IngestResult;
import dev.alike.events.LocalEventInput;
import dev.alike.events.RejectReason;
import dev.alike.gcs.CloudStorage;
import dev.alike.gcs.GcsInputs;
import dev.alike.gcs.GcsUri;
import dev.alike.model.EventLog;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Reshuffle;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * Step 1: every input file parsed by the events package's own reader, one file per task, into
 * events that carry their position in the read order, plus what each file's read counted (lines,
 * accepted, rejected per reason, samples). A file is not split: its positions must follow its
 * lines, and compressed files cannot be split anyway; a year of events arrives as many daily files.
 */
final class ReadEvents {
  private ReadEvents() {}

  /** What one file's read counted. */
  record FileCounts(
      int file,
      long bytes,
      long lines,
      long accepted,
      long[] rejected,
      Map<String, Long> skipped,
      List<String> samples)
      implements Serializable {}

  /** The events and the per-file counts. */
  record Read(PCollection<Event> events, PCollection<FileCounts> counts) {}

  static final TupleTag<Event> EVENTS = new TupleTag<>() {};
  static final TupleTag<FileCounts> COUNTS = new TupleTag<>() {};

  static Read apply(Pipeline p, BeamSettings settings) {
    List<KV<Integer, String>> files = new ArrayList<>();
    for (int f = 0; f < settings.files().size(); f++) {
      files.add(KV.of(f, settings.files().get(f)));
    }
    PCollectionTuple parsed =
        p.apply(
                "ListFiles",
                Create.of(files).withCoder(KvCoder.of(VarIntCoder.of(), StringUtf8Coder.of())))
            .apply("SpreadFiles", Reshuffle.viaRandomKey())
            .apply(
                "ParseFiles",
                ParDo.of(new ParseFileFn(settings))
                    .withOutputTags(EVENTS, TupleTagList.of(COUNTS)));
    return new Read(
        parsed.get(EVENTS).setCoder(ValueCoders.EVENT),
        parsed.get(COUNTS).setCoder(SerializableCoder.of(FileCounts.class)));
  }

  /** The report of the whole read from every file's counts, as the single-machine read gives. */
  static IngestReport report(Iterable<FileCounts> perFile) {
    List<FileCounts> files = new ArrayList<>();
    perFile.forEach(files::add);
    files.sort((a, b) -> Integer.compare(a.file(), b.file()));
    long bytes = 0;
    long lines = 0;
    long accepted = 0;
    long[] rejected = new long[RejectReason.values().length];
    List<String> samples = new ArrayList<>();
    Map<String, Long> skipped = new TreeMap<>();
    for (FileCounts c : files) {
      c.skipped().forEach((name, n) -> skipped.merge(name, n, Long::sum));
      bytes += c.bytes();
      lines += c.lines();
      accepted += c.accepted();
      for (int r = 0; r < rejected.length; r++) {
        rejected[r] += c.rejected()[r];
      }
      for (String s : c.samples()) {
        if (samples.size() < 10) {
          samples.add(s);
        }
      }
    }
    Map<String, Long> byReason = new LinkedHashMap<>();
    for (RejectReason r : RejectReason.values()) {
      byReason.put(r.key(), rejected[r.ordinal()]);
    }
    return new IngestReport(files.size(), bytes, lines, accepted, byReason, skipped, samples, 0, 1);
  }

  /** Opens a local path or a gs:// object named by the launcher. */
  static EventInput input(String location) {
    if (GcsUri.isGcs(location)) {
      List<EventInput> found = GcsInputs.resolve(CloudStorage.client(), location);
      if (found.size() != 1 || !found.get(0).name().equals(location)) {
        throw new IllegalStateException("no object " + location + " (listed at launch)");
      }
      return found.get(0);
    }
    return new LocalEventInput(Path.of(location));
  }

  /** Parses one file with the events package's reader and emits its events in order. */
  static final class ParseFileFn extends DoFn<KV<Integer, String>, Event> {
    private final BeamSettings settings;
    private final Counter accepted = Metrics.counter(ReadEvents.class, "events_accepted");
    private final Counter rejected = Metrics.counter(ReadEvents.class, "events_rejected");
    private final Counter skipped = Metrics.counter(ReadEvents.class, "events_skipped");

    ParseFileFn(BeamSettings settings) {
      this.settings = settings;
    }

    @ProcessElement
    public void process(@Element KV<Integer, String> file, MultiOutputReceiver out) {
      int ordinal = file.getKey();
      EventInput input = input(file.getValue());
      IngestResult result = new EventReader(settings.ingest()).readUnchecked(List.of(input));
      EventLog log = result.log();
      for (int e = 0; e < log.size(); e++) {
        out.get(EVENTS)
            .output(
                new Event(
                    log.customers().id(log.customer(e)),
                    log.skus().id(log.sku(e)),
                    log.weight(e),
                    log.time(e),
                    Event.position(ordinal, e)));
      }
      IngestReport r = result.report();
      long[] byReason = new long[RejectReason.values().length];
      for (RejectReason reason : RejectReason.values()) {
        byReason[reason.ordinal()] = r.rejected().getOrDefault(reason.key(), 0L);
      }
      accepted.inc(r.accepted());
      rejected.inc(r.rejectedTotal());
      skipped.inc(r.skippedTotal());
      for (RejectReason reason : RejectReason.values()) {
        if (byReason[reason.ordinal()] > 0) {
          Metrics.counter(ReadEvents.class, "rejected_" + reason.key())
              .inc(byReason[reason.ordinal()]);
        }
      }
      out.get(COUNTS)
          .output(
              new FileCounts(
                  ordinal,
                  r.bytes(),
                  r.lines(),
                  r.accepted(),
                  byReason,
                  new TreeMap<>(r.skipped()),
                  new ArrayList<>(r.samples())));
    }
  }
}
