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
 * The MLlib-backed fitter recovers a known mixture and BIC picks its component count. Tolerances: a mean estimated
 * from m points is within 4 sd/sqrt(m); a share w from n points within 4 sqrt(w(1-w)/n); a variance s^2 within
 * 4 s^2 sqrt(2/m).
 */
@ExtendWith(SparkExtension.class)
@org.junit.jupiter.api.Timeout(value = 300, threadMode = org.junit.jupiter.api.Timeout.ThreadMode.SEPARATE_THREAD)
class MixtureFitterTest { // MLlib's fit has hung in LAPACK (README): a separate thread lets the timeout fire
  static final List<String> COLS = List.of("x", "y");
  // two well separated components in 2-D with correlated covariances
  static final MixtureParams TRUTH = new MixtureParams(COLS, new double[] {0.3, 0.7},
      new double[][] {{-3, 0}, {3, 1}}, new double[][] {{1.0, 0.5, 0.5, 1.0}, {0.5, -0.2, -0.2, 2.0}}, 0, 0, 0);

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
  void emFitRecoversAKnownMixtureAndBicPicksTwo() {
    recovers("em");
  }

  @Test
  void mllibFitRecoversAKnownMixtureAndBicPicksTwo() {
    recovers("mllib");
  }

  private static void recovers(String engine) {
    int n = 6000;
    int[] labels = new int[n];
    double[][] x = sample(TRUTH, n, 21, labels);
    MixtureParams fit = new MixtureFitter(SparkExtension.spark()).settings(new GmmSettings(1, 4, 100, 1e-4, engine)).seed(3)
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
