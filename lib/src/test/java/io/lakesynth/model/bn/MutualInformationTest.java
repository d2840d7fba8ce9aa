package io.lakesynth.model.bn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MutualInformationTest {
  @Test
  void exactValuesOnConstructedSamples() {
    int n = 6000;
    int[] x = new int[n];
    int[] y = new int[n];
    int[] z = new int[n];
    for (int r = 0; r < n; r++) {
      x[r] = r % 4;
      y[r] = r % 4; // a copy of x: I = H(X) = ln 4
      z[r] = (r / 4) % 3; // exactly balanced against x: I = 0
    }
    assertThat(MutualInformation.of(x, 4, new int[][] {y}, new int[] {4})).isCloseTo(Math.log(4), within(1e-12));
    assertThat(MutualInformation.of(x, 4, new int[][] {z}, new int[] {3})).isCloseTo(0, within(1e-12));
    // no parents, or a constant parent, carry no information
    assertThat(MutualInformation.of(x, 4, new int[0][], new int[0])).isZero();
    // the joint (y, z) determines x: I = ln 4 again
    assertThat(MutualInformation.of(x, 4, new int[][] {z, y}, new int[] {3, 4})).isCloseTo(Math.log(4), within(1e-12));
  }

  /**
   * For independent X, Y the plug-in estimate satisfies 2n I ≈ χ² with (|X|-1)(|Y|-1) df, so its mean
   * is (|X|-1)(|Y|-1)/(2n) (the bias GreedyBayes subtracts). Averaged over 200 samples of n = 2000 with
   * df = 6, 2n·mean(I) has mean 6 and sd sqrt(2·6/200) ≈ 0.245; allow 4 sd (≈ 1).
   */
  @Test
  void independentVariablesGiveTheMillerMadowBias() {
    SplittableRandom rng = new SplittableRandom(77);
    int n = 2000;
    int reps = 200;
    double total = 0;
    for (int rep = 0; rep < reps; rep++) {
      int[] x = new int[n];
      int[] y = new int[n];
      for (int r = 0; r < n; r++) {
        x[r] = rng.nextInt(3);
        y[r] = rng.nextInt(4);
      }
      total += MutualInformation.of(x, 3, new int[][] {y}, new int[] {4});
    }
    assertThat(2 * n * total / reps).isCloseTo(6.0, within(4 * Math.sqrt(2.0 * 6 / reps)));
  }

  /** Cardinalities beyond the dense limit take the hash-map path; it must agree with the dense one. */
  @Test
  void sparsePathAgreesWithDensePath() {
    SplittableRandom rng = new SplittableRandom(3);
    int n = 5000;
    int[] x = new int[n];
    int[] p1 = new int[n];
    int[] p2 = new int[n];
    for (int r = 0; r < n; r++) {
      p1[r] = rng.nextInt(30);
      p2[r] = rng.nextInt(15);
      x[r] = (p1[r] + p2[r] + (rng.nextInt(4) == 0 ? 1 : 0)) % 5;
    }
    double dense = MutualInformation.of(x, 5, new int[][] {p1, p2}, new int[] {30, 15});
    // declared 3000 x 1500 configurations x 5 states exceed 2^22 cells: same data, sparse counting
    double sparse = MutualInformation.of(x, 5, new int[][] {p1, p2}, new int[] {3000, 1500});
    assertThat(dense).isGreaterThan(0.5);
    assertThat(sparse).isCloseTo(dense, within(1e-9));
  }

  @Test
  void pairwiseIsSymmetricWithZeroDiagonal() {
    int[][] codes = KnownNetwork.sample(3000, 8);
    double[][] m = MutualInformation.pairwise(codes, KnownNetwork.CARDS);
    for (int i = 0; i < m.length; i++) {
      assertThat(m[i][i]).isZero();
      for (int j = 0; j < m.length; j++) {
        assertThat(m[i][j]).isEqualTo(m[j][i]).isGreaterThanOrEqualTo(0);
      }
    }
    // I(A;B) = I(B;A)
    assertThat(m[KnownNetwork.A][KnownNetwork.B]).isCloseTo(
        MutualInformation.of(codes[KnownNetwork.B], 2, new int[][] {codes[KnownNetwork.A]}, new int[] {3}),
        within(1e-12));
  }
}
