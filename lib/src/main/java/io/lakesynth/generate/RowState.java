package io.lakesynth.generate;

import io.lakesynth.util.RowRandom;

/** Per-partition scratch for building rows: node codes, mixture draws, the row's identity. */
final class RowState {
  final int[] codes;
  final double[] z;
  final double[] gauss;
  final RowRandom rng = RowRandom.of(0, 0, 0);
  long seed;
  long stream;
  long rowId;
  /** Unique key of the row across the output (slice-aware), for identifiers. */
  long uniqueKey;
  /** Index of the row within this generation run. */
  int component;

  RowState(int nodes, int dims) {
    codes = new int[Math.max(1, nodes)];
    z = new double[Math.max(1, dims)];
    gauss = new double[Math.max(1, dims)];
  }

  /** The column's own random stream for this row, independent of other columns. */
  RowRandom columnRandom(long columnHash) {
    rng.reset(seed, RowRandom.mix(stream, columnHash), rowId);
    return rng;
  }
}
