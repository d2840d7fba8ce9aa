package io.lakesynth.model.bn;

import static io.lakesynth.model.bn.KnownNetwork.A;
import static io.lakesynth.model.bn.KnownNetwork.B;
import static io.lakesynth.model.bn.KnownNetwork.C;
import static io.lakesynth.model.bn.KnownNetwork.CARDS;
import static io.lakesynth.model.bn.KnownNetwork.D;
import static io.lakesynth.model.bn.KnownNetwork.E;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Structure search on rows drawn from {@link KnownNetwork}.
 *
 * <p>Why n = 20000 is enough to assert the learned structure exactly where the truth has signal:
 * the plug-in MI estimate has a standard deviation of about sd(log p(x,π)/(p(x)p(π))) / sqrt(n),
 * and the log-ratios here have sd below 1, so sd(MI) &lt; 1/sqrt(20000) ≈ 0.007 (its bias, at most
 * (|X|-1)(|Π|-1)/(2n) ≈ 3e-4, is smaller still). Population MIs of the truth: I(A;B) ≈ 0.22,
 * I(A;C) ≈ 0.15, I(A;E) ≈ 0.05, I(C;E) ≈ 0.23, I(B;C) ≈ 0.003, D independent of all. Every greedy
 * decision below (A first, then B|A, then C|{A,B}, then E with C, D last) wins by a gap of at least
 * 0.03 ≥ 4 sd. A second parent of E and any parent of D carry no signal: their plug-in MI is noise
 * around the bias the score subtracts, so only their count (one or two) is asserted.
 */
class GreedyBayesTest {
  private static final int ROWS = 20_000;
  private static int[][] codes;

  @BeforeAll
  static void sample() {
    codes = KnownNetwork.sample(ROWS, 20260101L);
  }

  @Test
  void recoversTheKnownStructure() {
    NetworkStructure s = new GreedyBayes(CARDS).maxParents(2).search(codes);

    assertValidDag(s, 2);
    assertThat(s.order()).containsExactly(A, B, C, E, D);
    assertThat(s.parents()[A]).isEmpty();
    assertThat(s.parents()[B]).containsExactly(A);
    assertThat(s.parents()[C]).containsExactlyInAnyOrder(A, B);
    assertThat(s.parents()[E]).contains(C).hasSizeBetween(1, 2);
    assertThat(s.parents()[D]).hasSizeBetween(1, 2);
    assertThat(skeleton(s)).containsAll(skeleton(KnownNetwork.structure()));
  }

  /**
   * Each node takes the parents its data supports, up to k. S (50 values) is a state, L (20) a longitude band, each
   * state covering 3 bands, and Y (20) a latitude band fixed by (S, L) in 90 % of rows, uniform otherwise: I(Y; L | S)
   * ≈ 0.9 ln 3 ≈ 1 nat, and the 150 or so (S, L) configurations the sample holds have 15 rows per fold each, so Y
   * takes both. U (2000 values, 2.5 rows each) is nearly unique: nobody's parent, although its plug-in MI with Y is
   * about 2 nats. Ten noise columns (5 values, independent of all) would all take two parents if the search filled
   * k: a second parent only adds configurations the other fold predicts worse, so none of them takes one.
   */
  @Test
  void eachNodeTakesTheParentsItsDataSupports() {
    int n = 5000;
    java.util.SplittableRandom rng = new java.util.SplittableRandom(20261203L);
    int s = 0;
    int l = 1;
    int u = 2;
    int y = 3;
    int noise = 10;
    int[] cards = new int[4 + noise];
    cards[s] = 50;
    cards[l] = 20;
    cards[u] = 2000;
    cards[y] = 20;
    java.util.Arrays.fill(cards, 4, cards.length, 5);
    int[][] c = new int[cards.length][n];
    int[] base = new int[50];
    for (int i = 0; i < 50; i++) {
      base[i] = rng.nextInt(20);
    }
    for (int r = 0; r < n; r++) {
      c[s][r] = rng.nextInt(50);
      c[l][r] = (c[s][r] + rng.nextInt(3)) % 20;
      c[u][r] = rng.nextInt(2000);
      c[y][r] = rng.nextInt(10) == 0 ? rng.nextInt(20) : (base[c[s][r]] + 7 * c[l][r]) % 20;
      for (int j = 4; j < cards.length; j++) {
        c[j][r] = rng.nextInt(5);
      }
    }
    NetworkStructure structure = new GreedyBayes(cards).maxParents(2).roots(new int[] {s, l, u}).search(c);

    assertValidDag(structure, 2);
    assertThat(structure.parents()[y]).containsExactlyInAnyOrder(s, l);
    int twoParents = 0;
    for (int node = 0; node < cards.length; node++) {
      assertThat(structure.parents()[node]).as("parents of %d", node).doesNotContain(u);
      if (node >= 4) {
        assertThat(structure.parents()[node]).as("parents of noise column %d", node).hasSizeBetween(1, 2);
        twoParents += structure.parents()[node].length == 2 ? 1 : 0;
      }
    }
    assertThat(twoParents).as("noise columns with two parents").isZero();
  }

  @Test
  void forcedRootsComeFirstInTheirOrderWithoutParents() {
    NetworkStructure s = new GreedyBayes(CARDS).roots(new int[] {E, D, E}).search(codes);

    assertValidDag(s, 2);
    assertThat(Arrays.copyOf(s.order(), 2)).containsExactly(E, D);
    assertThat(s.parents()[E]).isEmpty();
    assertThat(s.parents()[D]).isEmpty();
    // A, B and C are not roots: each gets one or two parents
    assertThat(s.parents()[A]).hasSizeBetween(1, 2);
    assertThat(s.parents()[B]).hasSizeBetween(1, 2);
    assertThat(s.parents()[C]).hasSizeBetween(1, 2);
    assertThatThrownBy(() -> new GreedyBayes(CARDS).roots(new int[] {5})).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aDeterminedNodeJoinsRightAfterItsSourceWithOnlyThatParent() {
    int[] sourceOf = {-1, -1, -1, C, -1}; // D is declared a function of C (its searched parents would be two)
    NetworkStructure s = new GreedyBayes(CARDS).maxParents(2).determined(sourceOf).search(codes);

    assertValidDag(s, 2);
    assertThat(s.parents()[D]).containsExactly(C);
    int posC = indexOf(s.order(), C);
    assertThat(indexOf(s.order(), D)).isEqualTo(posC + 1);
    // a forced root is never determined
    NetworkStructure rooted = new GreedyBayes(CARDS).roots(new int[] {D}).determined(sourceOf).search(codes);
    assertThat(rooted.parents()[D]).isEmpty();
    assertThatThrownBy(() -> new GreedyBayes(CARDS).determined(new int[] {B, A, -1, -1, -1}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("forest");
  }

  private static int indexOf(int[] values, int v) {
    for (int i = 0; i < values.length; i++) {
      if (values[i] == v) {
        return i;
      }
    }
    return -1;
  }

  @Test
  void maxParentsIsHonouredAndEveryLaterNodeHasAParent() {
    for (int k = 0; k <= 4; k++) {
      NetworkStructure s = new GreedyBayes(CARDS).maxParents(k).search(codes);
      assertValidDag(s, k);
      for (int i = 0; i < s.order().length; i++) {
        assertThat(s.parents()[s.order()[i]]).as("k=%d, node at position %d", k, i)
            .hasSizeBetween(Math.min(Math.min(k, i), 1), Math.min(k, i));
      }
      if (k >= 2) {
        assertThat(s.parents()[C]).as("k=%d", k).containsExactlyInAnyOrder(A, B);
      }
    }
  }

  @Test
  void underDpEveryNodeTakesTheLargestFeasibleParentSet() {
    NetworkStructure s = new GreedyBayes(CARDS).maxParents(2).dp(1.0, 5L).search(codes);
    for (int i = 0; i < s.order().length; i++) {
      assertThat(s.parents()[s.order()[i]]).as("node at position %d", i).hasSize(Math.min(2, i));
    }
  }

  @Test
  void withSelectionTheSearchAllowsOneParentMoreThanTheDpRule() {
    int[] binary = {2, 2, 2, 2, 2, 2};
    assertThat(GreedyBayes.maxParentsWithSelection(20, binary)).isEqualTo(2);
    assertThat(GreedyBayes.maxParentsWithSelection(19, binary)).isEqualTo(1);
    assertThat(GreedyBayes.maxParentsWithSelection(Long.MAX_VALUE / 2, binary)).isEqualTo(4);
    assertThat(GreedyBayes.maxParentsWithSelection(1_000_000_000L, new int[] {2, 2})).isEqualTo(1);
    assertThat(GreedyBayes.maxParentsWithSelection(1_000_000_000L, new int[] {2})).isEqualTo(0);
    // zipcodes-like: a median cardinality of 55 over 33,689 rows is one parent under DP, two with selection
    int[] geo = {24, 24, 55, 827, 1001};
    assertThat(GreedyBayes.chooseMaxParents(33_689, geo)).isEqualTo(1);
    assertThat(GreedyBayes.maxParentsWithSelection(33_689, geo)).isEqualTo(2);
  }

  @Test
  void maxCptCellsShrinksParentSets() {
    // cards are 3,2,3,2,2: a limit of 6 cells forbids C|{A,B} (18) and C|{A} (9) but allows C|{B} (6)
    NetworkStructure s = new GreedyBayes(CARDS).maxParents(2).maxCptCells(6).roots(new int[] {A}).search(codes);
    assertValidDag(s, 2);
    for (int node = 0; node < CARDS.length; node++) {
      long cells = CARDS[node];
      for (int p : s.parents()[node]) {
        cells *= CARDS[p];
      }
      assertThat(cells).as("cells of node %d", node).isLessThanOrEqualTo(6);
    }
    assertThat(s.parents()[C]).isNotEmpty().doesNotContain(A);
  }

  @Test
  void chooseMaxParentsThresholdsAndMonotonicity() {
    int[] binary = {2, 2, 2, 2, 2, 2};
    // k grows while rows / median^(k+2) >= 5: with median 2 the thresholds are 20, 40, 80, 160
    assertThat(GreedyBayes.chooseMaxParents(19, binary)).isEqualTo(0);
    assertThat(GreedyBayes.chooseMaxParents(20, binary)).isEqualTo(1);
    assertThat(GreedyBayes.chooseMaxParents(39, binary)).isEqualTo(1);
    assertThat(GreedyBayes.chooseMaxParents(40, binary)).isEqualTo(2);
    assertThat(GreedyBayes.chooseMaxParents(80, binary)).isEqualTo(3);
    assertThat(GreedyBayes.chooseMaxParents(159, binary)).isEqualTo(3);
    assertThat(GreedyBayes.chooseMaxParents(160, binary)).isEqualTo(4);
    assertThat(GreedyBayes.chooseMaxParents(Long.MAX_VALUE / 2, binary)).isEqualTo(4);
    // the median (index d/2 of the sorted cards) sets the scale: {2,10,10} has median 10, threshold 500
    assertThat(GreedyBayes.chooseMaxParents(499, new int[] {10, 2, 10})).isEqualTo(0);
    assertThat(GreedyBayes.chooseMaxParents(500, new int[] {10, 2, 10})).isEqualTo(1);
    // never more parents than other nodes
    assertThat(GreedyBayes.chooseMaxParents(1_000_000_000L, new int[] {2, 2})).isEqualTo(1);
    assertThat(GreedyBayes.chooseMaxParents(1_000_000_000L, new int[] {2})).isEqualTo(0);

    int[][] cardSets = {binary, CARDS, {50, 3, 7, 1000}, {1, 1, 1}};
    for (int[] cards : cardSets) {
      int previous = 0;
      for (long rows = 0; rows < 10_000_000_000L; rows = rows * 3 / 2 + 1) {
        int k = GreedyBayes.chooseMaxParents(rows, cards);
        assertThat(k).as("rows %d cards %s", rows, Arrays.toString(cards)).isBetween(previous, 4);
        previous = k;
      }
    }
  }

  @Test
  void dpSearchAlwaysReturnsAValidBoundedDag() {
    for (double eps : new double[] {1e-3, 0.1, 1, 10}) {
      for (long seed = 0; seed < 5; seed++) {
        for (int k = 1; k <= 3; k++) {
          NetworkStructure s = new GreedyBayes(CARDS).maxParents(k).dp(eps, seed).search(codes);
          assertValidDag(s, k);
        }
      }
    }
    assertThatThrownBy(() -> new GreedyBayes(CARDS).dp(0, 1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void dpSearchWithASecureSourceIsValid() {
    for (int i = 0; i < 5; i++) {
      assertValidDag(new GreedyBayes(CARDS).maxParents(2).dp(0.5, new java.security.SecureRandom()).search(codes), 2);
    }
  }

  @Test
  void dpSearchIsAFunctionOfItsSeed() {
    NetworkStructure a = new GreedyBayes(CARDS).dp(0.5, 7).search(codes);
    NetworkStructure b = new GreedyBayes(CARDS).dp(0.5, 7).search(codes);
    assertThat(a.order()).containsExactly(b.order());
    assertThat(a.parents()).isDeepEqualTo(b.parents());
  }

  /**
   * With ε = 1e4 over d-1 = 4 steps, ε_step = 2500 and the sensitivity at n = 20000 is
   * Δ ≈ (2/n) ln(n/2) + 2/n ≈ 1.0e-3, so a score gap g makes the better option exp(2500 g / 2e-3)
   * times likelier: for g ≥ 0.03 (the gaps above) that is exp(37500), i.e. the argmax.
   */
  @Test
  void dpWithVeryLargeEpsilonRecoversTheNonDpStructure() {
    for (long seed = 0; seed < 3; seed++) {
      // roots A and D: under DP the first node comes from the seed and D's parents carry no signal
      // (DP scores raw MI, non-DP subtracts the Miller-Madow bias, so noise-level ties may break
      // differently); with k = 1 every remaining choice has a real gap
      int[] roots = {A, D};
      NetworkStructure plain = new GreedyBayes(CARDS).maxParents(1).roots(roots).search(codes);
      NetworkStructure dp = new GreedyBayes(CARDS).maxParents(1).roots(roots).dp(1e4, seed).search(codes);
      assertThat(dp.order()).containsExactly(plain.order());
      assertThat(dp.parents()).isDeepEqualTo(plain.parents());
      assertThat(plain.parents()[B]).containsExactly(A);
      assertThat(plain.parents()[C]).containsExactly(A);
      assertThat(plain.parents()[E]).containsExactly(C);

      // k = 2, only A forced: the signal-carrying part must agree
      NetworkStructure plain2 = new GreedyBayes(CARDS).roots(new int[] {A}).search(codes);
      NetworkStructure dp2 = new GreedyBayes(CARDS).roots(new int[] {A}).dp(1e4, seed).search(codes);
      assertThat(dp2.order()).containsExactly(plain2.order());
      assertThat(dp2.parents()[B]).containsExactly(plain2.parents()[B]);
      assertThat(dp2.parents()[C]).containsExactlyInAnyOrder(plain2.parents()[C]);
      assertThat(dp2.parents()[E]).contains(C);
    }
  }

  /**
   * The exponential mechanism picks option i with probability ∝ exp(ε s_i / (2Δ)). Scores 0 and
   * 2Δ ln 3 / ε must be drawn 1:3. Over N = 40000 draws the share of the second option has
   * sd sqrt(0.75 · 0.25 / N) ≈ 0.0022; allow 4 sd.
   */
  @Test
  void exponentialMechanismHasTheDocumentedScale() {
    double eps = 0.7;
    double sensitivity = GreedyBayes.sensitivity(ROWS);
    List<Double> scores = List.of(0.0, 2 * sensitivity * Math.log(3) / eps);
    GreedyBayes.Coins rng = new GreedyBayes.Coins(null, new java.security.SecureRandom()); // the fits' source
    int n = 40_000;
    int second = 0;
    for (int i = 0; i < n; i++) {
      second += GreedyBayes.exponential(scores, eps, sensitivity, rng);
    }
    assertThat((double) second / n).isCloseTo(0.75, within(4 * Math.sqrt(0.75 * 0.25 / n)));
  }

  /** PrivBayes Lemma 4.1 for n = 3: (2/3) ln 2 + (2/3) ln 2 = (4/3) ln 2; it decreases like ln(n)/n. */
  @Test
  void sensitivityOfMutualInformation() {
    assertThat(GreedyBayes.sensitivity(3)).isCloseTo(4.0 / 3 * Math.log(2), within(1e-12));
    assertThat(GreedyBayes.sensitivity(1)).isEqualTo(1.0);
    double previous = GreedyBayes.sensitivity(2);
    for (int n = 3; n < 100_000; n = n * 2 + 1) {
      double s = GreedyBayes.sensitivity(n);
      assertThat(s).isLessThan(previous).isGreaterThan(2.0 / n * Math.log(n / 2.0));
      previous = s;
    }
  }

  /** Every node has at most k parents, all placed before it; checked independently of the record's own check. */
  static void assertValidDag(NetworkStructure s, int k) {
    int d = s.parents().length;
    assertThat(s.order()).hasSize(d);
    Set<Integer> seen = new HashSet<>();
    for (int node : s.order()) {
      assertThat(s.parents()[node]).hasSizeLessThanOrEqualTo(k);
      for (int p : s.parents()[node]) {
        assertThat(seen).as("parent %d of %d placed earlier", p, node).contains(p);
      }
      assertThat(seen.add(node)).isTrue();
    }
    assertThat(seen).hasSize(d);
  }

  /** Undirected edges as "lo-hi" strings. */
  static Set<String> skeleton(NetworkStructure s) {
    List<String> edges = new ArrayList<>();
    for (int node = 0; node < s.parents().length; node++) {
      for (int p : s.parents()[node]) {
        edges.add(Math.min(p, node) + "-" + Math.max(p, node));
      }
    }
    return new HashSet<>(edges);
  }
}
