package io.lakesynth.model.gmm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The closed-form one-component fit (no Spark involved): maximum-likelihood mean and covariance. */
class MixtureFitterSingleTest {
  private static final List<String> COLUMNS = List.of("a", "b", "c");
  private static final double[] TRUE_MEAN = {10, -1, 0.5};
  private static final double[] TRUE_CHOLESKY = {1, 0, 0, 0.5, 2, 0, -0.3, 0.4, 0.7};

  /** n points from N(TRUE_MEAN, L L^T) with L = TRUE_CHOLESKY. */
  private static double[][] points(int n, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[][] pts = new double[n][3];
    double[] z = new double[3];
    for (double[] p : pts) {
      for (int i = 0; i < 3; i++) {
        z[i] = rng.nextGaussian();
      }
      Cholesky.multiply(TRUE_CHOLESKY, 3, z, p);
      for (int i = 0; i < 3; i++) {
        p[i] += TRUE_MEAN[i];
      }
    }
    return pts;
  }

  @Test
  void givesTheSampleMeanAndCovariance() {
    int n = 5000;
    double[][] pts = points(n, 8);
    MixtureParams p = MixtureFitter.single(COLUMNS, pts);

    // two-pass reference: mean, then the covariance divided by n (the ML estimate EM converges to)
    double[] mean = new double[3];
    for (double[] x : pts) {
      for (int i = 0; i < 3; i++) {
        mean[i] += x[i];
      }
    }
    for (int i = 0; i < 3; i++) {
      mean[i] /= n;
    }
    double[] cov = new double[9];
    for (double[] x : pts) {
      for (int i = 0; i < 3; i++) {
        for (int j = 0; j < 3; j++) {
          cov[i * 3 + j] += (x[i] - mean[i]) * (x[j] - mean[j]);
        }
      }
    }
    for (int i = 0; i < 9; i++) {
      cov[i] /= n;
    }
    assertThat(p.weights()).containsExactly(1.0);
    assertThat(p.means()[0]).containsExactly(mean, within(1e-10));
    assertThat(p.covariances()[0]).containsExactly(cov, within(1e-10));
    assertThat(p.sampleRows()).isEqualTo(n);
    assertThat(p.columns()).isEqualTo(COLUMNS);

    // log-likelihood at the ML estimate of a Gaussian: -n/2 (d ln 2π + ln det S + d)
    double[] l = Cholesky.lower(cov, 3);
    double logDet = 2 * (Math.log(l[0]) + Math.log(l[4]) + Math.log(l[8]));
    double ll = -n / 2.0 * (3 * Math.log(2 * Math.PI) + logDet + 3);
    assertThat(p.logLikelihood()).isCloseTo(ll, within(1e-6 * Math.abs(ll)));
    assertThat(p.bic()).isCloseTo(-2 * ll + MixtureParams.parameterCount(1, 3) * Math.log(n), within(1e-6 * Math.abs(ll)));

    // against the truth: mean sd sqrt(S_ii/n), covariance sd sqrt((S_ii S_jj + S_ij²)/n); 4 sd
    double[] trueCov = CholeskyTest.times(TRUE_CHOLESKY, 3);
    for (int i = 0; i < 3; i++) {
      assertThat(mean[i]).isCloseTo(TRUE_MEAN[i], within(4 * Math.sqrt(trueCov[i * 3 + i] / n)));
      for (int j = 0; j < 3; j++) {
        double s = trueCov[i * 3 + j];
        double sd = Math.sqrt((trueCov[i * 3 + i] * trueCov[j * 3 + j] + s * s) / n);
        assertThat(cov[i * 3 + j]).isCloseTo(s, within(4 * sd));
      }
    }
  }

  @Test
  void constantColumnGetsAVarianceFloor() {
    double[][] pts = {{1, 5}, {2, 5}, {3, 5}, {4, 5}};
    MixtureParams p = MixtureFitter.single(List.of("x", "k"), pts);
    assertThat(p.means()[0]).containsExactly(2.5, 5.0);
    // population variance of 1..4 is 1.25; the constant column is floored at 1e-6, covariance 0
    assertThat(p.covariances()[0]).containsExactly(new double[] {1.25, 0, 0, 1e-6}, within(1e-12));
    assertThat(p.logLikelihood()).isFinite();
  }
}
