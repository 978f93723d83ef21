package dev.alike.beam;

import dev.alike.beam.Values.RowEntry;
import dev.alike.model.PairwiseSimilarity.ColumnStats;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.HashMap;
import java.util.Map;

/**
 * One SKU's row of the product C^T C, summed over customers: for every SKU j that shares a customer
 * with it, the exact dot of their columns and (as the sum's term count) the number of customers who
 * have both, with j's column statistics; and the SKU's own statistics. The "stripes" shape of a
 * co-occurrence count: partial rows are summed per bundle before the shuffle, which then carries
 * one element per SKU and bundle, not one per pair.
 */
final class CoRow {
  /** One co-occurring SKU: the dot so far and its column's statistics. */
  record Cell(ExactSum dot, ColumnStats stats) {}

  private ColumnStats own;
  private final Map<String, Cell> cells = new HashMap<>();

  /** The SKU's column statistics, null before the first stripe. */
  ColumnStats own() {
    return own;
  }

  /** The co-occurring SKUs by id. */
  Map<String, Cell> cells() {
    return cells;
  }

  /** Customers having both this SKU and {@code sku} (0 when none). */
  int coCount(String sku) {
    Cell c = cells.get(sku);
    return c == null ? 0 : c.dot().terms();
  }

  /**
   * Adds one customer's products with {@code row[self]}, this SKU: its value times each other
   * SKU's. Returns the number of cells created.
   */
  int add(RowEntry[] row, int self) {
    RowEntry mine = row[self];
    own = mine.stats();
    int before = cells.size();
    for (int e = 0; e < row.length; e++) {
      if (e != self) {
        RowEntry other = row[e];
        // Floats multiply exactly in double, as the single-machine kernel's c_ui * c_uj.
        cell(other.sku(), other.stats()).dot().add((double) mine.value() * other.value());
      }
    }
    return cells.size() - before;
  }

  /** Adds everything {@code other} holds. */
  void addAll(CoRow other) {
    if (other.own != null) {
      own = other.own;
    }
    for (Map.Entry<String, Cell> c : other.cells.entrySet()) {
      cell(c.getKey(), c.getValue().stats()).dot().addAll(c.getValue().dot());
    }
  }

  private Cell cell(String sku, ColumnStats stats) {
    return cells.computeIfAbsent(sku, s -> new Cell(new ExactSum(), stats));
  }

  /** Binary coder: own statistics, then each cell's id, statistics, terms and partials. */
  static final ValueCoders.Base<CoRow> CODER =
      new ValueCoders.Base<>() {
        @Override
        public void encode(CoRow r, OutputStream out) throws IOException {
          data(out).writeBoolean(r.own != null);
          if (r.own != null) {
            ValueCoders.COLUMN_STATS.encode(r.own, out);
          }
          ValueCoders.INT.encode(r.cells.size(), out);
          for (Map.Entry<String, Cell> c : r.cells.entrySet()) {
            ValueCoders.STRING.encode(c.getKey(), out);
            ValueCoders.COLUMN_STATS.encode(c.getValue().stats(), out);
            ExactSum dot = c.getValue().dot();
            ValueCoders.INT.encode(dot.terms(), out);
            double[] partials = dot.partials();
            ValueCoders.INT.encode(partials.length, out);
            for (double p : partials) {
              data(out).writeDouble(p);
            }
          }
        }

        @Override
        public CoRow decode(InputStream in) throws IOException {
          CoRow r = new CoRow();
          if (data(in).readBoolean()) {
            r.own = ValueCoders.COLUMN_STATS.decode(in);
          }
          int n = length(ValueCoders.INT.decode(in));
          for (int i = 0; i < n; i++) {
            String sku = ValueCoders.STRING.decode(in);
            ColumnStats stats = ValueCoders.COLUMN_STATS.decode(in);
            int terms = ValueCoders.INT.decode(in);
            double[] partials = new double[length(ValueCoders.INT.decode(in))];
            for (int p = 0; p < partials.length; p++) {
              partials[p] = data(in).readDouble();
            }
            r.cells.put(sku, new Cell(new ExactSum(partials, terms), stats));
          }
          return r;
        }
      };
}
