package dev.alike.beam;

import com.google.common.primitives.Ints;
import dev.alike.beam.Values.Scored;
import dev.alike.model.RestrictedRegression;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.DelegateCoder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.coders.NullableCoder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.SimpleFunction;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;

/**
 * Step 3b for EASE: each SKU i's regression on its C candidates (the base similarity's best list),
 * solved by the model's own {@link RestrictedRegression#weightsOf}. The counts come from the
 * co-occurrence rows already summed for the pair scores: i asks each member a of its system (every
 * candidate, then i) for a's counts with the members before it ({@link Request}); a grouping by SKU
 * puts each request beside a's row, which answers with one row of the packed triangle ({@link
 * Slice}); the slices group by i and the solve gives i's weights, the largest k kept, ties by SKU
 * id. Cost: C+1 requests per SKU carrying (C+1)(C+2)/2 SKU ids in all, i.e. about n C^2 / 2 ids and
 * counts through two shuffles, then n C^3 / 6 multiply-adds (docs/scale.md).
 */
final class EaseRegression {
  private EaseRegression() {}

  /**
   * Member {@code position} of target's system asks for its counts with {@code members[0 ..
   * position]} (only those are read, and encoded; position m is the target itself).
   */
  record Request(String target, int position, String[] members) {
    /** The target and the members read, {@code members[0 .. position]}. */
    static final Coder<Request> CODER =
        DelegateCoder.of(
            KvCoder.of(ValueCoders.STRING, ListCoder.of(ValueCoders.STRING)),
            r -> KV.of(r.target(), Arrays.asList(r.members()).subList(0, r.position() + 1)),
            kv ->
                new Request(
                    kv.getKey(), kv.getValue().size() - 1, kv.getValue().toArray(new String[0])));
  }

  /**
   * Row {@code position} of a target's packed triangle, from member {@code sku}: its counts with
   * members 0..position.
   */
  record Slice(String sku, int position, int[] counts) {
    /** The member and its counts; the position is the count of counts less one. */
    static final Coder<Slice> CODER =
        DelegateCoder.of(
            KvCoder.of(ValueCoders.STRING, ListCoder.of(VarIntCoder.of())),
            s -> KV.of(s.sku(), Ints.asList(s.counts())),
            kv -> new Slice(kv.getKey(), kv.getValue().size() - 1, Ints.toArray(kv.getValue())));
  }

  /** A SKU's row or a request to it: what the join groups by SKU (exactly one is non-null). */
  record Joined(CoRow row, Request request) {}

  /** Each SKU's k largest regression weights from its candidate list and the co-occurrence rows. */
  static PCollection<KV<String, List<Scored>>> apply(
      PCollection<KV<String, List<Scored>>> candidates,
      PCollection<KV<String, CoRow>> rows,
      double lambda,
      int k,
      int buckets) {
    PCollection<KV<String, Joined>> requests =
        candidates
            .apply("AskCounts", ParDo.of(new RequestFn()))
            .setCoder(KvCoder.of(ValueCoders.STRING, JOINED_CODER));
    PCollection<KV<String, Joined>> rowsToJoin =
        rows.apply(
                "RowsToJoin",
                MapElements.via(
                    new SimpleFunction<KV<String, CoRow>, KV<String, Joined>>() {
                      @Override
                      public KV<String, Joined> apply(KV<String, CoRow> kv) {
                        return KV.of(kv.getKey(), new Joined(kv.getValue(), null));
                      }
                    }))
            .setCoder(KvCoder.of(ValueCoders.STRING, JOINED_CODER));
    PCollection<KV<String, Joined>> joined =
        PCollectionList.of(rowsToJoin)
            .and(requests)
            .apply("RowsAndRequests", Flatten.pCollections());
    PCollection<KV<String, Slice>> slices =
        Grouping.byKey("JoinRows", joined, JOINED_CODER, buckets)
            .apply("AnswerCounts", ParDo.of(new SliceFn()))
            .setCoder(KvCoder.of(ValueCoders.STRING, Slice.CODER));
    return Grouping.byKey("GroupSystems", slices, Slice.CODER, buckets)
        .apply("Solve", ParDo.of(new SolveFn(lambda, k)))
        .setCoder(KvCoder.of(ValueCoders.STRING, ListCoder.of(ValueCoders.SCORED)));
  }

  /** A target's requests, one per member of its system. */
  static final class RequestFn extends DoFn<KV<String, List<Scored>>, KV<String, Joined>> {
    private final Counter systems = Metrics.counter(EaseRegression.class, "ease_systems");
    private final Counter counts = Metrics.counter(EaseRegression.class, "ease_requested_counts");

    @ProcessElement
    public void process(ProcessContext c) {
      String target = c.element().getKey();
      List<Scored> list = c.element().getValue();
      String[] members = new String[list.size() + 1];
      for (int p = 0; p < list.size(); p++) {
        members[p] = list.get(p).sku();
      }
      members[list.size()] = target;
      systems.inc();
      counts.inc((long) members.length * (members.length + 1) / 2);
      for (int p = 0; p < members.length; p++) {
        c.output(KV.of(members[p], new Joined(null, new Request(target, p, members))));
      }
    }
  }

  /** A SKU's answers: its counts with the members before it, its own customer count last. */
  static final class SliceFn extends DoFn<KV<String, Iterable<Joined>>, KV<String, Slice>> {
    @ProcessElement
    public void process(ProcessContext c) {
      String sku = c.element().getKey();
      CoRow row = null;
      List<Request> requests = new ArrayList<>();
      for (Joined j : c.element().getValue()) {
        if (j.row() != null) {
          row = j.row();
        } else {
          requests.add(j.request());
        }
      }
      for (Request r : requests) {
        if (row == null) {
          throw new IllegalStateException(
              "SKU " + sku + " is in the system of " + r.target() + " but shares no customer");
        }
        int[] counts = new int[r.position() + 1];
        for (int q = 0; q < r.position(); q++) {
          counts[q] = row.coCount(r.members()[q]);
        }
        counts[r.position()] = row.own().count();
        c.output(KV.of(r.target(), new Slice(sku, r.position(), counts)));
      }
    }
  }

  /** One target's system assembled from its slices and solved; its k largest weights. */
  static final class SolveFn extends DoFn<KV<String, Iterable<Slice>>, KV<String, List<Scored>>> {
    private final double lambda;
    private final int k;

    SolveFn(double lambda, int k) {
      this.lambda = lambda;
      this.k = k;
    }

    @ProcessElement
    public void process(ProcessContext c) {
      List<Slice> slices = new ArrayList<>();
      c.element().getValue().forEach(slices::add);
      int m = slices.size() - 1;
      int[] packed = new int[(m + 1) * (m + 2) / 2];
      String[] members = new String[m + 1];
      for (Slice s : slices) {
        int p = s.position();
        members[p] = s.sku();
        System.arraycopy(s.counts(), 0, packed, p * (p + 1) / 2, p + 1);
      }
      double[] w = RestrictedRegression.weightsOf(packed, m, lambda);
      List<Scored> kept = new ArrayList<>();
      for (int p = 0; p < m; p++) {
        if (RestrictedRegression.keeps(w[p])) {
          kept.add(new Scored(members[p], w[p]));
        }
      }
      if (!kept.isEmpty()) {
        c.output(KV.of(c.element().getKey(), ScoredOrder.best(kept, k)));
      }
    }
  }

  /** A row or a request, whichever is present. */
  static final Coder<Joined> JOINED_CODER =
      DelegateCoder.of(
          KvCoder.of(NullableCoder.of(CoRow.CODER), NullableCoder.of(Request.CODER)),
          j -> KV.of(j.row(), j.request()),
          kv -> new Joined(kv.getKey(), kv.getValue()));
}
