package io.lakesynth.model.bn;

import java.util.SplittableRandom;

/**
 * A small known discrete network used as ground truth: A → B, (A, B) → C, C → E, and D on its own.
 * Rows are drawn by plain inverse-CDF sampling with {@link SplittableRandom}, so tests of the
 * structure search do not depend on the sampler under test ({@link CompiledNetwork}).
 */
final class KnownNetwork {
  static final int A = 0;
  static final int B = 1;
  static final int C = 2;
  static final int D = 3;
  static final int E = 4;
  static final String[] NAMES = {"A", "B", "C", "D", "E"};
  static final int[] CARDS = {3, 2, 3, 2, 2};
  static final int[] ORDER = {A, B, C, D, E};
  static final int[][] PARENTS = {{}, {A}, {A, B}, {}, {C}};
  /** cpt[node][config * card + state]; C's config is a + 3 b (FamilyEncoder: first parent varies fastest). */
  static final double[][] CPT = {
      {0.5, 0.3, 0.2},
      {0.9, 0.1, 0.2, 0.8, 0.5, 0.5},
      {0.8, 0.15, 0.05, 0.1, 0.8, 0.1, 0.05, 0.15, 0.8,
          0.1, 0.1, 0.8, 0.8, 0.1, 0.1, 0.1, 0.8, 0.1},
      {0.6, 0.4},
      {0.9, 0.1, 0.5, 0.5, 0.1, 0.9}};

  private KnownNetwork() {}

  static NetworkStructure structure() {
    return new NetworkStructure(ORDER.clone(), PARENTS.clone());
  }

  static BayesNet net() {
    return new BayesNet(NAMES.clone(), CARDS.clone(), structure(), CPT.clone());
  }

  /** codes[node][row] for n rows drawn from the network. */
  static int[][] sample(int n, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    int[][] codes = new int[CARDS.length][n];
    int[] row = new int[CARDS.length];
    for (int r = 0; r < n; r++) {
      for (int node : ORDER) {
        int card = CARDS[node];
        int config = FamilyEncoder.parentConfig(PARENTS[node], CARDS, row);
        double u = rng.nextDouble();
        int s = 0;
        double cum = CPT[node][config * card];
        while (u >= cum && s < card - 1) {
          s++;
          cum += CPT[node][config * card + s];
        }
        row[node] = s;
        codes[node][r] = s;
      }
    }
    return codes;
  }

  /** Family counts of {@code node} with the given parents, laid out as {@link Cpt#estimateTowardMarginal} expects. */
  static long[] familyCounts(int[][] codes, int node, int[] parents, int[] cards) {
    int card = cards[node];
    long[] counts = new long[FamilyEncoder.parentConfigCount(parents, cards) * card];
    int[] row = new int[cards.length];
    for (int r = 0; r < codes[node].length; r++) {
      for (int v = 0; v < cards.length; v++) {
        row[v] = codes[v][r];
      }
      counts[FamilyEncoder.parentConfig(parents, cards, row) * card + codes[node][r]]++;
    }
    return counts;
  }

  /** Total count of each parent configuration (row sums of a family table). */
  static long[] configTotals(long[] familyCounts, int card) {
    long[] totals = new long[familyCounts.length / card];
    for (int i = 0; i < familyCounts.length; i++) {
      totals[i / card] += familyCounts[i];
    }
    return totals;
  }
}
