package io.lakesynth.model.bn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.lakesynth.util.RowRandom;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Pure Java, no Spark: sample from a known network, then recover its structure with GreedyBayes and its CPTs with
 * Cpt.estimate. Tolerances come from the sample size: a cell probability p estimated from m rows of its parent
 * configuration has standard error sqrt(p(1-p)/m); we allow 4 of them plus the smoothing bias (s*card/(m+s*card)).
 */
class BayesNetRecoveryTest {
  static final int N = 20_000;
  // A (3 states) root; B (2) | A; C (3) | A, B; D (2) independent root
  static final int[] CARDS = {3, 2, 3, 2};
  static final NetworkStructure TRUTH = new NetworkStructure(new int[] {0, 3, 1, 2},
      new int[][] {{}, {0}, {0, 1}, {}});
  static final double[][] CPT = {
      {0.5, 0.3, 0.2},
      {0.9, 0.1, 0.2, 0.8, 0.5, 0.5},
      // C | (A, B): 6 parent configurations x 3 states, strongly dependent on both parents
      {0.8, 0.1, 0.1, 0.1, 0.8, 0.1, 0.1, 0.1, 0.8, 0.6, 0.3, 0.1, 0.2, 0.2, 0.6, 0.1, 0.7, 0.2},
      {0.4, 0.6}};

  static int[][] sample(long seed) {
    CompiledNetwork net = new CompiledNetwork(new BayesNet(new String[] {"A", "B", "C", "D"}, CARDS, TRUTH, CPT));
    int[][] codes = new int[CARDS.length][N];
    int[] row = new int[CARDS.length];
    RowRandom rng = RowRandom.of(seed, 1, 0);
    for (int i = 0; i < N; i++) {
      rng.reset(seed, 1, i);
      net.sample(rng, row);
      for (int j = 0; j < row.length; j++) {
        codes[j][i] = row[j];
      }
    }
    return codes;
  }

  static long[] familyCounts(int node, int[] parents, int[][] codes) {
    int configs = FamilyEncoder.parentConfigCount(parents, CARDS);
    long[] counts = new long[configs * CARDS[node]];
    int[] values = new int[CARDS.length];
    for (int i = 0; i < N; i++) {
      for (int j = 0; j < CARDS.length; j++) {
        values[j] = codes[j][i];
      }
      counts[FamilyEncoder.parentConfig(parents, CARDS, values) * CARDS[node] + codes[node][i]]++;
    }
    return counts;
  }

  @Test
  void samplingReproducesTheCpts() {
    int[][] codes = sample(7);
    for (int node = 0; node < CARDS.length; node++) {
      assertCptClose(node, TRUTH.parents()[node], codes, 0.0);
    }
  }

  @Test
  void greedyBayesRecoversTheSkeletonAndTheCpts() {
    int[][] codes = sample(11);
    NetworkStructure learned = new GreedyBayes(CARDS).maxParents(2).search(codes);
    // C depends on both A and B, B on A: the skeleton {A-B, A-C, B-C} must be found. GreedyBayes (as PrivBayes)
    // gives every later node up to k parents, so the independent D may get parents too, but then its learned
    // CPT must say it does not depend on them: P(D | any parents) within the sampling tolerance of (0.4, 0.6)
    assertThat(edges(learned)).contains("0-1", "0-2", "1-2");
    int[] pd = learned.parents()[3];
    long[] dc = familyCounts(3, pd, codes);
    double[] est = Cpt.estimate(dc, 2, 0.5);
    for (int c = 0; c < dc.length / 2; c++) {
      long m = dc[2 * c] + dc[2 * c + 1];
      if (m > 0) {
        assertThat(est[2 * c]).as("P(D=0 | config %d), m=%d", c, m)
            .isCloseTo(0.4, within(4 * Math.sqrt(0.24 / m) + 1.0 / (m + 1)));
      }
    }
    for (int node = 0; node < CARDS.length; node++) {
      long[] counts = familyCounts(node, learned.parents()[node], codes);
      double[] p = Cpt.estimate(counts, CARDS[node], 0.5);
      for (int c = 0; c < counts.length / CARDS[node]; c++) {
        double sum = 0;
        for (int s = 0; s < CARDS[node]; s++) {
          sum += p[c * CARDS[node] + s];
        }
        assertThat(sum).isCloseTo(1.0, within(1e-12));
      }
    }
    // the true CPT of C is recovered from the data's (A, B) family with smoothing 0.5
    assertCptClose(2, new int[] {0, 1}, codes, 0.5);
  }

  @Test
  void forcedRootsAndParentLimitsAreHonoured() {
    int[][] codes = sample(13);
    NetworkStructure s = new GreedyBayes(CARDS).maxParents(1).roots(new int[] {2}).search(codes);
    assertThat(s.parents()[2]).isEmpty();
    for (int[] p : s.parents()) {
      assertThat(p.length).isLessThanOrEqualTo(1);
    }
    NetworkStructure none = new GreedyBayes(CARDS).maxParents(0).search(codes);
    assertThat(Arrays.stream(none.parents()).mapToInt(p -> p.length).sum()).isZero();
    // more rows never allow fewer parents
    int prev = -1;
    for (long rows = 10; rows <= 10_000_000; rows *= 10) {
      int k = GreedyBayes.chooseMaxParents(rows, new int[] {10, 10, 10, 10, 10});
      assertThat(k).isGreaterThanOrEqualTo(prev);
      prev = k;
    }
    assertThat(GreedyBayes.chooseMaxParents(100, new int[] {10, 10, 10})).isZero();
    assertThat(GreedyBayes.chooseMaxParents(1_000_000, new int[] {10, 10, 10, 10, 10})).isGreaterThanOrEqualTo(2);
  }

  @Test
  void differentiallyPrivateSearchStillGivesAValidNetwork() {
    int[][] codes = sample(17);
    NetworkStructure noisy = new GreedyBayes(CARDS).maxParents(2).dp(0.1, 3).search(codes);
    for (int[] p : noisy.parents()) {
      assertThat(p.length).isLessThanOrEqualTo(2);
    }
    // a huge budget makes the exponential mechanism pick the best candidates: the true skeleton
    NetworkStructure generous = new GreedyBayes(CARDS).maxParents(2).dp(1e6, 3).search(codes);
    assertThat(edges(generous)).contains("0-1", "0-2", "1-2");
  }

  @Test
  void laplaceNoiseHasTheStatedScale() {
    // E|X| = b and Var X = 2 b^2 for Laplace(b). With n draws: sd of mean |X| is b/sqrt(n) (Var|X| = b^2);
    // sd of the sample variance is about sqrt((E X^4 - Var^2) / n) = sqrt((24 - 4) / n) b^2.
    int n = 200_000;
    double b = 3.0;
    long[] counts = new long[n];
    Arrays.fill(counts, 1_000_000); // far from the clamp at zero
    double[] noisy = Cpt.laplaceNoise(counts, b, 99);
    double meanAbs = 0;
    double mean = 0;
    for (double v : noisy) {
      double x = v - 1_000_000;
      meanAbs += Math.abs(x) / n;
      mean += x / n;
    }
    double var = 0;
    for (double v : noisy) {
      double x = v - 1_000_000 - mean;
      var += x * x / n;
    }
    assertThat(meanAbs).isCloseTo(b, within(4 * b / Math.sqrt(n)));
    assertThat(mean).isCloseTo(0.0, within(4 * Math.sqrt(2) * b / Math.sqrt(n)));
    assertThat(var).isCloseTo(2 * b * b, within(4 * Math.sqrt(20.0 / n) * b * b));
    // deterministic in the seed, never negative
    assertThat(Cpt.laplaceNoise(new long[] {5, 5}, b, 99)).containsExactly(Cpt.laplaceNoise(new long[] {5, 5}, b, 99));
    for (double v : Cpt.laplaceNoise(new long[] {0, 0, 0, 0}, 100, 1)) {
      assertThat(v).isGreaterThanOrEqualTo(0.0);
    }
  }

  /** Estimated P(node | parents) against the true CPT of that family. */
  private static void assertCptClose(int node, int[] parents, int[][] codes, double smoothing) {
    long[] counts = familyCounts(node, parents, codes);
    double[] est = Cpt.estimate(counts, CARDS[node], smoothing);
    double[] truth = CPT[node];
    int card = CARDS[node];
    for (int c = 0; c < counts.length / card; c++) {
      long m = 0;
      for (int s = 0; s < card; s++) {
        m += counts[c * card + s];
      }
      for (int s = 0; s < card; s++) {
        double p = truth[c * card + s];
        double tol = 4 * Math.sqrt(p * (1 - p) / Math.max(1, m)) + smoothing * card / (m + smoothing * card) + 1e-9;
        assertThat(est[c * card + s]).as("node %d config %d state %d (m=%d)", node, c, s, m)
            .isCloseTo(p, within(tol));
      }
    }
  }

  private static Set<String> edges(NetworkStructure s) {
    Set<String> out = new TreeSet<>();
    for (int node = 0; node < s.parents().length; node++) {
      for (int p : s.parents()[node]) {
        out.add(Math.min(p, node) + "-" + Math.max(p, node));
      }
    }
    return out;
  }
}
