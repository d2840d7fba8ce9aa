package io.lakesynth.model.bn;

import static io.lakesynth.model.bn.KnownNetwork.CARDS;
import static io.lakesynth.model.bn.KnownNetwork.CPT;
import static io.lakesynth.model.bn.KnownNetwork.PARENTS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class CptTest {

  /**
   * CPTs estimated from family counts of 20000 rows of the known network. With n_c rows in parent
   * configuration c, the raw frequency has sd sqrt(p(1-p)/n_c); smoothing toward the marginal with
   * a = s·min(K, 20) pseudo-rows moves the estimate (c+a·m)/(n_c+a) by at most a/(n_c+a) &lt; a/n_c
   * from c/n_c. Tolerance: 4 sd + a/n_c. The
   * smallest configuration (C given A=2, B=1) has probability 0.2·0.5 = 0.1, so n_c ≈ 2000.
   */
  @Test
  void estimatesRecoverTheTrueTables() {
    int[][] codes = KnownNetwork.sample(20_000, 424242L);
    double smoothing = 1.0;
    for (int node = 0; node < CARDS.length; node++) {
      int card = CARDS[node];
      long[] counts = KnownNetwork.familyCounts(codes, node, PARENTS[node], CARDS);
      long[] totals = KnownNetwork.configTotals(counts, card);
      double[] est = Cpt.estimateTowardMarginal(counts, card, smoothing, -1);
      assertThat(est).hasSameSizeAs(CPT[node]);
      for (int i = 0; i < est.length; i++) {
        double p = CPT[node][i];
        long nc = totals[i / card];
        assertThat(nc).isGreaterThan(1000);
        double tol = 4 * Math.sqrt(p * (1 - p) / nc) + smoothing * Math.min(card, 20) / nc;
        assertThat(est[i]).as("node %d cell %d", node, i).isCloseTo(p, within(tol));
      }
    }
  }

  @Test
  void smoothingTowardTheMarginalAndUnseenConfigurations() {
    // marginal of the counts: (3+1, 1+0)/5 = (0.8, 0.2); a = 0.5 * 2 = 1 pseudo-row
    // config 0: counts 3,1 -> (3 + 0.8, 1 + 0.2) / 5; config 1: counts 1,0 -> (1.8, 0.2) / 2; unseen -> marginal
    long[] counts = {3, 1, 1, 0, 0, 0};
    assertThat(Cpt.estimateTowardMarginal(counts, 2, 0.5, -1))
        .containsExactly(new double[] {0.76, 0.24, 0.9, 0.1, 0.8, 0.2}, within(1e-12));
    assertThat(Cpt.estimateTowardMarginal(counts, 2, 0.0, -1))
        .containsExactly(new double[] {0.75, 0.25, 1.0, 0.0, 0.8, 0.2}, within(1e-12));
    // rows sum to one even for huge counts
    long[] big = {Long.MAX_VALUE / 4, 1, 7};
    double[] p = Cpt.estimateTowardMarginal(big, 3, 1.0, -1);
    assertThat(p[0] + p[1] + p[2]).isCloseTo(1.0, within(1e-12));
  }

  @Test
  void rareValuesStayValuesWhenRedistributedNeverNulls() {
    // states a, b, OTHER (redistributed), NULL: a mostly-null column whose few values are mostly rare
    long[] counts = {2, 0, 6, 92, 0, 0, 3, 7};
    double[] p = Cpt.estimateTowardMarginal(counts, 4, 0.0, 2, 3);
    // config 0: 8 of 100 rows have a value -> 8 % non-null, all of it on the only kept value seen there
    assertThat(p).containsExactly(new double[] {0.08, 0.0, 0.0, 0.92,
        // config 1: no kept value in the row -> its 3 rare rows go to the values' overall shares (a only)
        0.3, 0.0, 0.0, 0.7}, within(1e-12));
    // without a null state given, the rare rows are spread over NULL too: the null share rises
    assertThat(Cpt.estimateTowardMarginal(counts, 4, 0.0, 2)[3]).isGreaterThan(0.97);
  }

  @Test
  void adaptiveSmoothingFollowsHowMuchTheParentsDetermineTheNode() {
    // determined: each configuration holds one state -> no shrinkage beyond the floor (smoothing itself)
    long[] determined = {7, 0, 0, 0, 5, 0, 0, 0, 9, 3, 0, 0};
    assertThat(Cpt.adaptivePseudoRows(determined, 3, 0.5, -1)).isEqualTo(0.5);
    double[] p = Cpt.estimateAdaptive(determined, 3, 0.5, -1, -1);
    assertThat(p[0]).isGreaterThan(0.95); // 7 rows of state 0: (7 + 0.5 m0) / 7.5 with m0 = 10/24
    assertThat(Cpt.estimateTowardMarginal(determined, 3, 0.5, -1)[0]).isLessThan(0.9); // the fixed rule: 1.5 rows
    // independent: every configuration has the marginal's proportions -> the fixed rule's pseudo-rows (the cap)
    long[] independent = {20, 10, 10, 40, 20, 20, 2, 1, 1};
    assertThat(Cpt.adaptivePseudoRows(independent, 3, 0.5, -1)).isEqualTo(1.5);
    // a Dirichlet-multinomial with precision alpha = 3 around the marginal (0.5, 0.3, 0.2): 5000 configurations of
    // 10 rows estimate rho = 1/(1 + alpha) = 0.25 with a standard error near 0.01, i.e. alpha within about 0.16;
    // 0.6 is more than 3.5 standard errors
    java.util.Random rnd = new java.util.Random(5);
    double[] m = {0.5, 0.3, 0.2};
    long[] dm = new long[5000 * 3];
    for (int c = 0; c < 5000; c++) {
      double[] g = new double[3];
      double sum = 0;
      for (int k = 0; k < 3; k++) {
        g[k] = gamma(3 * m[k], rnd);
        sum += g[k];
      }
      for (int r = 0; r < 10; r++) {
        double u = rnd.nextDouble() * sum;
        int k = u < g[0] ? 0 : u < g[0] + g[1] ? 1 : 2;
        dm[c * 3 + k]++;
      }
    }
    assertThat(Cpt.adaptivePseudoRows(dm, 3, 1.0, -1)).isCloseTo(3.0, within(0.6));
  }

  /** Gamma(shape, 1) by Marsaglia-Tsang (shape < 1 boosted by u^(1/shape)). */
  private static double gamma(double shape, java.util.Random rnd) {
    if (shape < 1) {
      return gamma(shape + 1, rnd) * Math.pow(rnd.nextDouble(), 1 / shape);
    }
    double d = shape - 1.0 / 3;
    double c = 1 / Math.sqrt(9 * d);
    while (true) {
      double x = rnd.nextGaussian();
      double v = Math.pow(1 + c * x, 3);
      if (v > 0 && Math.log(rnd.nextDouble()) < 0.5 * x * x + d - d * v + d * Math.log(v)) {
        return d * v;
      }
    }
  }

  @Test
  void aRedistributedStateGetsNoProbabilityAndItsMassGoesToTheKeptStatesOfTheSameRow() {
    // states: kept a, kept b, OTHER (excluded); config 0 has 6 a, 2 b, 8 rare; config 1 only rare rows
    long[] counts = {6, 2, 8, 0, 0, 5};
    double[] p = Cpt.estimateTowardMarginal(counts, 3, 0.0, 2);
    // config 0: the rare mass goes to a and b in proportion to their counts in that row: 6/8, 2/8
    assertThat(p).containsExactly(new double[] {0.75, 0.25, 0.0, 0.75, 0.25, 0.0}, within(1e-12));
    // config 1 had no kept value: it gets the kept marginal, never the excluded state
    double[] smoothed = Cpt.estimateTowardMarginal(counts, 3, 0.5, 2);
    for (int c = 0; c < 2; c++) {
      assertThat(smoothed[c * 3 + 2]).isZero();
      assertThat(smoothed[c * 3] + smoothed[c * 3 + 1]).isCloseTo(1.0, within(1e-12));
    }
  }

  /**
   * Laplace(b) noise: E[X] = 0, E|X| = b, E[X²] = 2b², and |X| ~ Exponential(b) so
   * Var|X| = b², Var X² = E X⁴ - (2b²)² = 24b⁴ - 4b⁴ = 20b⁴. Over M cells the sample means
   * therefore have sd sqrt(2/M) b, b/sqrt(M) and sqrt(20/M) b²; each is allowed 4 sd. Counts are
   * large so the clamp at 0 never bites.
   */
  @Test
  void laplaceNoiseHasTheRequestedScale() {
    int m = 200_000;
    double b = 3.5;
    long[] counts = new long[m];
    java.util.Arrays.fill(counts, 1_000_000L);
    double[] noisy = Cpt.laplaceNoise(counts, b, new java.security.SecureRandom()); // the fits' source
    double sum = 0;
    double sumAbs = 0;
    double sumSq = 0;
    long beyond = 0;
    for (int i = 0; i < m; i++) {
      double x = noisy[i] - counts[i];
      sum += x;
      sumAbs += Math.abs(x);
      sumSq += x * x;
      if (Math.abs(x) > b * Math.log(20)) {
        beyond++; // P(|X| > b ln 20) = 1/20
      }
    }
    assertThat(sum / m).isCloseTo(0, within(4 * Math.sqrt(2.0 / m) * b));
    assertThat(sumAbs / m).isCloseTo(b, within(4 * b / Math.sqrt(m)));
    assertThat(sumSq / m).isCloseTo(2 * b * b, within(4 * Math.sqrt(20.0 / m) * b * b));
    assertThat((double) beyond / m).isCloseTo(0.05, within(4 * Math.sqrt(0.05 * 0.95 / m)));
  }

  /** Noise at zero counts is clamped: half the cells (X ≤ 0) become exactly 0; sd of the share sqrt(0.25/M). */
  @Test
  void laplaceNoiseIsClampedAtZeroAndNeverRepeats() {
    int m = 50_000;
    long[] zeros = new long[m];
    double[] noisy = Cpt.laplaceNoise(zeros, 2.0, new java.security.SecureRandom());
    long atZero = 0;
    for (double v : noisy) {
      assertThat(v).isGreaterThanOrEqualTo(0.0);
      if (v == 0.0) {
        atZero++;
      }
    }
    assertThat((double) atZero / m).isCloseTo(0.5, within(4 * Math.sqrt(0.25 / m)));
    assertThat(Cpt.laplaceNoise(zeros, 2.0, new java.security.SecureRandom())).isNotEqualTo(noisy);
    // noise scales linearly with b for the same uniform draws (a seeded generator, for this check only)
    long[] tens = {10, 10, 10, 10};
    double[] one = Cpt.laplaceNoise(tens, 1e-3, new java.util.Random(9));
    double[] thousand = Cpt.laplaceNoise(tens, 1.0, new java.util.Random(9));
    for (int i = 0; i < tens.length; i++) {
      assertThat(thousand[i] - 10).isCloseTo(1000 * (one[i] - 10), within(1e-9));
    }
  }

  @Test
  void smoothingKeepsTheMarginalWhenSmallConfigurationsFavourAState() {
    // states (value, NULL): one big configuration nearly all NULL, twenty small ones where the column has a value
    // (earthquakes' mmi given its cdi): 40 values in 1,060 rows, 24 of them in the small configurations
    int configs = 21;
    long[] counts = new long[configs * 2];
    counts[0] = 16;
    counts[1] = 984;
    for (int c = 1; c < configs; c++) {
      counts[2 * c] = c <= 8 ? 3 : 0;
      counts[2 * c + 1] = c <= 8 ? 0 : 3;
    }
    double real = 0;
    for (int c = 0; c < configs; c++) {
      real += counts[2 * c];
    }
    for (boolean adaptive : new boolean[] {true, false}) {
      double kept = expectedValues(Cpt.estimateKeepingMarginal(counts, 2, 0.5, adaptive, -1, 1), counts);
      assertThat(kept).as("values kept (adaptive %s)", adaptive).isCloseTo(real, within(1e-9));
    }
    // smoothing toward the plain marginal (4 % values) takes a quarter of the small configurations' values away
    double plain = expectedValues(Cpt.estimateTowardMarginal(counts, 2, 0.5, -1, 1), counts);
    assertThat(plain).isLessThan(real - 4); // 34.6 of 40: one pseudo-row per configuration
    // and the conditional structure stays: a small configuration with values still mostly has them
    assertThat(Cpt.estimateKeepingMarginal(counts, 2, 0.5, false, -1, 1)[2]).isGreaterThan(0.6);
  }

  /** Expected count of state 0 over the real configuration sizes. */
  private static double expectedValues(double[] p, long[] counts) {
    double out = 0;
    for (int c = 0; c < counts.length / 2; c++) {
      out += (counts[2 * c] + counts[2 * c + 1]) * p[2 * c];
    }
    return out;
  }
}
