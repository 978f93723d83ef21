package dev.alike.beam;

import com.google.common.primitives.Floats;
import dev.alike.beam.Values.ColumnEntry;
import dev.alike.beam.Values.CustomerRow;
import dev.alike.beam.Values.Event;
import dev.alike.beam.Values.RowEntry;
import dev.alike.beam.Values.Scored;
import dev.alike.model.PairwiseSimilarity.ColumnStats;
import java.util.Arrays;
import org.apache.beam.sdk.coders.BigEndianLongCoder;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.coders.DelegateCoder;
import org.apache.beam.sdk.coders.DoubleCoder;
import org.apache.beam.sdk.coders.FloatCoder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.values.KV;

/**
 * Coders for {@link Values}, each Beam's standard coders of the record's fields ({@link
 * DelegateCoder} over {@link KvCoder}s): strings as UTF-8, counts and positions as var-ints, scores
 * as their IEEE bits, so a value decodes to exactly what was encoded, and no class descriptor is
 * written per element as Java serialization would. {@link #registerAll} makes them the pipeline's
 * coders for those types.
 */
final class ValueCoders {
  private ValueCoders() {}

  /** Registers every coder here for its value type. */
  static void registerAll(CoderRegistry registry) {
    registry.registerCoderForClass(Event.class, EVENT);
    registry.registerCoderForClass(CustomerRow.class, CUSTOMER_ROW);
    registry.registerCoderForClass(ColumnEntry.class, COLUMN_ENTRY);
    registry.registerCoderForClass(RowEntry.class, ROW_ENTRY);
    registry.registerCoderForClass(Scored.class, SCORED);
    registry.registerCoderForClass(ColumnStats.class, COLUMN_STATS);
  }

  static final StringUtf8Coder STRING = StringUtf8Coder.of();

  static final Coder<Event> EVENT =
      DelegateCoder.of(
          KvCoder.of(
              KvCoder.of(STRING, STRING),
              KvCoder.of(FloatCoder.of(), KvCoder.of(BigEndianLongCoder.of(), VarLongCoder.of()))),
          e ->
              KV.of(KV.of(e.customer(), e.sku()), KV.of(e.weight(), KV.of(e.time(), e.position()))),
          kv ->
              new Event(
                  kv.getKey().getKey(),
                  kv.getKey().getValue(),
                  kv.getValue().getKey(),
                  kv.getValue().getValue().getKey(),
                  kv.getValue().getValue().getValue()));

  static final Coder<CustomerRow> CUSTOMER_ROW =
      DelegateCoder.of(
          KvCoder.of(
              KvCoder.of(STRING, VarLongCoder.of()),
              KvCoder.of(ListCoder.of(STRING), ListCoder.of(FloatCoder.of()))),
          r ->
              KV.of(
                  KV.of(r.customer(), r.position()),
                  KV.of(Arrays.asList(r.skus()), Floats.asList(r.scores()))),
          kv ->
              new CustomerRow(
                  kv.getKey().getKey(),
                  kv.getKey().getValue(),
                  kv.getValue().getKey().toArray(new String[0]),
                  Floats.toArray(kv.getValue().getValue())));

  static final Coder<ColumnEntry> COLUMN_ENTRY =
      DelegateCoder.of(
          KvCoder.of(
              KvCoder.of(STRING, VarLongCoder.of()), KvCoder.of(FloatCoder.of(), VarIntCoder.of())),
          e -> KV.of(KV.of(e.customer(), e.position()), KV.of(e.score(), e.customerSkus())),
          kv ->
              new ColumnEntry(
                  kv.getKey().getKey(),
                  kv.getKey().getValue(),
                  kv.getValue().getKey(),
                  kv.getValue().getValue()));

  static final Coder<ColumnStats> COLUMN_STATS =
      DelegateCoder.of(
          KvCoder.of(VarIntCoder.of(), DoubleCoder.of()),
          s -> KV.of(s.count(), s.inverseNorm()),
          kv -> new ColumnStats(kv.getKey(), kv.getValue()));

  static final Coder<RowEntry> ROW_ENTRY =
      DelegateCoder.of(
          KvCoder.of(STRING, KvCoder.of(FloatCoder.of(), COLUMN_STATS)),
          e -> KV.of(e.sku(), KV.of(e.value(), e.stats())),
          kv -> new RowEntry(kv.getKey(), kv.getValue().getKey(), kv.getValue().getValue()));

  static final Coder<Scored> SCORED =
      DelegateCoder.of(
          KvCoder.of(STRING, DoubleCoder.of()),
          s -> KV.of(s.sku(), s.score()),
          kv -> new Scored(kv.getKey(), kv.getValue()));
}
