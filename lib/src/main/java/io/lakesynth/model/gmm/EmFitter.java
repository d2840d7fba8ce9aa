package io.lakesynth.model.gmm;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Expectation-maximisation for a full-covariance Gaussian mixture on a bounded in-memory sample (pure Java,
 * deterministic in the seed). k-means++ seeding, log-sum-exp responsibilities, covariances regularised with
 * {@link #REG_COVAR} on the diagonal (as scikit-learn does), and a component that loses all its points is re-seeded
 * instead of producing a NaN covariance. This is the default engine: Spark MLlib's GaussianMixture can spin forever
 * inside LAPACK (dsyev) once a covariance turns NaN, which we hit on real tables with point masses.
 */
public final class EmFitter {
  public static final double REG_COVAR = 1e-6;

  private EmFitter() {}

  public static MixtureParams fit(List<String> columns, double[][] x, int k, int maxIterations, double tolerance,
      long seed) {
    int n = x.length;
    int d = columns.size();
    SplittableRandom rnd = new SplittableRandom(seed);
    double[][] means = seedMeans(x, k, rnd);
    double[] global = MixtureFitter.single(columns, x).covariances()[0];
    double[][] covs = new double[k][];
    double[] weights = new double[k];
    Arrays.fill(weights, 1.0 / k);
    for (int c = 0; c < k; c++) {
      covs[c] = global.clone();
    }
    double[][] resp = new double[n][k];
    double[] scratch = new double[d];
    double[] lp = new double[k];
    double previous = Double.NEGATIVE_INFINITY;
    double ll = Double.NEGATIVE_INFINITY;
    for (int it = 0; it < maxIterations; it++) {
      MixtureMath math = new MixtureMath(new MixtureParams(columns, weights, means, covs, 0, 0, n));
      ll = 0;
      for (int i = 0; i < n; i++) {
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < k; c++) {
          lp[c] = math.logJoint(c, x[i], scratch);
          max = Math.max(max, lp[c]);
        }
        double sum = 0;
        for (int c = 0; c < k; c++) {
          resp[i][c] = Math.exp(lp[c] - max);
          sum += resp[i][c];
        }
        for (int c = 0; c < k; c++) {
          resp[i][c] /= sum;
        }
        ll += max + Math.log(sum);
      }
      mStep(x, resp, weights, means, covs, global, rnd);
      // converged when the mean log-likelihood per point moves less than the tolerance
      if (Math.abs(ll - previous) / n < tolerance) {
        break;
      }
      previous = ll;
    }
    // the log-likelihood of the final parameters
    MixtureMath math = new MixtureMath(new MixtureParams(columns, weights, means, covs, 0, 0, n));
    ll = 0;
    for (double[] p : x) {
      double max = Double.NEGATIVE_INFINITY;
      for (int c = 0; c < k; c++) {
        lp[c] = math.logJoint(c, p, scratch);
        max = Math.max(max, lp[c]);
      }
      double sum = 0;
      for (int c = 0; c < k; c++) {
        sum += Math.exp(lp[c] - max);
      }
      ll += max + Math.log(sum);
    }
    return new MixtureParams(List.copyOf(columns), weights, means, covs, MixtureParams.bic(ll, k, d, n), ll, n);
  }

  private static void mStep(double[][] x, double[][] resp, double[] weights, double[][] means, double[][] covs,
      double[] global, SplittableRandom rnd) {
    int n = x.length;
    int k = weights.length;
    int d = means[0].length;
    for (int c = 0; c < k; c++) {
      double nk = 0;
      double[] mean = new double[d];
      for (int i = 0; i < n; i++) {
        double r = resp[i][c];
        nk += r;
        for (int a = 0; a < d; a++) {
          mean[a] += r * x[i][a];
        }
      }
      if (nk < 1e-8 * n + 1e-12) {
        // an empty component: re-seed it on a random point with the global covariance
        means[c] = x[rnd.nextInt(n)].clone();
        covs[c] = global.clone();
        weights[c] = 1.0 / n;
        continue;
      }
      for (int a = 0; a < d; a++) {
        mean[a] /= nk;
      }
      double[] cov = new double[d * d];
      for (int i = 0; i < n; i++) {
        double r = resp[i][c];
        if (r == 0) {
          continue;
        }
        for (int a = 0; a < d; a++) {
          double da = x[i][a] - mean[a];
          for (int b = 0; b <= a; b++) {
            cov[a * d + b] += r * da * (x[i][b] - mean[b]);
          }
        }
      }
      for (int a = 0; a < d; a++) {
        for (int b = 0; b <= a; b++) {
          cov[a * d + b] /= nk;
          cov[b * d + a] = cov[a * d + b];
        }
        cov[a * d + a] += REG_COVAR;
      }
      weights[c] = nk / n;
      means[c] = mean;
      covs[c] = cov;
    }
    double sum = Arrays.stream(weights).sum();
    for (int c = 0; c < k; c++) {
      weights[c] /= sum;
    }
  }

  /** k-means++: the first centre uniformly, each next one with probability proportional to squared distance. */
  static double[][] seedMeans(double[][] x, int k, SplittableRandom rnd) {
    int n = x.length;
    double[][] centres = new double[k][];
    centres[0] = x[rnd.nextInt(n)].clone();
    double[] dist = new double[n];
    Arrays.fill(dist, Double.MAX_VALUE);
    for (int c = 1; c < k; c++) {
      double total = 0;
      for (int i = 0; i < n; i++) {
        double s = 0;
        for (int a = 0; a < x[i].length; a++) {
          double v = x[i][a] - centres[c - 1][a];
          s += v * v;
        }
        dist[i] = Math.min(dist[i], s);
        total += dist[i];
      }
      double target = rnd.nextDouble() * total;
      int pick = n - 1;
      for (int i = 0; i < n; i++) {
        target -= dist[i];
        if (target <= 0) {
          pick = i;
          break;
        }
      }
      centres[c] = x[pick].clone();
    }
    return centres;
  }
}
