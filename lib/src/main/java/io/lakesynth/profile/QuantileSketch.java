package io.lakesynth.profile;

import io.lakesynth.util.RowRandom;
import java.io.Serializable;
import java.util.Arrays;

/**
 * A mergeable quantile sketch of doubles that is exact for small inputs and a KLL sketch (Karnin, Lang,
 * Liberty 2016, with lazy compaction) beyond them, and deterministic: the compactors' coin flips come
 * from a SplitMix stream seeded by the caller, so the same values in the same order, merged in the same
 * order, give the same sketch. (DataSketches' KLL takes its coins from one unseeded static Random.)
 *
 * <p>While at most {@code exactLimit} values have been added (merges included) every value is kept and
 * {@link #quantile} returns the value of rank {@code max(1, ceil(p * n))} in sorted order, which is what
 * Spark's {@code percentile_approx} returns while it is exact. Beyond that, level {@code h} holds items of
 * weight {@code 2^h}; the rank error of a query is at most {@link #rankError} times n with high probability.
 */
final class QuantileSketch implements Serializable {
  private static final long serialVersionUID = 1L;
  /** Smallest capacity of a level. */
  private static final int MIN_WIDTH = 8;
  private static final double SHRINK = 2.0 / 3.0;
  /**
   * {@code k = ERROR_TIMES_K / epsilon}: KLL's normalised rank error is about 1.7 / k at 99% confidence for a single
   * query (DataSketches' measurements); 4 / k makes the stated error hold for all of the profile's quantiles at once
   * (QuantileSketchTest checks 201 quantiles over 2M values against sorted ground truth).
   */
  static final double ERROR_TIMES_K = 4.0;
  /** Largest k (3 k doubles per column, about 1.5 MB at this limit). */
  static final int MAX_K = 1 << 16;

  private final int k;
  private final int exactLimit;
  private long rng;
  private long count;
  private double[][] levels = new double[1][];
  private int[] sizes = new int[1];
  /** Items held in all levels, and the sum of the levels' capacities (kept up to date: add() is the hot path). */
  private int retained;
  private int capacity;

  /**
   * @param epsilon the rank error to meet (fraction of n)
   * @param exactLimit values kept exactly before the sketch starts compacting
   * @param seed seed of the coin flips
   */
  QuantileSketch(double epsilon, int exactLimit, long seed) {
    this.k = kFor(epsilon);
    this.exactLimit = Math.max(exactLimit, k);
    this.rng = seed;
    levels[0] = new double[64];
    capacity = capacityOfAllLevels();
  }

  static int kFor(double epsilon) {
    return (int) Math.min(MAX_K, Math.max(MIN_WIDTH, Math.ceil(ERROR_TIMES_K / epsilon)));
  }

  /** The rank error this sketch's k gives (fraction of n); 0 while exact. */
  double rankError() {
    return exact() ? 0.0 : ERROR_TIMES_K / k;
  }

  long count() {
    return count;
  }

  boolean exact() {
    return levels.length == 1;
  }

  void add(double v) {
    if (sizes[0] == levels[0].length) {
      levels[0] = Arrays.copyOf(levels[0], levels[0].length * 2);
    }
    levels[0][sizes[0]++] = v;
    retained++;
    count++;
    if (retained >= capacity && count > exactLimit) {
      while (retained >= capacity) {
        compress();
      }
    }
  }

  /** Adds {@code other}'s items (which must have been built with the same k). */
  void merge(QuantileSketch other) {
    if (other.k != k) {
      throw new IllegalArgumentException("merging sketches of k " + k + " and " + other.k);
    }
    while (levels.length < other.levels.length) {
      grow();
    }
    for (int h = 0; h < other.levels.length; h++) {
      append(h, other.levels[h], other.sizes[h]);
    }
    count += other.count;
    if (count > exactLimit) {
      while (retained >= capacity) {
        compress();
      }
    }
  }

  /** The values at {@code probabilities} (each in [0, 1]); empty array for an empty sketch. */
  double[] quantiles(double[] probabilities) {
    if (count == 0) {
      return new double[0];
    }
    if (exact()) {
      double[] sorted = Arrays.copyOf(levels[0], sizes[0]);
      Arrays.sort(sorted);
      double[] out = new double[probabilities.length];
      for (int q = 0; q < probabilities.length; q++) {
        out[q] = sorted[(int) rankOf(probabilities[q]) - 1];
      }
      return out;
    }
    int n = retained;
    double[] values = new double[n];
    long[] weights = new long[n];
    int[] order = new int[n];
    int at = 0;
    for (int h = 0; h < levels.length; h++) {
      for (int i = 0; i < sizes[h]; i++) {
        values[at] = levels[h][i];
        weights[at] = 1L << h;
        order[at] = at;
        at++;
      }
    }
    // sort item indices by value (Double.compare order, NaN last, like Spark's sort of doubles)
    Integer[] boxed = new Integer[n];
    for (int i = 0; i < n; i++) {
      boxed[i] = order[i];
    }
    Arrays.sort(boxed, (a, b) -> Double.compare(values[a], values[b]));
    long[] cumulative = new long[n];
    long sum = 0;
    for (int i = 0; i < n; i++) {
      sum += weights[boxed[i]];
      cumulative[i] = sum;
    }
    double[] out = new double[probabilities.length];
    for (int q = 0; q < probabilities.length; q++) {
      int i = Arrays.binarySearch(cumulative, rankOf(probabilities[q]));
      if (i < 0) {
        i = -i - 1; // first cumulative weight >= rank
      }
      out[q] = values[boxed[Math.min(i, n - 1)]];
    }
    return out;
  }

  /** The 1-based rank queried for probability p: max(1, ceil(p n)), as Spark's percentile_disc. */
  private long rankOf(double p) {
    return Math.max(1, Math.min(count, (long) Math.ceil(p * count)));
  }

  private int capacity(int h) {
    int depth = levels.length - 1 - h;
    return Math.max(MIN_WIDTH, (int) Math.ceil(k * Math.pow(SHRINK, depth)));
  }

  private int capacityOfAllLevels() {
    int c = 0;
    for (int h = 0; h < levels.length; h++) {
      c += capacity(h);
    }
    return c;
  }

  /** Compacts the lowest level at or over its capacity: sorts it and promotes every other item, from a coin-flipped offset. */
  private void compress() {
    int h = 0;
    while (h < levels.length - 1 && sizes[h] < capacity(h)) {
      h++;
    }
    if (h == levels.length - 1) {
      grow();
    }
    double[] level = levels[h];
    int size = sizes[h];
    Arrays.sort(level, 0, size);
    // an odd item out stays at this level (the smallest, so the rest pair up)
    int start = size % 2;
    rng += 0x9E3779B97F4A7C15L;
    int offset = (int) (RowRandom.finalise(rng) >>> 63);
    double[] promoted = new double[(size - start) / 2];
    for (int i = 0; i < promoted.length; i++) {
      promoted[i] = level[start + 2 * i + offset];
    }
    sizes[h] = start;
    retained -= size - start;
    append(h + 1, promoted, promoted.length);
  }

  private void grow() {
    levels = Arrays.copyOf(levels, levels.length + 1);
    sizes = Arrays.copyOf(sizes, sizes.length + 1);
    levels[levels.length - 1] = new double[16];
    capacity = capacityOfAllLevels();
  }

  private void append(int h, double[] items, int n) {
    if (sizes[h] + n > levels[h].length) {
      levels[h] = Arrays.copyOf(levels[h], Math.max(levels[h].length * 2, sizes[h] + n));
    }
    System.arraycopy(items, 0, levels[h], sizes[h], n);
    sizes[h] += n;
    retained += n;
  }
}
