package io.lakesynth.model.bn;

/** Conditional probability tables from family counts: smoothing and Laplace noise. Pure Java. */
public final class Cpt {
  private Cpt() {}

  /** Rows normalised with additive smoothing; unseen parent configurations get the uniform distribution. */
  public static double[] estimate(long[] familyCounts, int cardinality, double smoothing) {
    double[] uniform = new double[cardinality];
    java.util.Arrays.fill(uniform, 1.0 / cardinality);
    return estimate(familyCounts, cardinality, smoothing, uniform);
  }

  /**
   * Rows normalised with additive smoothing; a parent configuration never seen gets
   * {@code marginal} (the node's own distribution) instead of a uniform guess.
   */
  public static double[] estimate(long[] familyCounts, int cardinality, double smoothing, double[] marginal) {
    int configs = familyCounts.length / cardinality;
    double[] p = new double[familyCounts.length];
    for (int c = 0; c < configs; c++) {
      double total = 0;
      for (int s = 0; s < cardinality; s++) {
        total += familyCounts[c * cardinality + s];
      }
      if (total <= 0) {
        System.arraycopy(marginal, 0, p, c * cardinality, cardinality);
        continue;
      }
      double denom = total + smoothing * cardinality;
      for (int s = 0; s < cardinality; s++) {
        p[c * cardinality + s] = (familyCounts[c * cardinality + s] + smoothing) / denom;
      }
      // renormalise against rounding so rows sum to 1 within 1e-12
      double sum = 0;
      for (int s = 0; s < cardinality; s++) {
        sum += p[c * cardinality + s];
      }
      for (int s = 0; s < cardinality; s++) {
        p[c * cardinality + s] /= sum;
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
