package io.lakesynth.model.bn;

import static io.lakesynth.model.bn.KnownNetwork.A;
import static io.lakesynth.model.bn.KnownNetwork.B;
import static io.lakesynth.model.bn.KnownNetwork.C;
import static io.lakesynth.model.bn.KnownNetwork.CARDS;
import static io.lakesynth.model.bn.KnownNetwork.CPT;
import static io.lakesynth.model.bn.KnownNetwork.D;
import static io.lakesynth.model.bn.KnownNetwork.E;
import static io.lakesynth.model.bn.KnownNetwork.PARENTS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.lakesynth.util.RowRandom;
import org.junit.jupiter.api.Test;

class CompiledNetworkTest {
  private static final long SEED = 31337L;
  private static final long STREAM = RowRandom.hash("compiled-network-test");

  private static int[][] draw(CompiledNetwork net, int n, int[] fixed) {
    int[][] codes = new int[net.nodeCount()][n];
    int[] out = new int[net.nodeCount()];
    RowRandom rng = RowRandom.of(SEED, STREAM, 0);
    for (int r = 0; r < n; r++) {
      rng.reset(SEED, STREAM, r);
      net.sample(rng, out, fixed);
      for (int node = 0; node < out.length; node++) {
        codes[node][r] = out[node];
      }
    }
    return codes;
  }

  /**
   * 100000 rows: every conditional frequency within 4 sd (sd = sqrt(p(1-p)/n_c), n_c the rows in
   * the parent configuration, ≥ 100000·0.1) of the table, and per node Pearson's χ² (df = configs·(K-1))
   * below its 1 - 1e-4 quantile (Wilson-Hilferty).
   */
  @Test
  void samplesReproduceTheTables() {
    int n = 100_000;
    int[][] codes = draw(new CompiledNetwork(KnownNetwork.net()), n, null);
    for (int node = 0; node < CARDS.length; node++) {
      int card = CARDS[node];
      long[] counts = KnownNetwork.familyCounts(codes, node, PARENTS[node], CARDS);
      long[] totals = KnownNetwork.configTotals(counts, card);
      double chi2 = 0;
      for (int i = 0; i < counts.length; i++) {
        double p = CPT[node][i];
        long nc = totals[i / card];
        assertThat(nc).isGreaterThan(5000);
        double freq = (double) counts[i] / nc;
        assertThat(freq).as("node %d cell %d", node, i).isCloseTo(p, within(4 * Math.sqrt(p * (1 - p) / nc)));
        chi2 += Math.pow(counts[i] - p * nc, 2) / (p * nc);
      }
      int df = totals.length * (card - 1);
      assertThat(chi2).as("chi2 of node %d, df %d", node, df).isLessThan(chiSquareQuantile(df, 3.719));
    }
  }

  /** Wilson-Hilferty approximation of the χ² quantile at standard-normal quantile z. */
  static double chiSquareQuantile(int df, double z) {
    double h = 2.0 / (9 * df);
    return df * Math.pow(1 - h + z * Math.sqrt(h), 3);
  }

  @Test
  void sameSeedSameRowsAndFixingANodeLeavesTheOthersAlone() {
    CompiledNetwork net = new CompiledNetwork(KnownNetwork.net());
    int n = 2000;
    int[][] first = draw(net, n, null);
    assertThat(draw(net, n, null)).isDeepEqualTo(first);
    // D has no children: fixing it must not change any other node's draws (one uniform per node)
    int[] fixed = {-1, -1, -1, 1, -1};
    int[][] withD = draw(net, n, fixed);
    assertThat(withD[D]).containsOnly(1);
    for (int node : new int[] {A, B, C, E}) {
      assertThat(withD[node]).as("node %d", node).containsExactly(first[node]);
    }
    // fixing the root A: its child B is drawn from the row of A = 2, P(B=1) = 0.5 (4 sd over 20000 rows)
    int[][] withA = draw(net, 20_000, new int[] {2, -1, -1, -1, -1});
    assertThat(withA[A]).containsOnly(2);
    double shareB1 = mean(withA[B]);
    assertThat(shareB1).isCloseTo(0.5, within(4 * Math.sqrt(0.25 / 20_000)));
  }

  /** A root conditioned on a distribution: A ~ (0, 0.25, 0.75) over 20000 rows, 4 sd per state. */
  @Test
  void rootDistributionOverride() {
    CompiledNetwork base = new CompiledNetwork(KnownNetwork.net());
    CompiledNetwork shifted = base.withRootDistribution(A, new double[] {0, 0.25, 0.75});
    int n = 20_000;
    int[][] codes = draw(shifted, n, null);
    long[] countA = KnownNetwork.familyCounts(codes, A, new int[0], CARDS);
    assertThat(countA[0]).isZero();
    assertThat((double) countA[1] / n).isCloseTo(0.25, within(4 * Math.sqrt(0.25 * 0.75 / n)));
    // the base network is untouched
    long[] baseA = KnownNetwork.familyCounts(draw(base, n, null), A, new int[0], CARDS);
    assertThat((double) baseA[0] / n).isCloseTo(0.5, within(4 * Math.sqrt(0.25 / n)));

    assertThatThrownBy(() -> base.withRootDistribution(B, new double[] {0.5, 0.5}))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> base.withRootDistribution(A, new double[] {0.5, 0.5}))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void bayesNetAndStructureRejectInconsistentInput() {
    double[][] badRow = KnownNetwork.CPT.clone();
    badRow[D] = new double[] {0.6, 0.5};
    assertThatThrownBy(() -> new BayesNet(KnownNetwork.NAMES, CARDS, KnownNetwork.structure(), badRow))
        .hasMessageContaining("sums to");
    double[][] badSize = KnownNetwork.CPT.clone();
    badSize[B] = new double[] {0.5, 0.5};
    assertThatThrownBy(() -> new BayesNet(KnownNetwork.NAMES, CARDS, KnownNetwork.structure(), badSize))
        .hasMessageContaining("expected 6");
    // parent after child, duplicated parent, non-permutation
    assertThatThrownBy(() -> new NetworkStructure(new int[] {1, 0}, new int[][] {{1}, {0}}))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new NetworkStructure(new int[] {0, 1}, new int[][] {{}, {0, 0}}))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new NetworkStructure(new int[] {0, 0}, new int[][] {{}, {}}))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(new NetworkStructure(new int[] {1, 0}, new int[][] {{1}, {}}).nodeCount()).isEqualTo(2);
  }

  private static double mean(int[] values) {
    double s = 0;
    for (int v : values) {
      s += v;
    }
    return s / values.length;
  }
}
