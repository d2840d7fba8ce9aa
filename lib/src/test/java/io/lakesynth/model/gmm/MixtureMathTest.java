package io.lakesynth.model.gmm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MixtureMathTest {
  static final double[] WEIGHTS = {0.3, 0.7};
  static final double[][] MEANS = {{-2, 1}, {3, 0}};
  static final double[][] COVS = {{1.0, 0.6, 0.6, 2.0}, {0.5, -0.2, -0.2, 0.3}};
  static final MixtureParams PARAMS = new MixtureParams(List.of("x", "y"), WEIGHTS, MEANS, COVS, 0, 0, 0);

  /** log(w N(x; m, S)) for 2-D, by the explicit 2x2 inverse and determinant. */
  static double logJoint2d(double w, double[] m, double[] s, double[] x) {
    double det = s[0] * s[3] - s[1] * s[2];
    double dx = x[0] - m[0];
    double dy = x[1] - m[1];
    double q = (s[3] * dx * dx - 2 * s[1] * dx * dy + s[0] * dy * dy) / det;
    return Math.log(w) - 0.5 * q - 0.5 * Math.log(det) - Math.log(2 * Math.PI);
  }

  @Test
  void densityAndPosteriorMatchClosedForm() {
    MixtureMath math = new MixtureMath(PARAMS);
    assertThat(math.components()).isEqualTo(2);
    assertThat(math.dimensions()).isEqualTo(2);
    SplittableRandom rng = new SplittableRandom(5);
    double[] scratch = new double[2];
    for (int i = 0; i < 1000; i++) {
      double[] x = {rng.nextDouble(-6, 6), rng.nextDouble(-4, 5)};
      double best = Double.NEGATIVE_INFINITY;
      int bestC = -1;
      for (int c = 0; c < 2; c++) {
        double expected = logJoint2d(WEIGHTS[c], MEANS[c], COVS[c], x);
        assertThat(math.logJoint(c, x, scratch)).isCloseTo(expected, within(1e-10 * Math.max(1, Math.abs(expected))));
        if (expected > best) {
          best = expected;
          bestC = c;
        }
      }
      assertThat(math.mostLikely(x, scratch)).isEqualTo(bestC);
    }
    assertThat(math.sd(0, 1)).isCloseTo(Math.sqrt(2.0), within(1e-15));
    assertThat(math.sd(1, 0)).isCloseTo(Math.sqrt(0.5), within(1e-15));
    assertThat(math.mean(1, 0)).isEqualTo(3.0);
  }

  /**
   * N = 60000 draws: component c chosen with probability w_c, then x = m_c + L_c z. Per component
   * with n_c draws: the sample mean of dimension i has sd sqrt(S_ii / n_c); the sample covariance
   * S_ij has variance (S_ii S_jj + S_ij²) / n_c (Gaussian fourth moments); the share of each
   * component has sd sqrt(w(1-w)/N). Everything within 4 sd. The share is also recovered from the
   * points alone through mostLikely: the components barely overlap (Mahalanobis distance of the means
   * 5.2 and 7.4 under the two covariances); a separate run of 2e6 draws misassigned 0.057% of points,
   * so over N the misassigned share has sd about sqrt(5.7e-4/N) = 1e-4 and must stay below 0.2%
   * (more than 10 sd); the assigned shares may differ from w by that much beyond their 4 sd.
   */
  @Test
  void samplingRecoversSharesMeansAndCovariances() {
    MixtureMath math = new MixtureMath(PARAMS);
    SplittableRandom rng = new SplittableRandom(123456);
    int n = 60_000;
    int[] count = new int[2];
    int[] assigned = new int[2];
    int misassigned = 0;
    double[][] sum = new double[2][2];
    double[][] sumProd = new double[2][4];
    double[] z = new double[2];
    double[] x = new double[2];
    double[] scratch = new double[2];
    for (int r = 0; r < n; r++) {
      int c = rng.nextDouble() < WEIGHTS[0] ? 0 : 1;
      z[0] = rng.nextGaussian();
      z[1] = rng.nextGaussian();
      math.sample(c, z, x);
      count[c]++;
      int best = math.mostLikely(x, scratch);
      assigned[best]++;
      misassigned += best == c ? 0 : 1;
      for (int i = 0; i < 2; i++) {
        sum[c][i] += x[i];
        for (int j = 0; j < 2; j++) {
          sumProd[c][i * 2 + j] += x[i] * x[j];
        }
      }
    }
    assertThat((double) misassigned / n).isLessThan(0.002);
    for (int c = 0; c < 2; c++) {
      double share = (double) count[c] / n;
      double shareSd = Math.sqrt(WEIGHTS[c] * (1 - WEIGHTS[c]) / n);
      assertThat(share).isCloseTo(WEIGHTS[c], within(4 * shareSd));
      assertThat((double) assigned[c] / n).isCloseTo(WEIGHTS[c], within(4 * shareSd + 0.002));
      double nc = count[c];
      double[] s = COVS[c];
      double[] mean = {sum[c][0] / nc, sum[c][1] / nc};
      for (int i = 0; i < 2; i++) {
        assertThat(mean[i]).as("mean %d.%d", c, i).isCloseTo(MEANS[c][i], within(4 * Math.sqrt(s[i * 2 + i] / nc)));
        for (int j = 0; j < 2; j++) {
          double cov = sumProd[c][i * 2 + j] / nc - mean[i] * mean[j];
          double sd = Math.sqrt((s[i * 2 + i] * s[j * 2 + j] + s[i * 2 + j] * s[i * 2 + j]) / nc);
          assertThat(cov).as("cov %d.%d%d", c, i, j).isCloseTo(s[i * 2 + j], within(4 * sd));
        }
      }
    }
  }

  @Test
  void parameterCountAndBic() {
    // (k-1) weights + k d means + k d(d+1)/2 covariance entries
    assertThat(MixtureParams.parameterCount(1, 1)).isEqualTo(2);
    assertThat(MixtureParams.parameterCount(2, 2)).isEqualTo(1 + 4 + 6);
    assertThat(MixtureParams.parameterCount(3, 4)).isEqualTo(2 + 12 + 30);
    assertThat(MixtureParams.bic(-100, 2, 2, 1000)).isCloseTo(200 + 11 * Math.log(1000), within(1e-9));
    assertThat(PARAMS.components()).isEqualTo(2);
    assertThat(PARAMS.dimensions()).isEqualTo(2);
  }
}
