package io.lakesynth.model.gmm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CholeskyTest {
  /** (L L^T)_ij for a row-major lower-triangular L. */
  static double[] times(double[] l, int n) {
    double[] a = new double[n * n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        for (int k = 0; k < n; k++) {
          a[i * n + j] += l[i * n + k] * l[j * n + k];
        }
      }
    }
    return a;
  }

  @Test
  void reproducesRandomPositiveDefiniteMatrices() {
    SplittableRandom rng = new SplittableRandom(11);
    for (int n = 1; n <= 6; n++) {
      // A = M M^T + 0.1 I is positive definite with entries of order n
      double[] m = new double[n * n];
      for (int i = 0; i < m.length; i++) {
        m[i] = rng.nextDouble(-1, 1);
      }
      double[] a = new double[n * n];
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
          for (int k = 0; k < n; k++) {
            a[i * n + j] += m[i * n + k] * m[j * n + k];
          }
          a[i * n + j] += i == j ? 0.1 : 0;
        }
      }
      double[] l = Cholesky.lower(a, n);
      for (int i = 0; i < n; i++) {
        assertThat(l[i * n + i]).isPositive();
        for (int j = i + 1; j < n; j++) {
          assertThat(l[i * n + j]).isZero();
        }
      }
      // backward stability: |L L^T - A| is a few ulps of the entries (no jitter on a PD matrix)
      assertThat(times(l, n)).containsExactly(a, within(1e-12 * n));

      double[] z = new double[n];
      for (int i = 0; i < n; i++) {
        z[i] = rng.nextGaussian();
      }
      double[] out = new double[n];
      Cholesky.multiply(l, n, z, out);
      for (int i = 0; i < n; i++) {
        double expected = 0;
        for (int j = 0; j < n; j++) {
          expected += l[i * n + j] * z[j];
        }
        assertThat(out[i]).isCloseTo(expected, within(1e-12));
      }
    }
  }

  @Test
  void knownFactor() {
    // [[4, 2], [2, 5]] = [[2, 0], [1, 2]] [[2, 1], [0, 2]]
    assertThat(Cholesky.lower(new double[] {4, 2, 2, 5}, 2)).containsExactly(new double[] {2, 0, 1, 2}, within(1e-15));
  }

  /**
   * An exactly singular covariance ([[1,1],[1,1]]: the second pivot is 1 - 1·1 = 0 with no rounding)
   * gets the smallest jitter that works, 1e-9 · mean diagonal.
   */
  @Test
  void singularCovarianceGetsTinyJitter() {
    double[] l = Cholesky.lower(new double[] {1, 1, 1, 1}, 2);
    assertThat(times(l, 2)).containsExactly(new double[] {1 + 1e-9, 1, 1, 1 + 1e-9}, within(1e-15));
    assertThatThrownBy(() -> Cholesky.lower(new double[] {Double.NaN, 0, 0, 1}, 2))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Cholesky.lower(new double[] {1, Double.NaN, Double.NaN, 1}, 2))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
