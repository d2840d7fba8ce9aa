package io.lakesynth.model.bn;

import java.util.HashMap;
import java.util.Map;

/** Mutual information (nats) between a node and a set of parents, from a sample of codes. Pure Java. */
public final class MutualInformation {
  private static final int DENSE_LIMIT = 1 << 22;
  /** Fewest sample rows per observed parent configuration, on average, for {@link #heldOut} to score a set. */
  public static final int MIN_ROWS_PER_CONFIGURATION = 5;
  /** Pseudo-rows of the marginal in the held-out score's conditional estimate. */
  public static final double HELD_OUT_PSEUDO_ROWS = 1.0;

  private MutualInformation() {}

  /** I(X; Π) where Π is the joint of the given parent code columns. */
  public static double of(int[] x, int cardX, int[][] parentsCodes, int[] parentCards) {
    int n = x.length;
    if (n == 0) {
      return 0;
    }
    long configs = 1;
    for (int c : parentCards) {
      configs *= c;
    }
    if (configs == 1) {
      return 0;
    }
    int[] config = configs(x, parentsCodes, parentCards);
    long cells = configs * cardX;
    return cells <= DENSE_LIMIT ? dense(x, cardX, config, (int) configs) : sparse(x, cardX, config);
  }

  /**
   * The held-out log-likelihood gain, in nats per row, of predicting X from Π rather than from X's marginal, by
   * two-fold cross-validation on the sample (rows alternate between the folds; fits pass the sample in seeded hash
   * order): each fold is predicted from the other's counts, {@code p(x|π) = (N(π,x) + α p(x)) / (N(π) + α)} with
   * {@value #HELD_OUT_PSEUDO_ROWS} pseudo-row of the (Laplace-smoothed) marginal, as the fit's tables are smoothed
   * toward it. Unlike a bias correction it needs no assumption about how full the table is: a county that nearly
   * fixes its state gains in every configuration, a pair of parents whose joint is sparse but structured (a state and
   * a longitude band) gains where it is seen, and noise or nearly unique parents lose on rows the other fold never
   * showed them. A parent set with fewer than {@link #MIN_ROWS_PER_CONFIGURATION} sample rows per observed
   * configuration is refused outright (negative infinity): a table over it would memorise rows.
   */
  public static double heldOut(int[] x, int cardX, int[][] parentsCodes, int[] parentCards) {
    int n = x.length;
    if (n < 2 || parentsCodes.length == 0) {
      return 0;
    }
    int[] config = configs(x, parentsCodes, parentCards);
    long configs = 1;
    for (int c : parentCards) {
      configs *= c;
    }
    return configs * cardX <= DENSE_LIMIT ? heldOutDense(x, cardX, config, (int) configs)
        : heldOutSparse(x, cardX, config);
  }

  private static double heldOutDense(int[] x, int cardX, int[] config, int configs) {
    int n = x.length;
    int[][] joint = new int[2][configs * cardX];
    int[][] pc = new int[2][configs];
    int[][] px = new int[2][cardX];
    int observed = 0;
    for (int r = 0; r < n; r++) {
      int f = r & 1;
      joint[f][config[r] * cardX + x[r]]++;
      if (pc[0][config[r]] + pc[1][config[r]] == 0) {
        observed++;
      }
      pc[f][config[r]]++;
      px[f][x[r]]++;
    }
    if ((long) observed * MIN_ROWS_PER_CONFIGURATION > n) {
      return Double.NEGATIVE_INFINITY;
    }
    // each row of a fold scores log p(x|π)/p(x) from the other fold's counts: summed per cell, not per row
    int size0 = n / 2 + n % 2;
    int size1 = n / 2;
    double gain = 0;
    for (int c = 0; c < configs; c++) {
      if (pc[0][c] + pc[1][c] == 0) {
        continue;
      }
      for (int v = 0; v < cardX; v++) {
        int a0 = joint[0][c * cardX + v];
        int a1 = joint[1][c * cardX + v];
        if (a0 > 0) {
          gain += a0 * logRatio(a1, pc[1][c], px[1][v], size1, cardX);
        }
        if (a1 > 0) {
          gain += a1 * logRatio(a0, pc[0][c], px[0][v], size0, cardX);
        }
      }
    }
    return gain / n;
  }

  private static double heldOutSparse(int[] x, int cardX, int[] config) {
    int n = x.length;
    Map<Long, int[]> joint = new HashMap<>(); // (config, x) -> counts in fold 0 and fold 1
    Map<Integer, int[]> pc = new HashMap<>();
    int[][] px = new int[2][cardX];
    for (int r = 0; r < n; r++) {
      int f = r & 1;
      joint.computeIfAbsent((long) config[r] * cardX + x[r], k -> new int[2])[f]++;
      pc.computeIfAbsent(config[r], k -> new int[2])[f]++;
      px[f][x[r]]++;
    }
    if ((long) pc.size() * MIN_ROWS_PER_CONFIGURATION > n) {
      return Double.NEGATIVE_INFINITY;
    }
    int size0 = n / 2 + n % 2;
    int size1 = n / 2;
    double gain = 0;
    for (Map.Entry<Long, int[]> e : joint.entrySet()) {
      int c = (int) (e.getKey() / cardX);
      int v = (int) (e.getKey() % cardX);
      int[] a = e.getValue();
      int[] configCounts = pc.get(c);
      if (a[0] > 0) {
        gain += a[0] * logRatio(a[1], configCounts[1], px[1][v], size1, cardX);
      }
      if (a[1] > 0) {
        gain += a[1] * logRatio(a[0], configCounts[0], px[0][v], size0, cardX);
      }
    }
    return gain / n;
  }

  /** log p(x|π) / p(x) of one held-out row from the other fold's counts. */
  private static double logRatio(int nJoint, int nConfig, int nValue, int foldSize, int cardX) {
    double marginal = (nValue + 1.0) / (foldSize + cardX);
    double conditional = (nJoint + HELD_OUT_PSEUDO_ROWS * marginal) / (nConfig + HELD_OUT_PSEUDO_ROWS);
    return Math.log(conditional / marginal);
  }

  /** Each row's parent configuration, mixed radix (the families are bounded by the fit's CPT cell limit). */
  private static int[] configs(int[] x, int[][] parentsCodes, int[] parentCards) {
    int[] config = new int[x.length];
    for (int r = 0; r < x.length; r++) {
      int cfg = 0;
      int radix = 1;
      for (int p = 0; p < parentsCodes.length; p++) {
        cfg += parentsCodes[p][r] * radix;
        radix *= parentCards[p];
      }
      config[r] = cfg;
    }
    return config;
  }

  private static double dense(int[] x, int cardX, int[] config, int configs) {
    int n = x.length;
    int[] joint = new int[configs * cardX];
    int[] px = new int[cardX];
    int[] pc = new int[configs];
    for (int r = 0; r < n; r++) {
      joint[config[r] * cardX + x[r]]++;
      px[x[r]]++;
      pc[config[r]]++;
    }
    double mi = 0;
    for (int c = 0; c < configs; c++) {
      if (pc[c] == 0) {
        continue;
      }
      for (int s = 0; s < cardX; s++) {
        int j = joint[c * cardX + s];
        if (j > 0) {
          mi += (double) j / n * Math.log((double) j * n / ((double) pc[c] * px[s]));
        }
      }
    }
    return Math.max(0, mi);
  }

  private static double sparse(int[] x, int cardX, int[] config) {
    int n = x.length;
    Map<Long, int[]> joint = new HashMap<>();
    Map<Integer, int[]> pc = new HashMap<>();
    int[] px = new int[cardX];
    for (int r = 0; r < n; r++) {
      joint.computeIfAbsent((long) config[r] * cardX + x[r], k -> new int[1])[0]++;
      pc.computeIfAbsent(config[r], k -> new int[1])[0]++;
      px[x[r]]++;
    }
    double mi = 0;
    for (Map.Entry<Long, int[]> e : joint.entrySet()) {
      int j = e.getValue()[0];
      int c = (int) (e.getKey() / cardX);
      int s = (int) (e.getKey() % cardX);
      mi += (double) j / n * Math.log((double) j * n / ((double) pc.get(c)[0] * px[s]));
    }
    return Math.max(0, mi);
  }

  /** Pairwise I(X_i; X_j) for all nodes. */
  public static double[][] pairwise(int[][] codesByNode, int[] cards) {
    int d = cards.length;
    double[][] m = new double[d][d];
    for (int i = 0; i < d; i++) {
      for (int j = i + 1; j < d; j++) {
        double v = of(codesByNode[i], cards[i], new int[][] {codesByNode[j]}, new int[] {cards[j]});
        m[i][j] = v;
        m[j][i] = v;
      }
    }
    return m;
  }
}
