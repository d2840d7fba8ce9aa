package io.lakesynth.model.bn;

import io.lakesynth.util.RowRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * PrivBayes' GreedyBayes structure search (Zhang et al., "PrivBayes: Private Data Release via
 * Bayesian Networks", SIGMOD 2014, Algorithm 2): nodes join the network one at a time, each with
 * the parent set (of at most k already placed nodes) that has the highest mutual information.
 *
 * <p>Without DP the score is the held-out log-likelihood gain of the parent set, by two-fold cross-validation on the
 * sample ({@link MutualInformation#heldOut}): what conditioning on it predicts on rows its counts never saw, so
 * parent sets are not chosen for their sampling noise, and a parent set whose observed configurations hold fewer than
 * {@value MutualInformation#MIN_ROWS_PER_CONFIGURATION} sample rows on average is not a candidate.
 * Candidates are the {@code candidateLimit} placed nodes with the highest pairwise MI with X. Every parent-set size
 * from 1 to k competes on that score, so a node takes fewer parents than k when a larger set does not pay for its
 * configurations (a high-cardinality parent alone, a small table): all single candidates and pairs are scored, and
 * each larger size extends the best set of the size below by one candidate (stepwise, so k = 3 or 4 costs a few
 * more scores per node rather than all C(12, k) subsets).
 *
 * <p>With DP each step picks a (node, parents) pair by the exponential mechanism with
 * probability proportional to {@code exp(eps_step * I / (2 Δ))}, where eps_step =
 * epsilon1/(d-1) and Δ is the sensitivity of mutual information on n rows (PrivBayes Lemma 4.1,
 * general case): {@code Δ = (2/n) ln((n+1)/2) + ((n-1)/n) ln((n+1)/(n-1))}. Under DP the first
 * node and the candidate subsets are chosen by the random source alone, never by the data. Fits pass a
 * {@link java.security.SecureRandom} ({@link #dp(double, java.util.Random)}): a mechanism whose coins can be
 * replayed from a stored seed is not private. The seeded form is for tests.
 */
public final class GreedyBayes {
  private final int[] cards;
  private int maxParents = 2;
  private int[] roots = new int[0];
  private int[] determinant;
  private long maxCptCells = 2_000_000L;
  private int candidateLimit = 12;
  private boolean dp;
  private double epsilon;
  private long seed;
  private java.util.Random secure;

  public GreedyBayes(int[] cardinalities) {
    this.cards = cardinalities.clone();
  }

  public GreedyBayes maxParents(int k) {
    if (k < 0) {
      throw new IllegalArgumentException("maxParents must be >= 0");
    }
    this.maxParents = k;
    return this;
  }

  public GreedyBayes roots(int[] forcedRoots) {
    for (int r : forcedRoots) {
      if (r < 0 || r >= cards.length) {
        throw new IllegalArgumentException("root " + r + " is not a node");
      }
    }
    this.roots = forcedRoots.clone();
    return this;
  }

  /**
   * Nodes that are functions of another node: {@code sourceOf[x]} is x's determinant, or -1. Such a node is not
   * searched: it joins right after its determinant with that node as its only parent (and is a parent candidate for
   * the nodes placed later). The determinants must form a forest (no cycles); roots are never determined.
   */
  public GreedyBayes determined(int[] sourceOf) {
    if (sourceOf.length != cards.length) {
      throw new IllegalArgumentException("determinants: " + sourceOf.length + " entries for " + cards.length
          + " nodes");
    }
    for (int x = 0; x < sourceOf.length; x++) {
      int steps = 0;
      for (int s = sourceOf[x]; s >= 0; s = sourceOf[s]) {
        if (s >= cards.length || s == x || ++steps > cards.length) {
          throw new IllegalArgumentException("determinants of node " + x + " are not a forest");
        }
      }
    }
    this.determinant = sourceOf.clone();
    return this;
  }

  public GreedyBayes maxCptCells(long cells) {
    if (cells < 1) {
      throw new IllegalArgumentException("maxCptCells must be >= 1");
    }
    this.maxCptCells = cells;
    return this;
  }

  public GreedyBayes candidateLimit(int m) {
    if (m < 1) {
      throw new IllegalArgumentException("candidateLimit must be >= 1");
    }
    this.candidateLimit = m;
    return this;
  }

  public GreedyBayes dp(double epsilonStructure, long rngSeed) {
    if (!(epsilonStructure > 0)) {
      throw new IllegalArgumentException("epsilon must be > 0");
    }
    this.dp = true;
    this.epsilon = epsilonStructure;
    this.seed = rngSeed;
    return this;
  }

  /** DP with the mechanism's coins drawn from {@code random} (a SecureRandom in fits), not from a seed. */
  public GreedyBayes dp(double epsilonStructure, java.util.Random random) {
    dp(epsilonStructure, 0L);
    this.secure = java.util.Objects.requireNonNull(random, "random");
    return this;
  }

  /**
   * Largest k in 0..4 with at least 5 sample rows per family cell at the median cardinality: the parent count every
   * node takes under DP (where the Laplace noise per cell grows with the cells). Without DP a fit allows one parent
   * more ({@link #maxParentsWithSelection}).
   */
  public static int chooseMaxParents(long rows, int[] cardinalities) {
    if (cardinalities.length < 2) {
      return 0;
    }
    int[] sorted = cardinalities.clone();
    Arrays.sort(sorted);
    double median = Math.max(2, sorted[sorted.length / 2]);
    int k = 0;
    while (k < 4 && k + 1 < cardinalities.length && rows / Math.pow(median, k + 2) >= 5) {
      k++;
    }
    return k;
  }

  /**
   * Without DP: the largest k in 1..4 with at least 5 sample rows per parent configuration (not per family cell) at
   * the median cardinality, one more than {@link #chooseMaxParents}. The search then picks each node's parent count
   * from 1 to k by the held-out score, and sparse configurations fall back to the child's
   * marginal through the CPT smoothing, so the cap only bounds the search, it does not force k parents.
   */
  public static int maxParentsWithSelection(long rows, int[] cardinalities) {
    if (cardinalities.length < 2) {
      return 0;
    }
    return Math.min(Math.min(4, cardinalities.length - 1), chooseMaxParents(rows, cardinalities) + 1);
  }

  public NetworkStructure search(int[][] codesByNode) {
    int d = cards.length;
    int n = d == 0 ? 0 : codesByNode[0].length;
    Coins rng = secure != null ? new Coins(null, secure)
        : new Coins(RowRandom.of(seed, RowRandom.hash("greedy-bayes"), 0), null);
    double[][] pair = dp ? null : MutualInformation.pairwise(codesByNode, cards);
    List<Integer> order = new ArrayList<>();
    int[][] parents = new int[d][];
    boolean[] placed = new boolean[d];
    // under DP the structure comes from the mechanism alone: no data-chosen functions
    int[] sourceOf = determinant != null && !dp ? determinant.clone() : new int[d];
    if (determinant == null || dp) {
      Arrays.fill(sourceOf, -1);
    }
    for (int r : roots) {
      sourceOf[r] = -1;
    }
    for (int r : roots) {
      if (!placed[r]) {
        placed[r] = true;
        parents[r] = new int[0];
        order.add(r);
      }
    }
    placeDetermined(sourceOf, placed, parents, order);
    if (order.isEmpty() && d > 0) {
      int first = dp ? rng.nextInt(d) : argmaxRowSum(pair, sourceOf);
      placed[first] = true;
      parents[first] = new int[0];
      order.add(first);
      placeDetermined(sourceOf, placed, parents, order);
    }
    Map<String, Double> cache = new HashMap<>();
    double sensitivity = sensitivity(n);
    double stepEpsilon = d > 1 ? epsilon / (d - 1) : epsilon;
    while (order.size() < d) {
      List<int[]> options = new ArrayList<>(); // [x, parents...]
      List<Double> scores = new ArrayList<>();
      for (int x = 0; x < d; x++) {
        if (placed[x] || sourceOf[x] >= 0) {
          continue;
        }
        List<Integer> candidates = candidates(x, order, pair, rng);
        int size = Math.min(maxParents, candidates.size());
        if (dp) {
          // raw MI always grows with the set: the largest feasible size only, as PrivBayes
          for (int s = size; s >= 0; s--) {
            if (addOptions(x, subsets(candidates, s), codesByNode, cache, options, scores) != null) {
              break;
            }
          }
        } else {
          // every size from 1 to k competes on the held-out score, so each node takes as many parents as its data
          // supports: all single parents and pairs, then each larger size extends the best set one size down
          int[] best = null;
          for (int s = 1; s <= size; s++) {
            List<int[]> sets = s <= 2 ? subsets(candidates, s) : extensions(best, candidates);
            int[] bestOfSize = addOptions(x, sets, codesByNode, cache, options, scores);
            if (bestOfSize == null) {
              break;
            }
            best = bestOfSize;
          }
          if (best == null) {
            addOptions(x, subsets(candidates, 0), codesByNode, cache, options, scores);
          }
        }
      }
      int chosen = dp ? exponential(scores, stepEpsilon, sensitivity, rng) : argmax(scores);
      int[] option = options.get(chosen);
      int x = option[0];
      parents[x] = Arrays.copyOfRange(option, 1, option.length);
      placed[x] = true;
      order.add(x);
      placeDetermined(sourceOf, placed, parents, order);
    }
    return new NetworkStructure(order.stream().mapToInt(Integer::intValue).toArray(), parents);
  }

  /**
   * Scores the feasible parent sets of x (CPT cells within the limit, score finite) into options and scores; returns
   * the best of them, or null when none is feasible.
   */
  private int[] addOptions(int x, List<int[]> sets, int[][] codes, Map<String, Double> cache, List<int[]> options,
      List<Double> scores) {
    int[] best = null;
    double bestScore = Double.NEGATIVE_INFINITY;
    for (int[] subset : sets) {
      if (cells(x, subset) > maxCptCells) {
        continue;
      }
      double score = score(x, subset, codes, cache);
      if (score == Double.NEGATIVE_INFINITY) {
        continue; // nearly unique parent configurations: a table over them would memorise rows
      }
      int[] option = new int[subset.length + 1];
      option[0] = x;
      System.arraycopy(subset, 0, option, 1, subset.length);
      options.add(option);
      scores.add(score);
      if (best == null || score > bestScore) {
        best = subset;
        bestScore = score;
      }
    }
    return best;
  }

  /** The sets one larger than {@code base}: base plus each candidate not in it. */
  static List<int[]> extensions(int[] base, List<Integer> candidates) {
    List<int[]> out = new ArrayList<>();
    for (int c : candidates) {
      if (java.util.stream.IntStream.of(base).noneMatch(b -> b == c)) {
        int[] set = Arrays.copyOf(base, base.length + 1);
        set[base.length] = c;
        out.add(set);
      }
    }
    return out;
  }

  /** Places every determined node whose determinant is placed (repeatedly: chains of functions). */
  private static void placeDetermined(int[] sourceOf, boolean[] placed, int[][] parents, List<Integer> order) {
    boolean more = true;
    while (more) {
      more = false;
      for (int x = 0; x < sourceOf.length; x++) {
        if (!placed[x] && sourceOf[x] >= 0 && placed[sourceOf[x]]) {
          placed[x] = true;
          parents[x] = new int[] {sourceOf[x]};
          order.add(x);
          more = true;
        }
      }
    }
  }

  private List<Integer> candidates(int x, List<Integer> placedNodes, double[][] pair, Coins rng) {
    List<Integer> c = new ArrayList<>(placedNodes);
    if (c.size() <= candidateLimit) {
      return c;
    }
    if (dp) {
      // data-independent choice of candidates: a seeded shuffle
      for (int i = c.size() - 1; i > 0; i--) {
        int j = rng.nextInt(i + 1);
        Integer t = c.get(i);
        c.set(i, c.get(j));
        c.set(j, t);
      }
    } else {
      c.sort((a, b) -> Double.compare(pair[x][b], pair[x][a]));
    }
    return new ArrayList<>(c.subList(0, candidateLimit));
  }

  private long cells(int x, int[] parentSet) {
    long cells = cards[x];
    for (int p : parentSet) {
      cells *= cards[p];
      if (cells > maxCptCells) {
        return cells;
      }
    }
    return cells;
  }

  private double score(int x, int[] parentSet, int[][] codes, Map<String, Double> cache) {
    String key = x + ":" + Arrays.toString(parentSet);
    Double cached = cache.get(key);
    if (cached != null) {
      return cached;
    }
    int[][] pc = new int[parentSet.length][];
    int[] pcards = new int[parentSet.length];
    for (int i = 0; i < parentSet.length; i++) {
      pc[i] = codes[parentSet[i]];
      pcards[i] = cards[parentSet[i]];
    }
    double score = dp ? MutualInformation.of(codes[x], cards[x], pc, pcards)
        : MutualInformation.heldOut(codes[x], cards[x], pc, pcards);
    cache.put(key, score);
    return score;
  }

  static double sensitivity(int n) {
    if (n <= 1) {
      return 1.0;
    }
    return 2.0 / n * Math.log((n + 1) / 2.0) + (n - 1.0) / n * Math.log((n + 1.0) / (n - 1.0));
  }

  /** Uniform draws from the seeded generator (tests) or the secure one (fits). */
  record Coins(RowRandom seeded, java.util.Random secure) {
    double nextDouble() {
      return secure != null ? secure.nextDouble() : seeded.nextDouble();
    }

    int nextInt(int bound) {
      return secure != null ? secure.nextInt(bound) : seeded.nextInt(bound);
    }
  }

  static int exponential(List<Double> scores, double eps, double sensitivity, Coins rng) {
    double max = Double.NEGATIVE_INFINITY;
    for (double s : scores) {
      max = Math.max(max, s);
    }
    double[] w = new double[scores.size()];
    double total = 0;
    for (int i = 0; i < w.length; i++) {
      w[i] = Math.exp(eps * (scores.get(i) - max) / (2 * sensitivity));
      total += w[i];
    }
    double u = rng.nextDouble() * total;
    for (int i = 0; i < w.length; i++) {
      u -= w[i];
      if (u < 0) {
        return i;
      }
    }
    return w.length - 1;
  }

  private static int argmax(List<Double> scores) {
    int best = 0;
    for (int i = 1; i < scores.size(); i++) {
      if (scores.get(i) > scores.get(best)) {
        best = i;
      }
    }
    return best;
  }

  private static int argmaxRowSum(double[][] m, int[] sourceOf) {
    int best = 0;
    double bestSum = -1;
    for (int i = 0; i < m.length; i++) {
      if (sourceOf[i] >= 0) {
        continue;
      }
      double s = 0;
      for (double v : m[i]) {
        s += v;
      }
      if (s > bestSum) {
        bestSum = s;
        best = i;
      }
    }
    return best;
  }

  /** All subsets of the given size, as sorted-by-position arrays. */
  static List<int[]> subsets(List<Integer> items, int size) {
    List<int[]> out = new ArrayList<>();
    collect(items, size, 0, new int[size], 0, out);
    return out;
  }

  private static void collect(List<Integer> items, int size, int start, int[] cur, int depth, List<int[]> out) {
    if (depth == size) {
      out.add(cur.clone());
      return;
    }
    for (int i = start; i <= items.size() - (size - depth); i++) {
      cur[depth] = items.get(i);
      collect(items, size, i + 1, cur, depth + 1, out);
    }
  }
}
