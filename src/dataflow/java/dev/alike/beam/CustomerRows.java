package dev.alike.beam;

import dev.alike.beam.Values.CustomerRow;
import dev.alike.beam.Values.Event;
import dev.alike.model.InteractionMatrix;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * Step 2: the interaction matrix's rows, one group per customer: the customer's events replayed in
 * read order, weights (decayed by age from the newest event) summed per SKU in double, the
 * per-customer cap keeping the highest sums (ties by SKU id), each sum rounded to float and zeros
 * dropped, as {@code InteractionMatrix.build} does.
 */
final class CustomerRows {
  private CustomerRows() {}

  static PCollection<CustomerRow> apply(
      PCollection<Event> events, PCollectionView<Long> newest, BeamSettings settings) {
    PCollection<KV<String, Event>> byCustomer =
        events
            .apply(
                "ByCustomer",
                MapElements.into(
                        TypeDescriptors.kvs(
                            TypeDescriptors.strings(), TypeDescriptor.of(Event.class)))
                    .via(e -> KV.of(e.customer(), e)))
            .setCoder(KvCoder.of(ValueCoders.STRING, ValueCoders.EVENT));
    return Grouping.byKey("GroupCustomers", byCustomer, ValueCoders.EVENT, settings.buckets())
        .apply("Rows", ParDo.of(new RowFn(settings, newest)).withSideInputs(newest))
        .setCoder(ValueCoders.CUSTOMER_ROW);
  }

  static final class RowFn extends DoFn<KV<String, Iterable<Event>>, CustomerRow> {
    private final BeamSettings settings;
    private final PCollectionView<Long> newest;
    private final Counter capped = Metrics.counter(CustomerRows.class, "customers_capped");

    RowFn(BeamSettings settings, PCollectionView<Long> newest) {
      this.settings = settings;
      this.newest = newest;
    }

    @ProcessElement
    public void process(ProcessContext c) {
      KV<String, Iterable<Event>> group = c.element();
      long newestTime = c.sideInput(newest);
      List<Event> events = new ArrayList<>();
      group.getValue().forEach(events::add);
      events.sort(Comparator.comparingLong(Event::position));
      Map<String, Double> sums = new LinkedHashMap<>();
      for (Event e : events) {
        double w = e.weight();
        if (settings.halfLifeSeconds() != 0) {
          w =
              e.weight()
                  * InteractionMatrix.decay(e.time(), newestTime, settings.halfLifeSeconds());
        }
        sums.merge(e.sku(), w, Double::sum);
      }
      List<String> kept = new ArrayList<>(sums.keySet());
      if (kept.size() > settings.maxSkusPerCustomer()) {
        kept.sort(
            (a, b) -> {
              int bySum = Double.compare(sums.get(b), sums.get(a));
              return bySum != 0 ? bySum : a.compareTo(b);
            });
        kept = kept.subList(0, settings.maxSkusPerCustomer());
        capped.inc();
      }
      List<String> skus = new ArrayList<>(kept.size());
      List<Float> scores = new ArrayList<>(kept.size());
      for (String sku : kept) {
        float score = (float) (double) sums.get(sku);
        if (score > 0) { // decay may underflow an old score to 0: no interaction then
          skus.add(sku);
          scores.add(score);
        }
      }
      if (skus.isEmpty()) {
        return;
      }
      float[] values = new float[scores.size()];
      for (int i = 0; i < values.length; i++) {
        values[i] = scores.get(i);
      }
      c.output(
          new CustomerRow(
              group.getKey(), events.get(0).position(), skus.toArray(new String[0]), values));
    }
  }
}
