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
   * is (|X|-1)(|Y|-1)/(2n) (the bias of the plug-in estimate). Averaged over 200 samples of n = 2000 with
   * df = 6, 2n·mean(I) has mean 6 and sd sqrt(2·6/200) ≈ 0.245; allow 4 sd (≈ 1).
   */
  @Test
  void independentVariablesGiveTheMillerMadowBias() {
    SplittableRandom rng = new SplittableRandom(77);
    int n = 2000;
    int reps = 200;
    double total = 0;
    for (int rep = 0; rep < reps; rep++) {
      int[][] xy = independent(rng, n);
      int[] x = xy[0];
      int[] y = xy[1];
      total += MutualInformation.of(x, 3, new int[][] {y}, new int[] {4});
    }
    assertThat(2 * n * total / reps).isCloseTo(6.0, within(4 * Math.sqrt(2.0 * 6 / reps)));
  }

  /**
   * Noise costs held-out likelihood: X (3 values) independent of a 4-value parent, 1000 rows per fold, loses about
   * df/(2·1000) = 0.003 nats per row (df = 6) on the other fold, while the plug-in MI is positive in every sample.
   * Over 50 samples the mean score must be below 0 by more than 3 standard errors (estimated from the 50 scores).
   * Declared cardinalities do not matter, only what the sample holds.
   */
  @Test
  void heldOutScoreOfNoiseIsNegativeWhateverTheDeclaredCardinality() {
    SplittableRandom rng = new SplittableRandom(78);
    int n = 2000;
    int reps = 50;
    double sum = 0;
    double sumSq = 0;
    for (int rep = 0; rep < reps; rep++) {
      int[][] xy = independent(rng, n);
      int[] x = xy[0];
      int[] y = xy[1];
      double score = MutualInformation.heldOut(x, 3, new int[][] {y}, new int[] {4});
      assertThat(MutualInformation.heldOut(x, 3, new int[][] {y}, new int[] {1000})).isEqualTo(score);
      // declared cells beyond the dense limit take the hash-map path: same configurations, same score
      assertThat(MutualInformation.heldOut(x, 3, new int[][] {y, y}, new int[] {5000, 5000}))
          .isCloseTo(score, within(1e-12));
      assertThat(MutualInformation.of(x, 3, new int[][] {y}, new int[] {4})).isPositive();
      sum += score;
      sumSq += score * score;
    }
    double mean = sum / reps;
    double sd = Math.sqrt((sumSq - reps * mean * mean) / (reps - 1));
    assertThat(mean + 3 * sd / Math.sqrt(reps)).isNegative();
  }

  /**
   * A parent that determines X gains on rows the other fold holds, however many configurations it has (200, with 5
   * rows per fold each: p(x|π) = 5.5/6 against a marginal of 1/2, ln(11/6) ≈ 0.61 nats); a parent set with fewer than
   * 5 rows per observed configuration is refused (it would memorise rows).
   */
  @Test
  void heldOutScoreKeepsADeterminingParentAndRefusesNearlyUniqueOnes() {
    int n = 2000;
    int[] x = new int[n];
    int[] coarse = new int[n];
    int[] fine = new int[n];
    for (int r = 0; r < n; r++) {
      int block = r / 2; // the two rows of a block fall in different folds
      coarse[r] = block % 200;
      x[r] = coarse[r] % 2;
      fine[r] = r % 401; // 401 configurations of at most 5 rows
    }
    assertThat(MutualInformation.heldOut(x, 2, new int[][] {coarse}, new int[] {200}))
        .isGreaterThan(0.55).isLessThan(Math.log(2));
    assertThat(MutualInformation.heldOut(x, 2, new int[][] {fine}, new int[] {401}))
        .isEqualTo(Double.NEGATIVE_INFINITY);
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

  /** n rows of X uniform on 3 values and Y uniform on 4, independent. */
  private static int[][] independent(SplittableRandom rng, int n) {
    int[][] xy = new int[2][n];
    for (int r = 0; r < n; r++) {
      xy[0][r] = rng.nextInt(3);
      xy[1][r] = rng.nextInt(4);
    }
    return xy;
  }
}
