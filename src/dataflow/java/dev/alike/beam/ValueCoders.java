package dev.alike.beam;

import dev.alike.beam.Values.ColumnEntry;
import dev.alike.beam.Values.CustomerRow;
import dev.alike.beam.Values.Event;
import dev.alike.beam.Values.RowEntry;
import dev.alike.beam.Values.Scored;
import dev.alike.model.PairwiseSimilarity.ColumnStats;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.CoderException;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.coders.VarLongCoder;

/**
 * Binary coders for {@link Values}: strings as {@link StringUtf8Coder} writes them (nested), counts
 * and positions as var-ints, scores as their IEEE bits, so a value decodes to exactly what was
 * encoded. {@link #registerAll} makes them the pipeline's coders for those types.
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
  static final VarIntCoder INT = VarIntCoder.of();
  static final VarLongCoder LONG = VarLongCoder.of();

  /** {@link Event}. */
  static final Base<Event> EVENT =
      new Base<>() {
        @Override
        public void encode(Event e, OutputStream out) throws IOException {
          STRING.encode(e.customer(), out);
          STRING.encode(e.sku(), out);
          data(out).writeFloat(e.weight());
          data(out).writeLong(e.time());
          LONG.encode(e.position(), out);
        }

        @Override
        public Event decode(InputStream in) throws IOException {
          return new Event(
              STRING.decode(in),
              STRING.decode(in),
              data(in).readFloat(),
              data(in).readLong(),
              LONG.decode(in));
        }
      };

  /** {@link CustomerRow}. */
  static final Base<CustomerRow> CUSTOMER_ROW =
      new Base<>() {
        @Override
        public void encode(CustomerRow r, OutputStream out) throws IOException {
          STRING.encode(r.customer(), out);
          LONG.encode(r.position(), out);
          INT.encode(r.skus().length, out);
          for (int e = 0; e < r.skus().length; e++) {
            STRING.encode(r.skus()[e], out);
            data(out).writeFloat(r.scores()[e]);
          }
        }

        @Override
        public CustomerRow decode(InputStream in) throws IOException {
          String customer = STRING.decode(in);
          long position = LONG.decode(in);
          int n = length(INT.decode(in));
          String[] skus = new String[n];
          float[] scores = new float[n];
          for (int e = 0; e < n; e++) {
            skus[e] = STRING.decode(in);
            scores[e] = data(in).readFloat();
          }
          return new CustomerRow(customer, position, skus, scores);
        }
      };

  /** {@link ColumnEntry}. */
  static final Base<ColumnEntry> COLUMN_ENTRY =
      new Base<>() {
        @Override
        public void encode(ColumnEntry e, OutputStream out) throws IOException {
          STRING.encode(e.customer(), out);
          LONG.encode(e.position(), out);
          data(out).writeFloat(e.score());
          INT.encode(e.customerSkus(), out);
        }

        @Override
        public ColumnEntry decode(InputStream in) throws IOException {
          return new ColumnEntry(
              STRING.decode(in), LONG.decode(in), data(in).readFloat(), INT.decode(in));
        }
      };

  /** {@link ColumnStats}. */
  static final Base<ColumnStats> COLUMN_STATS =
      new Base<>() {
        @Override
        public void encode(ColumnStats s, OutputStream out) throws IOException {
          INT.encode(s.count(), out);
          data(out).writeDouble(s.inverseNorm());
        }

        @Override
        public ColumnStats decode(InputStream in) throws IOException {
          return new ColumnStats(INT.decode(in), data(in).readDouble());
        }
      };

  /** {@link RowEntry}. */
  static final Base<RowEntry> ROW_ENTRY =
      new Base<>() {
        @Override
        public void encode(RowEntry e, OutputStream out) throws IOException {
          STRING.encode(e.sku(), out);
          data(out).writeFloat(e.value());
          COLUMN_STATS.encode(e.stats(), out);
        }

        @Override
        public RowEntry decode(InputStream in) throws IOException {
          return new RowEntry(STRING.decode(in), data(in).readFloat(), COLUMN_STATS.decode(in));
        }
      };

  /** {@link Scored}. */
  static final Base<Scored> SCORED =
      new Base<>() {
        @Override
        public void encode(Scored s, OutputStream out) throws IOException {
          STRING.encode(s.sku(), out);
          data(out).writeDouble(s.score());
        }

        @Override
        public Scored decode(InputStream in) throws IOException {
          return new Scored(STRING.decode(in), data(in).readDouble());
        }
      };

  /** A coder of one value type; deterministic, as every coder here writes fixed fields. */
  abstract static class Base<T> extends AtomicCoder<T> {
    @Override
    public void verifyDeterministic() {}

    static DataOutputStream data(OutputStream out) {
      return out instanceof DataOutputStream d ? d : new DataOutputStream(out);
    }

    static DataInputStream data(InputStream in) {
      return in instanceof DataInputStream d ? d : new DataInputStream(in);
    }

    /** A decoded array length, checked before anything is allocated for it. */
    static int length(int n) throws CoderException {
      if (n < 0) {
        throw new CoderException("negative array length " + n + " in encoded value");
      }
      return n;
    }
  }
}
