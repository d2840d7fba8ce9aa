package io.lakesynth.model.gmm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * Reference values of Φ and Φ⁻¹ to 16 digits. Normal.cdf uses Numerical Recipes' erfcc, whose
 * fractional error is below 1.2e-7, so |cdf(x) - Φ(x)| ≤ 1.2e-7 · min(Φ, 1-Φ) (the smaller tail is
 * computed directly, the larger as 1 minus it). inverseCdf solves cdf(x) = p, so its error against the
 * true Φ⁻¹ is that cdf error divided by the density φ(x).
 */
class NormalTest {
  private static final double[][] REFERENCE = { // x, Φ(x)
      {0.0, 0.5},
      {1.0, 0.8413447460685429},
      {-1.0, 0.15865525393145707},
      {1.96, 0.9750021048517795},
      {-3.0, 0.0013498980316300946},
      {2.5758293035489004, 0.995},
      {-3.090232306167814, 0.001},
      {5.0, 0.9999997133484281}};

  private static double density(double x) {
    return Math.exp(-x * x / 2) / Math.sqrt(2 * Math.PI);
  }

  @Test
  void cdfMatchesReferenceValues() {
    assertThat(Normal.cdf(1.96)).isCloseTo(0.975, within(1e-5)).isCloseTo(0.9750021048517795, within(1e-7));
    for (double[] ref : REFERENCE) {
      double tail = Math.min(ref[1], 1 - ref[1]);
      assertThat(Normal.cdf(ref[0])).as("Φ(%s)", ref[0]).isCloseTo(ref[1], within(1.2e-7 * tail + 1e-16));
    }
    assertThat(Normal.cdf(-40)).isGreaterThanOrEqualTo(0).isLessThan(1e-300);
    assertThat(Normal.cdf(40)).isEqualTo(1.0);
  }

  @Test
  void inverseCdfMatchesReferenceValues() {
    for (double[] ref : REFERENCE) {
      double tail = Math.min(ref[1], 1 - ref[1]);
      double tol = 1.2e-7 * tail / density(ref[0]);
      assertThat(Normal.inverseCdf(ref[1])).as("Φ⁻¹(%s)", ref[1]).isCloseTo(ref[0], within(tol));
    }
  }

  /**
   * cdf(inverseCdf(p)) = p: Acklam's start has relative error below 1.15e-9 and the Halley step
   * against the same cdf converges cubically, so what is left is rounding; allow 1e-10 relative to
   * the smaller tail. And inverseCdf is increasing and odd about 1/2.
   */
  @Test
  void roundTripMonotoneAndSymmetric() {
    double previous = Double.NEGATIVE_INFINITY;
    for (double p = 1e-11; p < 1 - 1e-11; p = p < 0.01 ? p * 1.7 : p > 0.99 ? 1 - (1 - p) / 1.7 : p + 0.0037) {
      double x = Normal.inverseCdf(p);
      double tail = Math.min(p, 1 - p);
      assertThat(Normal.cdf(x)).as("p=%s", p).isCloseTo(p, within(1e-10 * tail));
      assertThat(x).isGreaterThan(previous);
      previous = x;
      assertThat(Normal.inverseCdf(1 - p)).isCloseTo(-x, within(1e-6 * Math.max(1, Math.abs(x))));
    }
    // clamped to [1e-12, 1 - 1e-12]: finite at 0 and 1
    assertThat(Normal.inverseCdf(0)).isEqualTo(Normal.inverseCdf(1e-12)).isCloseTo(-7.034483825, within(1e-6));
    assertThat(Normal.inverseCdf(1)).isCloseTo(7.034483825, within(1e-5));
  }
}
