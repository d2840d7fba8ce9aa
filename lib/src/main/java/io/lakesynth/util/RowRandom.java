package io.lakesynth.util;

import java.nio.charset.StandardCharsets;

/**
 * Counter-based deterministic randomness for one row: the state is a pure function of
 * (seed, stream, rowId), so a row's values never depend on partitioning, executor count or
 * task retries. SplitMix64 steps; cheap to {@link #reset} per row without allocation.
 */
public final class RowRandom {
  private static final long GOLDEN = 0x9E3779B97F4A7C15L;
  private long state;

  private RowRandom(long state) {
    this.state = state;
  }

  public static RowRandom of(long seed, long stream, long rowId) {
    RowRandom r = new RowRandom(0);
    r.reset(seed, stream, rowId);
    return r;
  }

  /** Re-seeds this instance for another row. */
  public void reset(long seed, long stream, long rowId) {
    state = mix(mix(seed, stream), rowId);
  }

  /**
   * Re-seeds for a row from a precomputed {@code base = mix(seed, stream)}: the same state as
   * {@code reset(seed, stream, rowId)}, with two finaliser rounds instead of four.
   */
  public void resetFromBase(long base, long rowId) {
    state = mix(base, rowId);
  }

  /** SplitMix64's finaliser (a bijection on 64-bit values). */
  public static long finalise(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** Combines two values into one well-mixed value. */
  public static long mix(long a, long b) {
    return finalise(finalise(a + GOLDEN) ^ (b * GOLDEN + 0x632BE59BD9B4E019L));
  }

  /** Stable 64-bit hash of a string (FNV-1a over UTF-8, then finalised). */
  public static long hash(String s) {
    long h = 0xcbf29ce484222325L;
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      h ^= b & 0xff;
      h *= 0x100000001b3L;
    }
    return finalise(h);
  }

  public long nextLong() {
    state += GOLDEN;
    return finalise(state);
  }

  /** Uniform in [0, 1) with 53 random bits. */
  public double nextDouble() {
    return (nextLong() >>> 11) * 0x1.0p-53;
  }

  /** Uniform in [0, bound). */
  public int nextInt(int bound) {
    return (int) ((nextLong() >>> 33) * bound >>> 31);
  }

  /** Standard normal by Box-Muller (one value per call; two uniforms consumed). */
  public double nextGaussian() {
    double u1 = 1.0 - nextDouble(); // (0, 1]
    double u2 = nextDouble();
    return Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }
}
