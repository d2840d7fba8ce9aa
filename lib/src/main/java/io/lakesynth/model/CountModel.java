package io.lakesynth.model;

import io.lakesynth.util.RowRandom;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How many rows of a child table reference one parent row (parents with none included), as a histogram of counts
 * per state of one parent column (the condition) plus one over all parents. Counts 0..15 are kept exactly; larger
 * ones in geometric bins (factor 1.5) drawn uniformly within, so a hub's exact count is never stored. A condition
 * state held by fewer than {@code minParents} parents uses the overall histogram. Pure Java.
 *
 * @param condition the parent column the histograms are conditioned on ("" = none)
 * @param all the histogram over all parents
 * @param byValue the histogram per value of the condition (null values under {@link #NULL})
 */
public record CountModel(String condition, List<Bin> all, Map<String, List<Bin>> byValue) implements Serializable {
  private static final long serialVersionUID = 1L;
  /** Key of the null value of the condition. */
  public static final String NULL = "\u2205null";
  /** Counts below this are kept exactly. */
  static final long EXACT = 16;

  /** Parents whose child count lies in [lo, hi). */
  public record Bin(long lo, long hi, long parents) implements Serializable {
    private static final long serialVersionUID = 1L;
  }

  /** The bin [lo, hi) holding a count. */
  static long[] binOf(long count) {
    if (count < EXACT) {
      return new long[] {count, count + 1};
    }
    long lo = EXACT;
    long hi = EXACT * 3 / 2;
    while (count >= hi) {
      lo = hi;
      hi = (long) Math.ceil(hi * 1.5);
    }
    return new long[] {lo, hi};
  }

  /**
   * Fits from {@code parents[value][count]}: the number of parent rows with that condition value and that many
   * children, counts capped at {@code maxChildren}.
   */
  public static CountModel fit(String condition, Map<String, Map<Long, Long>> parents, long minParents,
      long maxChildren) {
    Map<Long, Long> total = new TreeMap<>();
    Map<String, List<Bin>> byValue = new LinkedHashMap<>();
    for (Map.Entry<String, Map<Long, Long>> e : parents.entrySet()) {
      Map<Long, Long> binned = new TreeMap<>();
      long n = 0;
      for (Map.Entry<Long, Long> c : e.getValue().entrySet()) {
        long lo = binOf(Math.min(c.getKey(), maxChildren))[0];
        binned.merge(lo, c.getValue(), Long::sum);
        total.merge(lo, c.getValue(), Long::sum);
        n += c.getValue();
      }
      if (n >= minParents && !condition.isEmpty()) {
        byValue.put(e.getKey(), bins(binned, maxChildren));
      }
    }
    return new CountModel(condition, bins(total, maxChildren), byValue);
  }

  /**
   * Mutual information (nats, Miller-Madow corrected) between the condition's value and the binned count, from the same
   * {@code parents[value][count]} table {@link #fit} takes: how much the condition tells about the count.
   */
  public static double information(Map<String, Map<Long, Long>> parents) {
    Map<String, Map<Long, Long>> joint = new LinkedHashMap<>();
    Map<Long, Long> byBin = new TreeMap<>();
    Map<String, Long> byValue = new LinkedHashMap<>();
    long n = 0;
    for (Map.Entry<String, Map<Long, Long>> e : parents.entrySet()) {
      for (Map.Entry<Long, Long> c : e.getValue().entrySet()) {
        long lo = binOf(c.getKey())[0];
        joint.computeIfAbsent(e.getKey(), k -> new TreeMap<>()).merge(lo, c.getValue(), Long::sum);
        byBin.merge(lo, c.getValue(), Long::sum);
        byValue.merge(e.getKey(), c.getValue(), Long::sum);
        n += c.getValue();
      }
    }
    double mi = 0;
    for (Map.Entry<String, Map<Long, Long>> e : joint.entrySet()) {
      for (Map.Entry<Long, Long> c : e.getValue().entrySet()) {
        double pxy = (double) c.getValue() / n;
        mi += pxy * Math.log(pxy * n * n / ((double) byValue.get(e.getKey()) * byBin.get(c.getKey())));
      }
    }
    // Miller-Madow: a column with more values is not preferred for its sampling noise alone
    return n == 0 ? 0 : mi - (byValue.size() - 1.0) * (byBin.size() - 1.0) / (2.0 * n);
  }

  private static List<Bin> bins(Map<Long, Long> byLow, long maxChildren) {
    List<Bin> out = new ArrayList<>();
    for (Map.Entry<Long, Long> e : byLow.entrySet()) {
      out.add(new Bin(e.getKey(), Math.min(binOf(e.getKey())[1], maxChildren + 1), e.getValue()));
    }
    return out;
  }

  /** The largest count this model can draw. */
  public long maxCount() {
    long max = 0;
    for (Bin b : all) {
      max = Math.max(max, b.hi() - 1);
    }
    for (List<Bin> l : byValue.values()) {
      for (Bin b : l) {
        max = Math.max(max, b.hi() - 1);
      }
    }
    return max;
  }

  /** Mean count over all parents (bins at their midpoint). */
  public double mean() {
    double s = 0;
    long n = 0;
    for (Bin b : all) {
      s += b.parents() * (b.lo() + b.hi() - 1) / 2.0;
      n += b.parents();
    }
    return n == 0 ? 0 : s / n;
  }

  /**
   * Compiled for sampling: one histogram per state code of the condition's node in the parent model (the value of
   * each code given by {@code codeValues}, null for OTHER states), the overall one for states without their own.
   */
  public Compiled compile(List<String> codeValues) {
    Compiled.Table overall = Compiled.Table.of(all);
    Compiled.Table[] perCode = new Compiled.Table[codeValues.size()];
    for (int c = 0; c < perCode.length; c++) {
      List<Bin> bins = codeValues.get(c) == null ? null : byValue.get(codeValues.get(c));
      perCode[c] = bins == null ? overall : Compiled.Table.of(bins);
    }
    return new Compiled(overall, perCode);
  }

  /** Histograms as cumulative arrays, serializable for a broadcast. */
  public record Compiled(Table overall, Table[] perCode) implements Serializable {
    private static final long serialVersionUID = 1L;

    /** One histogram: cumulative parent shares and bin bounds. */
    public record Table(double[] cumulative, long[] lo, long[] hi) implements Serializable {
      private static final long serialVersionUID = 1L;

      static Table of(List<Bin> bins) {
        double[] cum = new double[bins.size()];
        long[] lo = new long[bins.size()];
        long[] hi = new long[bins.size()];
        double s = 0;
        for (int i = 0; i < cum.length; i++) {
          s += bins.get(i).parents();
          cum[i] = s;
          lo[i] = bins.get(i).lo();
          hi[i] = bins.get(i).hi();
        }
        for (int i = 0; i < cum.length; i++) {
          cum[i] /= s;
        }
        return new Table(cum, lo, hi);
      }

      long draw(RowRandom rng) {
        if (cumulative.length == 0) {
          return 0;
        }
        double u = rng.nextDouble();
        int i = 0;
        while (i < cumulative.length - 1 && u >= cumulative[i]) {
          i++;
        }
        return lo[i] + (long) (rng.nextDouble() * (hi[i] - lo[i]));
      }
    }

    /**
     * A child count for a parent in state {@code code} (-1 = unknown: the overall histogram), scaled by
     * {@code ratio} with seeded stochastic rounding.
     */
    public long draw(int code, RowRandom rng, double ratio) {
      Table t = code >= 0 && code < perCode.length ? perCode[code] : overall;
      long n = t.draw(rng);
      if (ratio == 1.0) {
        return n;
      }
      double x = n * ratio;
      long whole = (long) Math.floor(x);
      return whole + (rng.nextDouble() < x - whole ? 1 : 0);
    }
  }
}
