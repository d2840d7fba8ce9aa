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
    long[] counts = familyCounts;
    if (excluded >= 0) {
      counts = familyCounts.clone();
      for (int i = excluded; i < counts.length; i += cardinality) {
        counts[i] = 0;
      }
    }
    double[] marginal = new double[cardinality];
    double total = 0;
    for (int i = 0; i < counts.length; i++) {
      marginal[i % cardinality] += counts[i];
      total += counts[i];
    }
    int kept = excluded >= 0 ? cardinality - 1 : cardinality;
    for (int s = 0; s < cardinality; s++) {
      marginal[s] = s == excluded ? 0.0 : total > 0 ? marginal[s] / total : 1.0 / Math.max(1, kept);
    }
    double a = smoothing * Math.min(cardinality, 20);
    int configs = counts.length / cardinality;
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
