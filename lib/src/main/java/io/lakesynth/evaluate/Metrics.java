package io.lakesynth.evaluate;

import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The SDMetrics single-table metrics, as SDMetrics defines them, over plain arrays (no Spark), so they can be tested
 * against hand-computed values:
 * <ul>
 *   <li>KSComplement = 1 - D, D the two-sample Kolmogorov-Smirnov statistic (max distance between empirical CDFs);</li>
 *   <li>TVComplement = 1 - TVD, TVD = 1/2 sum |p_real(c) - p_syn(c)| over categories (null is a category);</li>
 *   <li>CorrelationSimilarity = 1 - |r_real - r_syn| / 2 (Pearson);</li>
 *   <li>ContingencySimilarity = 1 - TVD of the two 2-D frequency tables;</li>
 *   <li>Cramér's V of a contingency table, used to pick the strongly related pairs.</li>
 * </ul>
 */
public final class Metrics {
  private Metrics() {}

  /** 1 - KS statistic of two samples (NaNs must be removed by the caller; empty samples give NaN). */
  public static double ksComplement(double[] real, double[] synthetic) {
    if (real.length == 0 || synthetic.length == 0) {
      return Double.NaN;
    }
    double[] a = real.clone();
    double[] b = synthetic.clone();
    Arrays.sort(a);
    Arrays.sort(b);
    int i = 0;
    int j = 0;
    double d = 0;
    while (i < a.length && j < b.length) {
      double x = Math.min(a[i], b[j]);
      while (i < a.length && a[i] <= x) {
        i++;
      }
      while (j < b.length && b[j] <= x) {
        j++;
      }
      d = Math.max(d, Math.abs((double) i / a.length - (double) j / b.length));
    }
    return 1.0 - d;
  }

  /**
   * 1 - total variation distance between the category frequencies of two samples, exactly as SDMetrics'
   * {@code get_frequencies}: a synthetic value absent from the real sample counts as a mismatch, and the real side gets
   * 1e-6 of it ("regularization to prevent NaN"), which also enters the real total.
   */
  public static double tvComplement(Map<String, Long> real, Map<String, Long> synthetic) {
    double nr = total(real);
    double ns = total(synthetic);
    if (nr == 0 || ns == 0) {
      return Double.NaN;
    }
    for (String k : synthetic.keySet()) {
      if (!real.containsKey(k)) {
        nr += 1e-6;
      }
    }
    double sum = 0;
    for (Map.Entry<String, Long> e : real.entrySet()) {
      sum += Math.abs(synthetic.getOrDefault(e.getKey(), 0L) / ns - e.getValue() / nr);
    }
    for (Map.Entry<String, Long> e : synthetic.entrySet()) {
      if (!real.containsKey(e.getKey())) {
        sum += Math.abs(e.getValue() / ns - 1e-6 / nr);
      }
    }
    return 1.0 - sum / 2;
  }

  static <K> double tvd(Map<K, Long> real, Map<K, Long> synthetic) {
    double nr = total(real);
    double ns = total(synthetic);
    if (nr == 0 || ns == 0) {
      return Double.NaN;
    }
    Set<K> keys = new HashSet<>(real.keySet());
    keys.addAll(synthetic.keySet());
    double sum = 0;
    for (K k : keys) {
      sum += Math.abs(real.getOrDefault(k, 0L) / nr - synthetic.getOrDefault(k, 0L) / ns);
    }
    return sum / 2;
  }

  private static <K> double total(Map<K, Long> m) {
    double n = 0;
    for (long v : m.values()) {
      n += v;
    }
    return n;
  }

  /** Pearson correlation of paired values, NaN if either side is constant or fewer than 2 pairs. */
  public static double pearson(double[] x, double[] y) {
    int n = x.length;
    if (n < 2) {
      return Double.NaN;
    }
    double mx = 0;
    double my = 0;
    for (int i = 0; i < n; i++) {
      mx += x[i];
      my += y[i];
    }
    mx /= n;
    my /= n;
    double sxy = 0;
    double sxx = 0;
    double syy = 0;
    for (int i = 0; i < n; i++) {
      double dx = x[i] - mx;
      double dy = y[i] - my;
      sxy += dx * dy;
      sxx += dx * dx;
      syy += dy * dy;
    }
    return sxx == 0 || syy == 0 ? Double.NaN : sxy / Math.sqrt(sxx * syy);
  }

  /** SDMetrics CorrelationSimilarity: 1 - |r_real - r_syn| / 2. */
  public static double correlationSimilarity(double rReal, double rSynthetic) {
    return 1.0 - Math.abs(rReal - rSynthetic) / 2.0;
  }

  /** SDMetrics ContingencySimilarity: 1 - TVD between two 2-D tables given as (a, b) code pairs -> counts. */
  public static double contingencySimilarity(int[] realA, int[] realB, int[] synA, int[] synB) {
    return 1.0 - tvd(pairCounts(realA, realB), pairCounts(synA, synB));
  }

  static Map<Long, Long> pairCounts(int[] a, int[] b) {
    Map<Long, Long> m = new HashMap<>();
    for (int i = 0; i < a.length; i++) {
      m.merge(((long) a[i] << 32) | (b[i] & 0xFFFFFFFFL), 1L, Long::sum);
    }
    return m;
  }

  /** Cramér's V of two code columns (bias-uncorrected, as commonly reported); 0 when a side has one level. */
  public static double cramersV(int[] a, int[] b) {
    return cramersV(a, b, false);
  }

  /**
   * Bias-corrected Cramér's V (Bergsma, "A bias-correction for Cramér's V and Tschuprow's T", J. Korean Stat. Soc.
   * 2013): phi² less its expectation under independence, (r-1)(c-1)/(n-1), over corrected level counts. The plain V
   * of a column with nearly as many levels as rows is close to 1 against anything (each value predicts its single
   * row); the corrected one is about 0 there, so it picks the strongly related pairs.
   */
  public static double cramersVCorrected(int[] a, int[] b) {
    return cramersV(a, b, true);
  }

  private static double cramersV(int[] a, int[] b, boolean corrected) {
    int n = a.length;
    if (n == 0) {
      return 0;
    }
    Map<Integer, Long> ra = new HashMap<>();
    Map<Integer, Long> rb = new HashMap<>();
    for (int i = 0; i < n; i++) {
      ra.merge(a[i], 1L, Long::sum);
      rb.merge(b[i], 1L, Long::sum);
    }
    int k = Math.min(ra.size(), rb.size());
    if (k < 2) {
      return 0;
    }
    Map<Long, Long> joint = pairCounts(a, b);
    double chi2 = 0;
    // sum over observed cells of O^2/E, then chi2 = n * (sum - 1): equal to the full sum over all cells
    double s = 0;
    for (Map.Entry<Long, Long> e : joint.entrySet()) {
      int x = (int) (e.getKey() >> 32);
      int y = (int) (long) e.getKey();
      double expected = (double) ra.get(x) * rb.get(y) / n;
      s += (double) e.getValue() * e.getValue() / expected;
    }
    chi2 = s - n;
    if (!corrected) {
      return Math.sqrt(Math.max(0, chi2) / (n * (double) (k - 1)));
    }
    if (n < 2) {
      return 0;
    }
    double r = ra.size();
    double c = rb.size();
    double phi2 = Math.max(0, Math.max(0, chi2) / n - (r - 1) * (c - 1) / (n - 1));
    double rc = r - (r - 1) * (r - 1) / (n - 1);
    double cc = c - (c - 1) * (c - 1) / (n - 1);
    double d = Math.min(rc - 1, cc - 1);
    return d <= 0 ? 0 : Math.min(1.0, Math.sqrt(phi2 / d));
  }

  /**
   * Bin index of x among equal-width bins of [lo, hi] as SDMetrics discretises for ContingencySimilarity: edges
   * {@code np.histogram_bin_edges(real, bins)} (lo + k (hi - lo) / bins; lo - 0.5 .. hi + 0.5 when lo == hi), outer edges
   * replaced by -inf/+inf, intervals closed on the right ({@code pd.cut}): the index is the number of interior edges
   * below x.
   */
  public static int equalWidthBin(double x, double lo, double hi, int bins) {
    double first = lo;
    double last = hi;
    if (!(hi > lo)) {
      first = lo - 0.5;
      last = hi + 0.5;
    }
    double step = (last - first) / bins;
    int b = 0;
    for (int k = 1; k < bins; k++) {
      if (k * step + first < x) {
        b++;
      }
    }
    return b;
  }

  /** The q-quantile (0..1) of values by linear interpolation; NaN when empty. */
  public static double quantile(double[] values, double q) {
    if (values.length == 0) {
      return Double.NaN;
    }
    double[] v = values.clone();
    Arrays.sort(v);
    double pos = q * (v.length - 1);
    int lo = (int) Math.floor(pos);
    int hi = Math.min(v.length - 1, lo + 1);
    return v[lo] + (pos - lo) * (v[hi] - v[lo]);
  }
}
