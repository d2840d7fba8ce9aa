package io.lakesynth.evaluate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The SDMetrics formulas against values worked out by hand. */
class MetricsTest {
  @Test
  void ksComplement() {
    // CDFs: real steps at 1,2,3,4; synthetic at 3,4,5,6. At x=2 real=0.5, syn=0 -> D=0.5 (also at x=4: 1 vs 0.5)
    assertThat(Metrics.ksComplement(new double[] {1, 2, 3, 4}, new double[] {3, 4, 5, 6})).isEqualTo(0.5);
    assertThat(Metrics.ksComplement(new double[] {1, 2, 3}, new double[] {3, 2, 1})).isEqualTo(1.0);
    assertThat(Metrics.ksComplement(new double[] {1, 2}, new double[] {10, 20})).isEqualTo(0.0);
    // ties: real {1,1,2}, syn {1,2,2}: at x=1 2/3 vs 1/3 -> D=1/3
    assertThat(Metrics.ksComplement(new double[] {1, 1, 2}, new double[] {1, 2, 2})).isCloseTo(2.0 / 3, within(1e-12));
    assertThat(Metrics.ksComplement(new double[0], new double[] {1})).isNaN();
  }

  @Test
  void tvComplement() {
    // TVD = 1/2 (|0.5-0.75| + |0.5-0.25|) = 0.25
    assertThat(Metrics.tvComplement(Map.of("a", 2L, "b", 2L), Map.of("a", 3L, "b", 1L))).isCloseTo(0.75, within(1e-12));
    // disjoint categories: TVD 1 (up to SDMetrics' 1e-6 regularisation of the unexpected value)
    assertThat(Metrics.tvComplement(Map.of("a", 5L), Map.of("b", 5L))).isCloseTo(0.0, within(1e-6));
    // a category only in the real table: 1/2 (|1/3-0| + |2/3-1|) = 1/3
    assertThat(Metrics.tvComplement(Map.of("a", 1L, "b", 2L), Map.of("b", 7L))).isCloseTo(2.0 / 3, within(1e-12));
    // a synthetic value the real sample lacks: SDMetrics adds 1e-6 of it to the real side (and to its total)
    double nr = 2 + 1e-6;
    assertThat(Metrics.tvComplement(Map.of("a", 2L), Map.of("a", 1L, "z", 1L)))
        .isCloseTo(1 - (Math.abs(0.5 - 2 / nr) + Math.abs(0.5 - 1e-6 / nr)) / 2, within(1e-15));
  }

  @Test
  void correlation() {
    assertThat(Metrics.pearson(new double[] {1, 2, 3}, new double[] {2, 4, 6})).isCloseTo(1.0, within(1e-12));
    assertThat(Metrics.pearson(new double[] {1, 2, 3}, new double[] {3, 2, 1})).isCloseTo(-1.0, within(1e-12));
    // x = 1,2,3,4; y = 1,3,2,4: cov 1.0 (sum dxdy = 4 / ... ) r = 0.8
    assertThat(Metrics.pearson(new double[] {1, 2, 3, 4}, new double[] {1, 3, 2, 4})).isCloseTo(0.8, within(1e-12));
    assertThat(Metrics.pearson(new double[] {1, 1, 1}, new double[] {1, 2, 3})).isNaN();
    assertThat(Metrics.correlationSimilarity(1.0, 0.0)).isEqualTo(0.5);
    assertThat(Metrics.correlationSimilarity(0.8, -0.8)).isCloseTo(0.2, within(1e-12));
    assertThat(Metrics.correlationSimilarity(0.3, 0.3)).isEqualTo(1.0);
  }

  @Test
  void contingencyAndCramersV() {
    // real cells (0,0),(1,1) each 1/2; synthetic all in (0,0): TVD = 1/2 (1/2 + 1/2) = 1/2
    assertThat(Metrics.contingencySimilarity(new int[] {0, 1}, new int[] {0, 1}, new int[] {0, 0}, new int[] {0, 0}))
        .isCloseTo(0.5, within(1e-12));
    assertThat(Metrics.contingencySimilarity(new int[] {0, 1, 1}, new int[] {1, 0, 0}, new int[] {1, 0, 1},
        new int[] {0, 1, 0})).isCloseTo(1.0, within(1e-12));
    // perfect association in a 2x2 table: V = 1; every combination once: V = 0
    assertThat(Metrics.cramersV(new int[] {0, 0, 1, 1}, new int[] {5, 5, 7, 7})).isCloseTo(1.0, within(1e-12));
    assertThat(Metrics.cramersV(new int[] {0, 0, 1, 1}, new int[] {5, 7, 5, 7})).isCloseTo(0.0, within(1e-12));
    // table [[3,1],[1,3]], n=8: chi2 = 8 * (3*3-1*1)^2 / (4*4*4*4) = 2, V = sqrt(2/8) = 0.5
    int[] a = {0, 0, 0, 0, 1, 1, 1, 1};
    int[] b = {0, 0, 0, 1, 1, 1, 1, 0};
    assertThat(Metrics.cramersV(a, b)).isCloseTo(0.5, within(1e-12));
    assertThat(Metrics.cramersV(new int[] {1, 1, 1}, new int[] {1, 2, 3})).isZero();
  }

  @Test
  void binsAndQuantiles() {
    assertThat(Metrics.equalWidthBin(0, 0, 10, 10)).isZero();
    assertThat(Metrics.equalWidthBin(9.99, 0, 10, 10)).isEqualTo(9);
    assertThat(Metrics.equalWidthBin(10, 0, 10, 10)).isEqualTo(9);
    assertThat(Metrics.equalWidthBin(-5, 0, 10, 10)).isZero();
    assertThat(Metrics.equalWidthBin(50, 0, 10, 10)).isEqualTo(9);
    // pd.cut intervals are closed on the right: a value on an interior edge belongs to the bin below
    assertThat(Metrics.equalWidthBin(1.0, 0, 10, 10)).isZero();
    assertThat(Metrics.equalWidthBin(1.0001, 0, 10, 10)).isEqualTo(1);
    // constant real column: numpy widens the range to lo - 0.5 .. lo + 0.5
    assertThat(Metrics.equalWidthBin(3, 3, 3, 10)).isEqualTo(4);
    assertThat(Metrics.equalWidthBin(5, 3, 3, 10)).isEqualTo(9);
    assertThat(Metrics.quantile(new double[] {4, 1, 3, 2}, 0.5)).isEqualTo(2.5);
    assertThat(Metrics.quantile(new double[] {4, 1, 3, 2}, 0.0)).isEqualTo(1.0);
    assertThat(Metrics.quantile(new double[0], 0.5)).isNaN();
  }

  @Test
  void biasCorrectedCramersVIgnoresColumnsWithAValuePerRow() {
    int n = 3000;
    int[] unique = new int[n];
    int[] three = new int[n];
    int[] same = new int[n];
    java.util.Random rnd = new java.util.Random(5);
    for (int i = 0; i < n; i++) {
      unique[i] = i; // a name per row
      three[i] = rnd.nextInt(3);
      same[i] = three[i];
    }
    // plain V calls a one-value-per-row column perfectly related to anything; the corrected one does not
    assertThat(Metrics.cramersV(unique, three)).isGreaterThan(0.99);
    assertThat(Metrics.cramersVCorrected(unique, three)).isLessThan(0.05);
    // a real relation keeps its strength: identical columns, and independent ones stay near 0
    assertThat(Metrics.cramersVCorrected(three, same)).isGreaterThan(0.99);
    int[] other = new int[n];
    for (int i = 0; i < n; i++) {
      other[i] = rnd.nextInt(3);
    }
    assertThat(Metrics.cramersVCorrected(three, other)).isLessThan(0.05);
  }
}
