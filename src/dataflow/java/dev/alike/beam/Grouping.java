package dev.alike.beam;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.IterableCoder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.SimpleFunction;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;

/**
 * Groups values by their string key, either with one {@code GroupByKey} key per key ({@code
 * buckets} 0, the shape for Dataflow) or through {@code buckets} hash buckets regrouped in memory
 * (the shape for the DirectRunner). The DirectRunner makes one bundle per key of a grouping, and
 * every later grouping copies a key's whole state (encoding and decoding each value) for every
 * bundle that touches the key: fed by 100k one-customer bundles, a popular SKU's column was copied
 * once per customer, quadratic in its length. With buckets, every stage after the first grouping
 * runs as {@code buckets} bundles. Both shapes give the same groups; the order within a group is
 * the arrival order, which no step relies on (columns and rows are sorted, sums are exact).
 */
final class Grouping {
  private Grouping() {}

  /** {@code in} grouped by key; {@code values} encodes the values. */
  static <V> PCollection<KV<String, Iterable<V>>> byKey(
      String name, PCollection<KV<String, V>> in, Coder<V> values, int buckets) {
    if (buckets == 0) {
      return in.apply(name, GroupByKey.create());
    }
    return in.apply(name + "Buckets", MapElements.via(new ToBucket<V>(buckets)))
        .setCoder(KvCoder.of(VarIntCoder.of(), KvCoder.of(ValueCoders.STRING, values)))
        .apply(name, GroupByKey.create())
        .apply(name + "Regroup", ParDo.of(new RegroupFn<V>()))
        .setCoder(KvCoder.of(ValueCoders.STRING, IterableCoder.of(values)));
  }

  /** A key's bucket: its hash, modulo the bucket count. */
  static final class ToBucket<V> extends SimpleFunction<KV<String, V>, KV<Integer, KV<String, V>>> {
    private final int buckets;

    ToBucket(int buckets) {
      this.buckets = buckets;
    }

    @Override
    public KV<Integer, KV<String, V>> apply(KV<String, V> kv) {
      return KV.of(Math.floorMod(kv.getKey().hashCode(), buckets), kv);
    }
  }

  /** One bucket's values grouped by their own key, keys in first-arrival order. */
  static final class RegroupFn<V>
      extends DoFn<KV<Integer, Iterable<KV<String, V>>>, KV<String, Iterable<V>>> {
    @ProcessElement
    public void process(ProcessContext c) {
      Map<String, List<V>> groups = new LinkedHashMap<>();
      for (KV<String, V> kv : c.element().getValue()) {
        groups.computeIfAbsent(kv.getKey(), k -> new ArrayList<>()).add(kv.getValue());
      }
      for (Map.Entry<String, List<V>> g : groups.entrySet()) {
        c.output(KV.of(g.getKey(), g.getValue()));
      }
    }
  }
}
