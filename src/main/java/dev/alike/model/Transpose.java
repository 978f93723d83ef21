package dev.alike.model;

import java.util.Arrays;

/**
 * The transpose of a sparse matrix in compressed rows: for each column, the rows that hold it and
 * their values, in row order. The interaction matrix's columns, the reverse neighbour lists and
 * column-ordered similarity values are all this one loop, so they share its code (and, in a short
 * build, its one JIT compilation).
 *
 * @param ptr column c's entries are {@code [ptr[c], ptr[c+1])}
 * @param rows the row of each entry
 * @param values the value of each entry
 */
record Transpose(int[] ptr, int[] rows, float[] values) {
  /**
   * Transposes rows {@code r} = {@code cols/values[rowPtr[r], rowPtr[r+1])} of a matrix with {@code
   * columns} columns.
   */
  static Transpose of(int[] rowPtr, int[] cols, float[] values, int columns) {
    int nnz = rowPtr[rowPtr.length - 1];
    int[] ptr = new int[columns + 1];
    for (int e = 0; e < nnz; e++) {
      ptr[cols[e] + 1]++;
    }
    for (int c = 0; c < columns; c++) {
      ptr[c + 1] += ptr[c];
    }
    int[] rows = new int[nnz];
    float[] out = new float[nnz];
    int[] next = Arrays.copyOf(ptr, columns);
    for (int r = 0; r < rowPtr.length - 1; r++) {
      for (int e = rowPtr[r]; e < rowPtr[r + 1]; e++) {
        int at = next[cols[e]]++;
        rows[at] = r;
        out[at] = values[e];
      }
    }
    return new Transpose(ptr, rows, out);
  }
}
