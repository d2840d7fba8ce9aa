package io.lakesynth.model.text;

import io.lakesynth.model.bn.AliasTable;
import io.lakesynth.util.RowRandom;
import java.util.Arrays;

/**
 * A string model compiled for sampling: contexts as a sorted array of 64-bit hashes, each with its
 * non-END next code points and an alias table over their weights, and a flag saying whether END
 * follows it; target lengths from an alias table. Primitive arrays only, built once per JVM.
 *
 * <p>Generation: draw a target length T; before T, each code point comes from the longest known
 * context that has a non-END continuation (back-off); from T on, the string ends as soon as the longest
 * context allows END, and each further code point relaxes that by one order, so strings end at a
 * natural place close to T. No string exceeds maxLength.
 */
final class CompiledText {
  /** Free draws tried before steering; the i-th accepts a length within i × (4 + T) / (4 × tries) of T. */
  static final int NATURAL_TRIES = 12;
  /** Code points past the target before END may come from shorter contexts. */
  static final int SLACK = 4;
  private final int order;
  private final int maxLength;
  private final long[] hashes;
  private final int[] start;
  private final int[] count;
  private final boolean[] hasEnd;
  private final int[] next;
  private final double[] prob;
  private final int[] alias;
  private final double[] probAll;
  private final int[] aliasAll;
  private final int[] lengths;
  private final double[] lengthProb;
  private final int[] lengthAlias;

  CompiledText(TextModelParams p, Histogram lengthRows, Transitions t) {
    this.order = p.order();
    this.maxLength = p.maxLength();
    // group transitions (sorted by order, context, next) into contexts
    int n = t.size();
    int contexts = 0;
    for (int i = 0; i < n; i++) {
      if (i == 0 || t.order()[i] != t.order()[i - 1] || !t.context()[i].equals(t.context()[i - 1])) {
        contexts++;
      }
    }
    long[] h = new long[contexts];
    int[] first = new int[contexts + 1];
    int c = -1;
    for (int i = 0; i < n; i++) {
      if (i == 0 || t.order()[i] != t.order()[i - 1] || !t.context()[i].equals(t.context()[i - 1])) {
        c++;
        first[c] = i;
        h[c] = hash(t.order()[i], t.context()[i].codePoints().toArray());
      }
    }
    first[contexts] = n;
    // sort contexts by hash; on a (astronomically unlikely) collision the first in model order wins
    Integer[] idx = new Integer[contexts];
    for (int i = 0; i < contexts; i++) {
      idx[i] = i;
    }
    Arrays.sort(idx, (a, b) -> a.equals(b) ? 0 : h[a] != h[b] ? Long.compare(h[a], h[b]) : Integer.compare(a, b));
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
    next = new int[n];
    prob = new double[n];
    alias = new int[n];
    probAll = new double[n];
    aliasAll = new int[n];
    double[] w = new double[n];
    int pos = 0;
    for (int j = 0; j < kept; j++) {
      int ci = idx[j];
      hashes[j] = h[ci];
      start[j] = pos;
      // END (-1) sorts first: entries [start, start + hasEnd + count), non-END ones from start + hasEnd
      for (int i = first[ci]; i < first[ci + 1]; i++) {
        hasEnd[j] |= t.next()[i] == StringFeatures.END;
        next[pos] = t.next()[i];
        w[pos++] = t.weight()[i];
      }
      int e = hasEnd[j] ? 1 : 0;
      count[j] = pos - start[j] - e;
      AliasTable.build(w, start[j], count[j] + e, probAll, aliasAll, start[j]);
      if (count[j] > 0) {
        AliasTable.build(w, start[j] + e, count[j], prob, alias, start[j] + e);
      }
    }
    lengths = lengthRows.values().clone();
    lengthProb = new double[lengths.length];
    lengthAlias = new int[lengths.length];
    double[] lw = Arrays.stream(lengthRows.counts()).asDoubleStream().toArray();
    if (lengths.length > 0) {
      AliasTable.build(lw, 0, lw.length, lengthProb, lengthAlias, 0);
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

  boolean canGenerate() {
    return lengths.length > 0 && Arrays.stream(count).anyMatch(x -> x > 0);
  }

  String sample(RowRandom rng) {
    int target = lengths[AliasTable.sample(lengthProb, lengthAlias, 0, lengths.length, rng.nextDouble())];
    int[] buf = new int[Math.min(maxLength, 2 * target + 16)]; // natural() stops past target + tol
    for (int t = 0; t < NATURAL_TRIES; t++) {
      int tol = t * (4 + target) / (4 * NATURAL_TRIES);
      int len = natural(rng, buf, target, tol);
      if (len >= 0) {
        return new String(buf, 0, len);
      }
    }
    return steered(rng, target);
  }

  /**
   * Draws from the model as it is (END with its own weight, back-off to the longest known context);
   * the length, or -1 when it ends more than tol code points away from target.
   */
  private int natural(RowRandom rng, int[] buf, int target, int tol) {
    int len = 0;
    while (len < maxLength) {
      if (len > target + tol) {
        return -1;
      }
      int c = known(buf, len);
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

  /** Steers END: forbidden before target, taken as soon as the longest context allows it after. */
  private String steered(RowRandom rng, int target) {
    int[] buf = new int[maxLength];
    int len = 0;
    while (len < maxLength) {
      if (len >= target && endAllowed(buf, len, Math.max(1, order - Math.max(0, len - target - SLACK)))) {
        break;
      }
      int c = continuation(buf, len);
      if (c < 0) {
        break;
      }
      int e = hasEnd[c] ? 1 : 0;
      buf[len++] = next[start[c] + e + AliasTable.sample(prob, alias, start[c] + e, count[c], rng.nextDouble())];
    }
    return new String(buf, 0, len);
  }

  private int known(int[] buf, int len) {
    for (int m = order; m >= 1; m--) {
      int c = context(buf, len, m);
      if (c >= 0) {
        return c;
      }
    }
    return -1;
  }

  /** The context index of order m after len code points, or -1 when unknown or not kept at that order. */
  private int context(int[] buf, int len, int m) {
    long h;
    if (len >= m - 1) {
      h = hash(m, buf, len - m + 1, len);
    } else if (m == order) {
      h = hash(m, buf, 0, len); // begin-padded
    } else {
      return -1;
    }
    int i = Arrays.binarySearch(hashes, h);
    return i < 0 ? -1 : i;
  }

  private boolean endAllowed(int[] buf, int len, int minOrder) {
    for (int m = order; m >= minOrder; m--) {
      int c = context(buf, len, m);
      if (c >= 0 && hasEnd[c]) {
        return true;
      }
    }
    return false;
  }

  private int continuation(int[] buf, int len) {
    for (int m = order; m >= 1; m--) {
      int c = context(buf, len, m);
      if (c >= 0 && count[c] > 0) {
        return c;
      }
    }
    return -1;
  }
}
