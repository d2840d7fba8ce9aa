package io.lakesynth.model.bn;

import java.util.HashMap;
import java.util.Map;

/** Mutual information (nats) between a node and a set of parents, from a sample of codes. Pure Java. */
public final class MutualInformation {
  private static final int DENSE_LIMIT = 1 << 22;

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
    int[] config = new int[n];
    for (int r = 0; r < n; r++) {
      int cfg = 0;
      int radix = 1;
      for (int p = 0; p < parentsCodes.length; p++) {
        cfg += parentsCodes[p][r] * radix;
        radix *= parentCards[p];
      }
      config[r] = cfg;
    }
    long cells = configs * cardX;
    return cells <= DENSE_LIMIT ? dense(x, cardX, config, (int) configs) : sparse(x, cardX, config);
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
