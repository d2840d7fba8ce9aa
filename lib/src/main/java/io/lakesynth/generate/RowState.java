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

  // mix(seed, mix(stream, columnHash)) per column for the current (seed, stream): the hot loop
  // calls columnRandom once per column and row, and the stream only changes between segments
  private static final int CACHE = 64;
  private final long[] cacheKeys = new long[CACHE];
  private final long[] cacheBases = new long[CACHE];
  private final boolean[] cacheUsed = new boolean[CACHE];
  private int cacheSize;
  private long cacheSeed;
  private long cacheStream;

  /** The column's own random stream for this row, independent of other columns. */
  RowRandom columnRandom(long columnHash) {
    rng.resetFromBase(columnBase(columnHash), rowId);
    return rng;
  }

  private long columnBase(long columnHash) {
    if (cacheSize > 0 && (cacheSeed != seed || cacheStream != stream)) {
      java.util.Arrays.fill(cacheUsed, false);
      cacheSize = 0;
    }
    int i = (int) (columnHash ^ (columnHash >>> 32)) & (CACHE - 1);
    while (cacheUsed[i]) {
      if (cacheKeys[i] == columnHash) {
        return cacheBases[i];
      }
      i = (i + 1) & (CACHE - 1);
    }
    long base = RowRandom.mix(seed, RowRandom.mix(stream, columnHash));
    if (cacheSize < CACHE / 2) {
      cacheSeed = seed;
      cacheStream = stream;
      cacheUsed[i] = true;
      cacheKeys[i] = columnHash;
      cacheBases[i] = base;
      cacheSize++;
    }
    return base;
  }
}
