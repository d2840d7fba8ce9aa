package io.lakesynth.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class BinningTest {
  /** Quantiles of a uniform [0,100] variable at 101 points: q_j = j. */
  private static double[] uniform() {
    double[] q = new double[101];
    for (int j = 0; j < q.length; j++) {
      q[j] = j;
    }
    return q;
  }

  @Test
  void uniformQuantilesGiveEqualDepthBins() {
    double[] t = Binning.thresholds(uniform(), 10);
    assertThat(t).containsExactly(0, 10, 20, 30, 40, 50, 60, 70, 80, 90);
    double[] lo = Binning.binLowProbabilities(uniform(), t);
    double[] hi = Binning.binHighProbabilities(lo);
    for (int i = 0; i < 10; i++) {
      assertThat(hi[i] - lo[i]).isCloseTo(0.1, within(1e-12));
    }
  }

  @Test
  void pointMassTakesOneBinAndTheTailIsStillSplit() {
    // 91% zeros then a spread tail (like adult's capital-gain)
    double[] q = new double[101];
    for (int j = 0; j < q.length; j++) {
      q[j] = j <= 91 ? 0 : 1000.0 * (j - 91);
    }
    double[] t = Binning.thresholds(q, 8);
    assertThat(t[0]).isEqualTo(0.0);
    assertThat(t.length).isGreaterThanOrEqualTo(5); // plain equi-depth edges would give 2 bins
    double[] lo = Binning.binLowProbabilities(q, t);
    double[] hi = Binning.binHighProbabilities(lo);
    assertThat(hi[0] - lo[0]).isCloseTo(0.92, within(0.011));
    // sampling inside bin 0 reproduces the point mass: most of its probability range maps to 0
    assertThat(Binning.valueAt(q, 0.5 * hi[0])).isEqualTo(0.0);
    assertThat(Binning.binOf(t, 0.0)).isZero();
    assertThat(Binning.binOf(t, 1e9)).isEqualTo(t.length - 1);
    assertThat(Binning.binOf(t, -5)).isZero();
  }

  @Test
  void inverseAndForwardCdfRoundTrip() {
    double[] q = uniform();
    for (double p : new double[] {0, 0.013, 0.25, 0.5, 0.999, 1}) {
      assertThat(Binning.probabilityOf(q, Binning.valueAt(q, p))).isCloseTo(p, within(1e-9));
    }
  }

  @Test
  void randomisedTransformSpreadsTies() {
    double[] q = {0, 0, 0, 0, 5, 10};
    assertThat(Binning.probabilityOf(q, 0, 0.0)).isEqualTo(0.0);
    assertThat(Binning.probabilityOf(q, 0, 1.0)).isCloseTo(0.6, within(1e-12));
    assertThat(Binning.probabilityOf(q, 7.5, 0.3)).isCloseTo(0.9, within(1e-12));
  }
}
