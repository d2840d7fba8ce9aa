package io.lakesynth.model;

import java.util.Arrays;

/**
 * Discretisation of a continuous column from its quantile table (values at evenly spaced
 * probabilities 0..1). Pure Java.
 *
 * <p>Bins are value intervals {@code [t_i, t_{i+1})} (the last one closed at the maximum).
 * Thresholds are chosen "adaptive equi-depth": walking up the distinct quantile values, a bin is
 * closed when it holds at least the remaining mass divided by the remaining bins. A point mass
 * (e.g. 91% zeros in capital-gain) therefore takes one bin and the rest of the bins still split
 * the tail finely, where plain equi-depth edges would collapse to two bins.
 *
 * <p>Each bin also carries its probability range {@code [pLow, pHigh)} on the quantile table,
 * so a value drawn uniformly in that range and mapped through the inverse CDF reproduces the
 * marginal inside the bin, point masses included.
 */
public final class Binning {
  private Binning() {}

  /** Bin thresholds t_0 = min < t_1 < ... < t_{m-1}; there are m bins. */
  public static double[] thresholds(double[] quantiles, int maxBins) {
    if (quantiles.length < 2) {
      throw new IllegalArgumentException("need at least two quantile points");
    }
    int q = quantiles.length;
    double[] out = new double[maxBins];
    int m = 0;
    out[m++] = quantiles[0];
    double lastCutProb = 0;
    int binsLeft = maxBins;
    for (int j = 1; j < q && m < maxBins; j++) {
      double v = quantiles[j];
      if (v <= out[m - 1]) {
        continue; // not a new distinct value
      }
      // probability where value v starts: the first quantile point reaching v
      double startProb = probAt(j, q);
      double binMass = startProb - lastCutProb;
      double target = (1.0 - lastCutProb) / binsLeft;
      if (binMass >= target * 0.999) {
        out[m++] = v;
        lastCutProb = startProb;
        binsLeft--;
      }
    }
    return Arrays.copyOf(out, m);
  }

  /** Probability of quantile point j of q evenly spaced points. */
  static double probAt(int j, int q) {
    return (double) j / (q - 1);
  }

  /** Bin of a value: the largest i with thresholds[i] <= x (0 below the minimum). */
  public static int binOf(double[] thresholds, double x) {
    int lo = 0;
    int hi = thresholds.length - 1;
    if (x < thresholds[0]) {
      return 0;
    }
    while (lo < hi) {
      int mid = (lo + hi + 1) >>> 1;
      if (thresholds[mid] <= x) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    return lo;
  }

  /** Lower probability of each bin: where its first threshold value starts on the quantile table. */
  public static double[] binLowProbabilities(double[] quantiles, double[] thresholds) {
    double[] p = new double[thresholds.length];
    for (int i = 0; i < thresholds.length; i++) {
      p[i] = firstProbReaching(quantiles, thresholds[i]);
    }
    p[0] = 0.0;
    return p;
  }

  /** Upper probability of each bin: the next bin's lower probability, 1 for the last. */
  public static double[] binHighProbabilities(double[] low) {
    double[] h = new double[low.length];
    for (int i = 0; i < low.length; i++) {
      h[i] = i + 1 < low.length ? low[i + 1] : 1.0;
    }
    return h;
  }

  static double firstProbReaching(double[] quantiles, double v) {
    int q = quantiles.length;
    for (int j = 0; j < q; j++) {
      if (quantiles[j] >= v) {
        if (j == 0 || quantiles[j] == v) {
          return probAt(j, q);
        }
        // interpolate between j-1 and j
        double a = quantiles[j - 1];
        double b = quantiles[j];
        double f = (v - a) / (b - a);
        return probAt(j - 1, q) + f * (probAt(j, q) - probAt(j - 1, q));
      }
    }
    return 1.0;
  }

  /** Inverse CDF: the value at probability p by linear interpolation of the quantile table. */
  public static double valueAt(double[] quantiles, double p) {
    int q = quantiles.length;
    double pos = Math.min(Math.max(p, 0.0), 1.0) * (q - 1);
    int j = (int) pos;
    if (j >= q - 1) {
      return quantiles[q - 1];
    }
    double f = pos - j;
    return quantiles[j] + f * (quantiles[j + 1] - quantiles[j]);
  }

  /**
   * Randomised probability integral transform: like {@link #probabilityOf} but a value sitting on
   * a flat run of the table (a point mass) gets a probability spread over the run by {@code u}
   * in [0,1), so point masses do not collapse into one normal score.
   */
  public static double probabilityOf(double[] quantiles, double x, double u) {
    int q = quantiles.length;
    int first = -1;
    int last = -1;
    for (int j = 0; j < q; j++) {
      if (quantiles[j] == x) {
        if (first < 0) {
          first = j;
        }
        last = j;
      } else if (quantiles[j] > x) {
        break;
      }
    }
    if (first >= 0 && last > first) {
      return probAt(first, q) + u * (probAt(last, q) - probAt(first, q));
    }
    return probabilityOf(quantiles, x);
  }

  /** CDF approximation: the probability at which the interpolated quantile table reaches x. */
  public static double probabilityOf(double[] quantiles, double x) {
    int q = quantiles.length;
    if (x <= quantiles[0]) {
      return 0.0;
    }
    if (x >= quantiles[q - 1]) {
      return 1.0;
    }
    int lo = 0;
    int hi = q - 1;
    while (hi - lo > 1) {
      int mid = (lo + hi) >>> 1;
      if (quantiles[mid] < x) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    // among ties at quantiles[hi] == x take the middle of the flat run
    double a = quantiles[lo];
    double b = quantiles[hi];
    if (b == x) {
      int end = hi;
      while (end + 1 < q && quantiles[end + 1] == x) {
        end++;
      }
      return (probAt(hi, q) + probAt(end, q)) / 2;
    }
    double f = (x - a) / (b - a);
    return probAt(lo, q) + f / (q - 1);
  }
}
