package io.lakesynth.model.bn;

/** Conditional probability tables from family counts: smoothing and Laplace noise. Pure Java. */
public final class Cpt {
  private Cpt() {}

  /**
   * Rows normalised with smoothing toward the node's marginal: {@code p(s | c) = (n(c, s) + a m(s)) / (n(c) + a)} with
   * {@code a = smoothing * min(cardinality, 20)} pseudo-rows. For a node with many states (a long-tail column with
   * hundreds of kept values) uniform additive smoothing would spread most of a small row's mass over values never
   * seen with that parent configuration; shrinking toward the marginal keeps such rows close to what was observed.
   * State {@code excluded} (the OTHER state of a column whose rare values are redistributed; -1 for none) gets
   * probability 0 in every row and is left out of the marginal, so its mass goes to the kept values in proportion
   * to their conditional counts. Unseen configurations get the marginal.
   */
  public static double[] estimateTowardMarginal(long[] familyCounts, int cardinality, double smoothing,
      int excluded) {
    return estimate(familyCounts, cardinality, smoothing * Math.min(cardinality, 20), excluded, -1, false);
  }

  /**
   * {@link #estimateTowardMarginal} for a node with a NULL state ({@code nullState}, -1 for none): the redistributed
   * OTHER mass goes to the kept non-null values only (a rare value is a value, not a missing one; giving its rows
   * to NULL in proportion would raise the null share of a mostly-null column whose few values are often rare).
   */
  public static double[] estimateTowardMarginal(long[] familyCounts, int cardinality, double smoothing,
      int excluded, int nullState) {
    return estimate(familyCounts, cardinality, smoothing * Math.min(cardinality, 20), excluded, nullState, false);
  }

  /**
   * {@link #estimateTowardMarginal} with {@code a} chosen from the data (empirical Bayes): the family's rows are
   * treated as draws of a Dirichlet-multinomial whose mean is the node's marginal and whose precision {@code alpha}
   * measures how much the parent configurations differ from it. The method-of-moments estimate of the intra-class
   * correlation {@code rho = 1 / (1 + alpha)} is {@code (sum_c n_c sum_s (p_cs - m_s)^2 / S - C) / (N - C)} with
   * {@code S = 1 - sum_s m_s^2}, C the configurations with rows and N all rows: 1 when the parents determine the
   * state (no shrinkage is needed), 0 when the node is independent of them (the marginal is the best estimate).
   * {@code a = alpha} clamped to {@code [smoothing, smoothing * min(cardinality, 20)]}: a strong dependence is no
   * longer washed out toward the marginal in small configurations (a county's latitude, a state's airports), and a
   * weak one is never smoothed more than by the fixed rule.
   */
  public static double[] estimateAdaptive(long[] familyCounts, int cardinality, double smoothing, int excluded,
      int nullState) {
    return estimate(familyCounts, cardinality, adaptivePseudoRows(familyCounts, cardinality, smoothing, excluded),
        excluded, nullState, false);
  }

  /**
   * {@link #estimateAdaptive} (or the fixed rule when {@code adaptive} is false) smoothed toward the prior that keeps
   * the node's marginal: shrinking each configuration toward the overall marginal moves mass out of the states that
   * small configurations favour (a mostly-null column whose values come with rare parent states: earthquakes' mmi
   * given its cdi lost three quarters of its values). With {@code a} pseudo-rows per configuration the marginal is
   * kept exactly, over the real parent configurations, when the prior is the mean of the configurations' rates
   * weighted by {@code n_c a / (n_c + a)}, the mass each one gives up. Unseen configurations get that prior.
   */
  public static double[] estimateKeepingMarginal(long[] familyCounts, int cardinality, double smoothing,
      boolean adaptive, int excluded, int nullState) {
    double a = adaptive ? adaptivePseudoRows(familyCounts, cardinality, smoothing, excluded)
        : smoothing * Math.min(cardinality, 20);
    return estimate(familyCounts, cardinality, a, excluded, nullState, true);
  }

  /** The pseudo-row count {@link #estimateAdaptive} uses. */
  public static double adaptivePseudoRows(long[] familyCounts, int cardinality, double smoothing, int excluded) {
    double cap = smoothing * Math.min(cardinality, 20);
    int configs = familyCounts.length / cardinality;
    double[] marginal = new double[cardinality];
    double[] rowTotal = new double[configs];
    double total = 0;
    for (int i = 0; i < familyCounts.length; i++) {
      if (i % cardinality == excluded) {
        continue;
      }
      marginal[i % cardinality] += familyCounts[i];
      rowTotal[i / cardinality] += familyCounts[i];
      total += familyCounts[i];
    }
    double s = 1.0;
    for (int k = 0; k < cardinality; k++) {
      marginal[k] = total > 0 ? marginal[k] / total : 0;
      s -= marginal[k] * marginal[k];
    }
    double lhs = 0;
    int seen = 0;
    for (int c = 0; c < configs; c++) {
      if (rowTotal[c] <= 0) {
        continue;
      }
      seen++;
      double dev = 0;
      for (int k = 0; k < cardinality; k++) {
        double p = k == excluded ? 0 : familyCounts[c * cardinality + k] / rowTotal[c];
        dev += (p - marginal[k]) * (p - marginal[k]);
      }
      lhs += rowTotal[c] * dev;
    }
    if (seen < 2 || total <= seen || s <= 1e-12) {
      return cap;
    }
    double rho = (lhs / s - seen) / (total - seen);
    if (!(rho > 0)) {
      return cap;
    }
    double alpha = (1 - Math.min(1.0, rho)) / Math.min(1.0, rho);
    return Math.max(smoothing, Math.min(cap, alpha));
  }

  /** Rows normalised toward the node's marginal with {@code a} pseudo-rows (see estimateTowardMarginal). */
  static double[] estimate(long[] familyCounts, int cardinality, double a, int excluded, int nullState,
      boolean keepMarginal) {
    double[] counts = redistribute(familyCounts, cardinality, excluded, nullState);
    double[] marginal = new double[cardinality];
    double total = 0;
    int configs = counts.length / cardinality;
    for (int c = 0; c < configs; c++) {
      double n = 0;
      for (int s = 0; s < cardinality; s++) {
        n += counts[c * cardinality + s];
      }
      // the prior: the marginal, or (keepMarginal) the rates weighted by the mass each configuration gives up
      double w = !keepMarginal ? 1.0 : n > 0 ? a / (n + a) : 0.0;
      for (int s = 0; s < cardinality; s++) {
        marginal[s] += w * counts[c * cardinality + s];
        total += w * counts[c * cardinality + s];
      }
    }
    int kept = excluded >= 0 ? cardinality - 1 : cardinality;
    for (int s = 0; s < cardinality; s++) {
      marginal[s] = s == excluded ? 0.0 : total > 0 ? marginal[s] / total : 1.0 / Math.max(1, kept);
    }
    double[] p = new double[counts.length];
    for (int c = 0; c < configs; c++) {
      double rowTotal = 0;
      for (int s = 0; s < cardinality; s++) {
        rowTotal += counts[c * cardinality + s];
      }
      double denom = rowTotal + a;
      double sum = 0;
      for (int s = 0; s < cardinality; s++) {
        double v = denom > 0 ? (counts[c * cardinality + s] + a * marginal[s]) / denom : marginal[s];
        p[c * cardinality + s] = v;
        sum += v;
      }
      for (int s = 0; s < cardinality; s++) {
        p[c * cardinality + s] = sum > 0 ? p[c * cardinality + s] / sum : marginal[s];
      }
    }
    return p;
  }

  /**
   * The counts with state {@code excluded}'s count of each row moved to the row's other states except
   * {@code nullState}, in proportion to their counts there (to their overall counts when the row has none); a row
   * with nothing but OTHER and NULL rows gives its OTHER count to NULL only when no value is kept at all.
   */
  static double[] redistribute(long[] familyCounts, int cardinality, int excluded, int nullState) {
    double[] counts = new double[familyCounts.length];
    for (int i = 0; i < counts.length; i++) {
      counts[i] = familyCounts[i];
    }
    if (excluded < 0) {
      return counts;
    }
    double[] values = new double[cardinality];
    double valueTotal = 0;
    for (int i = 0; i < counts.length; i++) {
      int s = i % cardinality;
      if (s != excluded && s != nullState) {
        values[s] += counts[i];
        valueTotal += counts[i];
      }
    }
    for (int c = 0; c < counts.length / cardinality; c++) {
      int base = c * cardinality;
      double rare = counts[base + excluded];
      counts[base + excluded] = 0;
      if (rare <= 0) {
        continue;
      }
      double row = 0;
      for (int s = 0; s < cardinality; s++) {
        row += s == nullState ? 0 : counts[base + s];
      }
      for (int s = 0; s < cardinality; s++) {
        if (s == excluded || s == nullState) {
          continue;
        }
        double share = row > 0 ? counts[base + s] / row : valueTotal > 0 ? values[s] / valueTotal : 0;
        counts[base + s] += rare * share;
      }
      if (row <= 0 && valueTotal <= 0 && nullState >= 0) {
        counts[base + nullState] += rare;
      }
    }
    return counts;
  }

  /**
   * Counts plus Laplace(scale) noise, clamped at 0 (post-processing keeps the DP guarantee).
   * For PrivBayes-style counts use scale = 2d/epsilon2: with replace-one-record neighbours each
   * record moves one cell of each of the d family tables by one in each direction, so the L1
   * sensitivity of all tables together is 2d.
   *
   * <p>Fits pass a {@link java.security.SecureRandom}: noise drawn from a generator seeded by anything stored
   * with the model (such as model.seed) could be recomputed and subtracted by whoever holds the model.
   */
  public static double[] laplaceNoise(long[] counts, double scale, java.util.Random random) {
    double[] out = new double[counts.length];
    for (int i = 0; i < counts.length; i++) {
      double u = random.nextDouble() - 0.5; // [-0.5, 0.5)
      double noise = u == -0.5 ? 0 : -scale * Math.signum(u) * Math.log(1 - 2 * Math.abs(u));
      out[i] = Math.max(0.0, counts[i] + noise);
    }
    return out;
  }
}
