package io.lakesynth.model.text;

import io.lakesynth.model.bn.AliasTable;
import io.lakesynth.util.RowRandom;
import java.util.Arrays;
import java.util.List;

/**
 * A string model compiled for sampling: contexts as a sorted array of 64-bit hashes, each with its
 * next code points (END first when present), two alias tables over their weights (with and without
 * END) and its escape probability (the share of its total weight on continuations that were not kept);
 * target lengths from an alias table per group. Group 0 is the whole column, group g > 0 the
 * rows of the g-th kept parent value; a group's context hash is the column's mixed with g. Primitive
 * arrays only, built once per JVM.
 *
 * <p>Generation: draw a target length T (from the group's lengths); then up to {@link #NATURAL_TRIES}
 * free draws (END with its own weight; at each step the longest known context, the group's before the
 * column's at each order, passed over for a shorter one with its escape probability), the i-th accepted when it ends within i × (4 + T) / (4 × tries) of T. If none
 * is accepted, a steered draw: END forbidden before T, taken as soon as the longest context allows it
 * after T, from shorter contexts only {@link #SLACK} code points past T. No string exceeds maxLength.
 */
final class CompiledText {
  /** Free draws tried before steering. */
  static final int NATURAL_TRIES = 12;
  /** Code points past the target before END may come from shorter contexts. */
  static final int SLACK = 4;
  private final String[] groupValues;
  private final int order;
  private final int maxLength;
  private final long[] hashes;
  private final int[] start;
  private final int[] count;
  private final boolean[] hasEnd;
  /** Share of a context's weight on transitions that were not kept: the chance to back off. */
  private final double[] escape;
  private final int[] next;
  private final double[] prob;
  private final int[] alias;
  private final double[] probAll;
  private final int[] aliasAll;
  private final int[][] lengths;
  private final double[][] lengthProb;
  private final int[][] lengthAlias;

  /** groups.get(0): the whole column; groups.get(g): parent value groupValues[g - 1] (sorted). */
  CompiledText(TextModelParams p, String[] groupValues, List<Histogram> lengthRows, List<Transitions> groups) {
    this.groupValues = groupValues.clone();
    this.order = p.order();
    this.maxLength = p.maxLength();
    int n = groups.stream().mapToInt(Transitions::size).sum();
    // contexts: runs of equal (group, order, context) in the model's order
    long[] h = new long[n];
    int[] first = new int[n + 1];
    int[] flatNext = new int[n];
    double[] flatWeight = new double[n];
    int contexts = 0;
    int pos = 0;
    for (int g = 0; g < groups.size(); g++) {
      Transitions t = groups.get(g);
      for (int i = 0; i < t.size(); i++, pos++) {
        if (i == 0 || t.order()[i] != t.order()[i - 1] || !t.context()[i].equals(t.context()[i - 1])) {
          first[contexts] = pos;
          h[contexts++] = withGroup(hash(t.order()[i], t.context()[i].codePoints().toArray()), g);
        }
        flatNext[pos] = t.next()[i];
        flatWeight[pos] = t.weight()[i];
      }
    }
    first[contexts] = n;
    // sort contexts by hash; on a (astronomically unlikely) collision the first in model order wins
    Integer[] idx = new Integer[contexts];
    for (int i = 0; i < contexts; i++) {
      idx[i] = i;
    }
    Arrays.sort(idx, (a, b) -> h[a] != h[b] ? Long.compare(h[a], h[b]) : Integer.compare(a, b));
    int kept = 0;
    for (int i = 0; i < contexts; i++) {
      if (i == 0 || h[idx[i]] != h[idx[i - 1]]) {
        idx[kept++] = idx[i];
      }
    }
    hashes = new long[kept];
    start = new int[kept];
    count = new int[kept];
    hasEnd = new boolean[kept];
    escape = new double[kept];
    next = new int[n];
    prob = new double[n];
    alias = new int[n];
    probAll = new double[n];
    aliasAll = new int[n];
    double[] w = new double[n];
    pos = 0;
    for (int j = 0; j < kept; j++) {
      int ci = idx[j];
      hashes[j] = h[ci];
      start[j] = pos;
      // ANY (-2) and END (-1) sort first: entries [start, start + hasEnd + count), non-END from start + hasEnd
      double total = 0;
      double keptWeight = 0;
      for (int i = first[ci]; i < first[ci + 1]; i++) {
        if (flatNext[i] == StringFeatures.ANY) {
          total = flatWeight[i];
          continue;
        }
        hasEnd[j] |= flatNext[i] == StringFeatures.END;
        next[pos] = flatNext[i];
        keptWeight += flatWeight[i];
        w[pos++] = flatWeight[i];
      }
      escape[j] = total > keptWeight ? (total - keptWeight) / total : 0;
      int e = hasEnd[j] ? 1 : 0;
      count[j] = pos - start[j] - e;
      if (count[j] + e > 0) {
        AliasTable.build(w, start[j], count[j] + e, probAll, aliasAll, start[j]);
      }
      if (count[j] > 0) {
        AliasTable.build(w, start[j] + e, count[j], prob, alias, start[j] + e);
      }
    }
    int groupCount = lengthRows.size();
    lengths = new int[groupCount][];
    lengthProb = new double[groupCount][];
    lengthAlias = new int[groupCount][];
    for (int g = 0; g < groupCount; g++) {
      Histogram l = lengthRows.get(g);
      lengths[g] = l.values().clone();
      lengthProb[g] = new double[lengths[g].length];
      lengthAlias[g] = new int[lengths[g].length];
      if (lengths[g].length > 0) {
        AliasTable.build(Arrays.stream(l.counts()).asDoubleStream().toArray(), 0, lengths[g].length, lengthProb[g],
            lengthAlias[g], 0);
      }
    }
  }

  /** Hash of a context: its order, its length and its code points (distinguishes begin-padded contexts). */
  static long hash(int order, int[] cps) {
    return hash(order, cps, 0, cps.length);
  }

  static long hash(int order, int[] buf, int from, int to) {
    long h = RowRandom.mix(order, to - from);
    for (int i = from; i < to; i++) {
      h = RowRandom.mix(h, buf[i]);
    }
    return h;
  }

  private static long withGroup(long h, int group) {
    return group == 0 ? h : RowRandom.mix(h, group);
  }

  /** 0 for null or an unknown parent value, g for groupValues[g - 1]. */
  int group(String parentValue) {
    int i = parentValue == null ? -1 : Arrays.binarySearch(groupValues, parentValue);
    return i < 0 ? 0 : i + 1;
  }

  boolean canGenerate() {
    return lengths[0].length > 0 && Arrays.stream(count).anyMatch(x -> x > 0);
  }

  /** A string of group g (0: the whole column; a group without lengths draws the column's). */
  String sample(RowRandom rng, int group) {
    int g = lengths[group].length > 0 ? group : 0;
    int target = lengths[g][AliasTable.sample(lengthProb[g], lengthAlias[g], 0, lengths[g].length,
        rng.nextDouble())];
    int[] buf = new int[Math.min(maxLength, 2 * target + 16)]; // natural() stops past target + tol
    for (int t = 0; t < NATURAL_TRIES; t++) {
      int tol = t * (4 + target) / (4 * NATURAL_TRIES);
      int len = natural(rng, buf, target, tol, g);
      if (len >= 0) {
        return new String(buf, 0, len);
      }
    }
    return steered(rng, target, g);
  }

  /** A free draw; its length, or -1 when it ends more than tol code points away from target. */
  private int natural(RowRandom rng, int[] buf, int target, int tol, int g) {
    int len = 0;
    while (len < maxLength) {
      if (len > target + tol) {
        return -1;
      }
      int c = find(buf, len, g, order, 1, false, rng);
      if (c < 0) {
        break;
      }
      int e = hasEnd[c] ? 1 : 0;
      int x = next[start[c] + AliasTable.sample(probAll, aliasAll, start[c], count[c] + e, rng.nextDouble())];
      if (x == StringFeatures.END) {
        break;
      }
      buf[len++] = x;
    }
    return Math.abs(len - target) <= tol ? len : -1;
  }

  private String steered(RowRandom rng, int target, int g) {
    int[] buf = new int[maxLength];
    int len = 0;
    while (len < maxLength) {
      if (len >= target && endAllowed(buf, len, g, Math.max(1, order - Math.max(0, len - target - SLACK)))) {
        break;
      }
      int c = find(buf, len, g, order, 1, true, rng);
      if (c < 0) {
        break;
      }
      int e = hasEnd[c] ? 1 : 0;
      buf[len++] = next[start[c] + e + AliasTable.sample(prob, alias, start[c] + e, count[c], rng.nextDouble())];
    }
    return new String(buf, 0, len);
  }

  /** Whether a known context of order ≥ minOrder after len code points is followed by END. */
  private boolean endAllowed(int[] buf, int len, int g, int minOrder) {
    for (int m = order; m >= minOrder; m--) {
      int c = find(buf, len, g, m, m, false, null);
      if (c >= 0 && hasEnd[c]) {
        return true;
      }
    }
    return false;
  }

  /**
   * The longest known context after len code points with order in [minOrder, maxOrder] (the group's
   * before the column's at each order), with a non-END continuation when nonEnd; -1 if none. With rng,
   * a context is passed over for a shorter one with its {@link #escape} probability (Katz-style
   * back-off: the mass of its rare continuations goes to the shorter context).
   */
  private int find(int[] buf, int len, int g, int maxOrder, int minOrder, boolean nonEnd, RowRandom rng) {
    int fallback = -1;
    for (int m = maxOrder; m >= minOrder; m--) {
      long h;
      if (len >= m - 1) {
        h = hash(m, buf, len - m + 1, len);
      } else if (m == order) {
        h = hash(m, buf, 0, len); // begin-padded
      } else {
        continue;
      }
      int c = g > 0 ? usable(Arrays.binarySearch(hashes, RowRandom.mix(h, g)), nonEnd) : -1;
      if (c < 0) {
        c = usable(Arrays.binarySearch(hashes, h), nonEnd);
      }
      if (c >= 0) {
        if (rng == null || escape[c] == 0 || rng.nextDouble() >= escape[c]) {
          return c;
        }
        fallback = c; // the shortest known context, when every one passes

      }
    }
    return fallback;
  }

  private int usable(int c, boolean nonEnd) {
    return c >= 0 && (count[c] > 0 || (!nonEnd && hasEnd[c])) ? c : -1;
  }
}
