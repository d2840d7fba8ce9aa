package io.lakesynth.model.bn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class AliasTableTest {
  /** The probability the table assigns to each outcome: P(i) = (prob[i] + Σ_{j≠i, alias[j]=i} (1-prob[j])) / n. */
  private static double[] implied(double[] prob, int[] alias, int offset, int n) {
    double[] p = new double[n];
    for (int j = 0; j < n; j++) {
      p[j] += prob[offset + j] / n;
      p[alias[offset + j]] += (1 - prob[offset + j]) / n;
    }
    return p;
  }

  @Test
  void tableEncodesTheWeightsExactly() {
    double[] weights = {9, 9, 1, 0, 3, 0.5, 5.5, 9};
    int offset = 2;
    int n = 5;
    double[] prob = new double[8];
    int[] alias = new int[8];
    AliasTable.build(weights, offset, n, prob, alias, 3);
    // alias entries are outcomes 0..n-1 relative to the table
    double[] p = implied(prob, alias, 3, n);
    assertThat(p).containsExactly(new double[] {0.1, 0, 0.3, 0.05, 0.55}, within(1e-12));
    assertThat(prob[0]).isZero(); // nothing written before outOffset
  }

  /** 200000 draws: each share within 4 sd = 4 sqrt(p(1-p)/N) of its weight; zero weight never drawn. */
  @Test
  void drawsMatchTheWeights() {
    double[] weights = {1, 0, 3, 0.5, 5.5};
    double[] prob = new double[5];
    int[] alias = new int[5];
    AliasTable.build(weights, 0, 5, prob, alias, 0);
    SplittableRandom rng = new SplittableRandom(2024);
    int draws = 200_000;
    long[] counts = new long[5];
    for (int i = 0; i < draws; i++) {
      counts[AliasTable.sample(prob, alias, 0, 5, rng.nextDouble())]++;
    }
    assertThat(counts[1]).isZero();
    for (int i = 0; i < 5; i++) {
      double p = weights[i] / 10.0;
      assertThat((double) counts[i] / draws).as("outcome %d", i).isCloseTo(p, within(4 * Math.sqrt(p * (1 - p) / draws)));
    }
    // the extreme uniforms stay in range
    assertThat(AliasTable.sample(prob, alias, 0, 5, 0.0)).isBetween(0, 4);
    assertThat(AliasTable.sample(prob, alias, 0, 5, Math.nextDown(1.0))).isBetween(0, 4);
  }

  @Test
  void degenerateWeights() {
    double[] prob = new double[4];
    int[] alias = new int[4];
    AliasTable.build(new double[] {0, 0, 0, 0}, 0, 4, prob, alias, 0);
    assertThat(implied(prob, alias, 0, 4)).containsExactly(new double[] {0.25, 0.25, 0.25, 0.25}, within(1e-12));
    AliasTable.build(new double[] {0, 0, 7, 0}, 0, 4, prob, alias, 0);
    for (double u = 0; u < 1; u += 0.01) {
      assertThat(AliasTable.sample(prob, alias, 0, 4, u)).isEqualTo(2);
    }
    assertThatThrownBy(() -> AliasTable.build(new double[] {1, -1}, 0, 2, prob, alias, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> AliasTable.build(new double[] {1, Double.NaN}, 0, 2, prob, alias, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
