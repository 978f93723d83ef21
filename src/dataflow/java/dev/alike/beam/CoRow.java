package dev.alike.beam;

import com.google.common.primitives.Doubles;
import dev.alike.beam.Values.RowEntry;
import dev.alike.model.PairwiseSimilarity.ColumnStats;
import java.util.HashMap;
import java.util.Map;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.DelegateCoder;
import org.apache.beam.sdk.coders.DoubleCoder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.coders.MapCoder;
import org.apache.beam.sdk.coders.NullableCoder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.values.KV;

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

  /** A cell as Beam's standard coders: its column statistics, the dot's terms and partials. */
  static final Coder<Cell> CELL_CODER =
      DelegateCoder.of(
          KvCoder.of(
              ValueCoders.COLUMN_STATS,
              KvCoder.of(VarIntCoder.of(), ListCoder.of(DoubleCoder.of()))),
          c -> KV.of(c.stats(), KV.of(c.dot().terms(), Doubles.asList(c.dot().partials()))),
          kv ->
              new Cell(
                  new ExactSum(Doubles.toArray(kv.getValue().getValue()), kv.getValue().getKey()),
                  kv.getKey()));

  /** The row as its own statistics (null before the first stripe) and its cells by SKU id. */
  static final Coder<CoRow> CODER =
      DelegateCoder.of(
          KvCoder.of(
              NullableCoder.of(ValueCoders.COLUMN_STATS),
              MapCoder.of(ValueCoders.STRING, CELL_CODER)),
          r -> KV.of(r.own, r.cells),
          kv -> {
            CoRow r = new CoRow();
            r.own = kv.getKey();
            r.cells.putAll(kv.getValue());
            return r;
          });
}
