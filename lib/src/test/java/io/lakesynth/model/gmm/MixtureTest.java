package io.lakesynth.model.gmm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.lakesynth.config.Settings.GmmSettings;
import io.lakesynth.testing.SparkExtension;
import io.lakesynth.util.RowRandom;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The Gaussian-mixture math (normal CDF and its inverse, Cholesky, sampling) and the MLlib-backed fitter recovering a
 * known mixture. Tolerances: a mean estimated from m points is within 4 sd/sqrt(m); a share w from n points within
 * 4 sqrt(w(1-w)/n); a variance s^2 within 4 s^2 sqrt(2/m).
 */
@ExtendWith(SparkExtension.class)
class MixtureTest {
  static final List<String> COLS = List.of("x", "y");
  // two well separated components in 2-D with correlated covariances
  static final MixtureParams TRUTH = new MixtureParams(COLS, new double[] {0.3, 0.7},
      new double[][] {{-3, 0}, {3, 1}}, new double[][] {{1.0, 0.5, 0.5, 1.0}, {0.5, -0.2, -0.2, 2.0}}, 0, 0, 0);

  @Test
  void normalCdfAndInverse() {
    // Normal.cdf uses the Numerical Recipes erfc approximation: fractional error below 1.2e-7 everywhere
    assertThat(Normal.cdf(0)).isCloseTo(0.5, within(0.5 * 1.2e-7));
    assertThat(Normal.cdf(1.959963984540054)).isCloseTo(0.975, within(1.2e-7));
    assertThat(Normal.cdf(-1)).isCloseTo(0.15865525393145707, within(0.16 * 1.2e-7));
    assertThat(Normal.cdf(-6)).isCloseTo(9.865876450376946e-10, within(9.9e-10 * 1.2e-7));
    // the inverse is refined against that cdf, so the round trip is as exact as the cdf's own error
    for (double p : new double[] {1e-10, 1e-4, 0.01, 0.3, 0.5, 0.77, 0.999, 1 - 1e-9}) {
      assertThat(Normal.cdf(Normal.inverseCdf(p))).as("p=" + p).isCloseTo(p, within(1.2e-7 * Math.min(p, 1 - p)
          + 1e-15));
    }
    assertThat(Normal.inverseCdf(0.975)).isCloseTo(1.959963984540054, within(1e-5));
  }

  @Test
  void choleskyReproducesTheMatrix() {
    double[] a = {4, 2, 0.6, 2, 2, 0.5, 0.6, 0.5, 3};
    double[] l = Cholesky.lower(a, 3);
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        double s = 0;
        for (int k = 0; k < 3; k++) {
          s += l[i * 3 + k] * l[j * 3 + k];
        }
        assertThat(s).isCloseTo(a[i * 3 + j], within(1e-9));
      }
      for (int j = i + 1; j < 3; j++) {
        assertThat(l[i * 3 + j]).isZero();
      }
    }
  }

  static double[][] sample(MixtureParams p, int n, long seed, int[] labels) {
    MixtureMath m = new MixtureMath(p);
    RowRandom rng = RowRandom.of(seed, 3, 0);
    double[][] out = new double[n][2];
    double[] z = new double[2];
    for (int i = 0; i < n; i++) {
      rng.reset(seed, 3, i);
      int c = rng.nextDouble() < p.weights()[0] ? 0 : 1;
      z[0] = rng.nextGaussian();
      z[1] = rng.nextGaussian();
      m.sample(c, z, out[i]);
      labels[i] = c;
    }
    return out;
  }

  @Test
  void samplingFollowsTheComponents() {
    int n = 40_000;
    int[] labels = new int[n];
    double[][] x = sample(TRUTH, n, 5, labels);
    for (int c = 0; c < 2; c++) {
      int m = 0;
      double[] mean = new double[2];
      for (int i = 0; i < n; i++) {
        if (labels[i] == c) {
          m++;
          mean[0] += x[i][0];
          mean[1] += x[i][1];
        }
      }
      mean[0] /= m;
      mean[1] /= m;
      double[] cov = new double[4];
      for (int i = 0; i < n; i++) {
        if (labels[i] == c) {
          for (int a = 0; a < 2; a++) {
            for (int b = 0; b < 2; b++) {
              cov[a * 2 + b] += (x[i][a] - mean[a]) * (x[i][b] - mean[b]) / m;
            }
          }
        }
      }
      double w = TRUTH.weights()[c];
      assertThat((double) m / n).isCloseTo(w, within(4 * Math.sqrt(w * (1 - w) / n)));
      for (int a = 0; a < 2; a++) {
        double var = TRUTH.covariances()[c][a * 2 + a];
        assertThat(mean[a]).isCloseTo(TRUTH.means()[c][a], within(4 * Math.sqrt(var / m)));
        assertThat(cov[a * 2 + a]).isCloseTo(var, within(4 * var * Math.sqrt(2.0 / m)));
      }
      double v0 = TRUTH.covariances()[c][0];
      double v1 = TRUTH.covariances()[c][3];
      assertThat(cov[1]).isCloseTo(TRUTH.covariances()[c][1], within(4 * Math.sqrt(v0 * v1 * 2 / m)));
    }
    // the most likely component of a point near a mean is that component
    MixtureMath math = new MixtureMath(TRUTH);
    assertThat(math.mostLikely(new double[] {-3, 0}, new double[2])).isZero();
    assertThat(math.mostLikely(new double[] {3, 1}, new double[2])).isEqualTo(1);
  }

  @Test
  void singleComponentIsTheSampleMoments() {
    double[][] pts = {{1, 2}, {3, 2}, {5, 8}};
    MixtureParams p = MixtureFitter.single(COLS, pts);
    assertThat(p.means()[0]).containsExactly(new double[] {3, 4}, within(1e-12));
    // population covariance: var x = 8/3, var y = 8, cov = (−2·−2 + 0 + 2·4)/3 = 4
    assertThat(p.covariances()[0]).containsExactly(new double[] {8.0 / 3, 4, 4, 8}, within(1e-12));
  }

  @Test
  void mllibFitRecoversAKnownMixtureAndBicPicksTwo() {
    int n = 6000;
    int[] labels = new int[n];
    double[][] x = sample(TRUTH, n, 21, labels);
    MixtureParams fit = new MixtureFitter(SparkExtension.spark()).settings(new GmmSettings(1, 4, 100, 1e-4)).seed(3)
        .fit(COLS, x);
    assertThat(fit.weights()).hasSize(2);
    int left = fit.means()[0][0] < fit.means()[1][0] ? 0 : 1;
    int right = 1 - left;
    double m0 = 0.3 * n;
    double m1 = 0.7 * n;
    assertThat(fit.weights()[left]).isCloseTo(0.3, within(4 * Math.sqrt(0.21 / n)));
    assertThat(fit.means()[left][0]).isCloseTo(-3, within(4 * Math.sqrt(1.0 / m0)));
    assertThat(fit.means()[left][1]).isCloseTo(0, within(4 * Math.sqrt(1.0 / m0)));
    assertThat(fit.means()[right][0]).isCloseTo(3, within(4 * Math.sqrt(0.5 / m1)));
    assertThat(fit.means()[right][1]).isCloseTo(1, within(4 * Math.sqrt(2.0 / m1)));
    assertThat(fit.covariances()[right][3]).isCloseTo(2.0, within(4 * 2.0 * Math.sqrt(2.0 / m1)));
  }
}
