package dev.alike.beam;

import dev.alike.beam.Values.Scored;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;

/**
 * Step 5: the reverse lists. Every entry j of SKU i's list goes to j with i and s_ij (as stored, a
 * float); each SKU keeps its best {@code maxReverse}, ties by SKU id, and SKUs whose list was cut
 * are counted ({@code reverse_cap_hits}).
 */
final class ReverseLists {
  private ReverseLists() {}

  static PCollection<KV<String, List<Scored>>> apply(
      PCollection<KV<String, List<Scored>>> lists, int cap, int buckets) {
    PCollection<KV<String, Scored>> inverted =
        lists
            .apply("Invert", ParDo.of(new InvertFn()))
            .setCoder(KvCoder.of(ValueCoders.STRING, ValueCoders.SCORED));
    return Grouping.byKey("GroupReverse", inverted, ValueCoders.SCORED, buckets)
        .apply("CapReverse", ParDo.of(new CapFn(cap)))
        .setCoder(KvCoder.of(ValueCoders.STRING, ListCoder.of(ValueCoders.SCORED)));
  }

  static final class InvertFn extends DoFn<KV<String, List<Scored>>, KV<String, Scored>> {
    @ProcessElement
    public void process(ProcessContext c) {
      String i = c.element().getKey();
      for (Scored j : c.element().getValue()) {
        c.output(KV.of(j.sku(), new Scored(i, (float) j.score())));
      }
    }
  }

  static final class CapFn extends DoFn<KV<String, Iterable<Scored>>, KV<String, List<Scored>>> {
    private final int cap;
    private final Counter hits = Metrics.counter(ReverseLists.class, "reverse_cap_hits");

    CapFn(int cap) {
      this.cap = cap;
    }

    @ProcessElement
    public void process(ProcessContext c) {
      List<Scored> list = new ArrayList<>();
      c.element().getValue().forEach(list::add);
      if (list.size() > cap) {
        hits.inc();
      }
      c.output(KV.of(c.element().getKey(), ScoredOrder.best(list, cap)));
    }
  }
}
