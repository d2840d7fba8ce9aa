package io.lakesynth.generate;

import io.lakesynth.model.CountModel;
import io.lakesynth.util.RowRandom;
import java.io.Serializable;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;

/**
 * Rows of a child table generated down a chain of primary links, broadcast once: for each root row id (a
 * {@code spark.range} value) the root row, then per generated parent row a child count and the children, level by
 * level, emitting the rows of the last level. Every value is a pure function of (seed, position in the tree):
 * level-c row j of the parent at position p has position {@code p << bits[c] | j}, randomness from
 * (seed, mix(table, p), j), its count draw from (seed, mix(link, p)). So the children of any subset of root rows are
 * the same whether generated alone or in a full run, on any partitioning. The foreign key of a row is the primary
 * key its parent row was generated with, so it always joins; secondary keys are drawn among the referenced root
 * table's synthetic keys ({@link Secondary}).
 */
final class ChainSampler implements Serializable {
  private static final long serialVersionUID = 1L;

  /** A secondary link compiled on the driver: keys of the referenced table grouped by the child's state code. */
  static final class Secondary implements Serializable {
    private static final long serialVersionUID = 1L;
    final int outIndex;
    final int childNode;
    final long stream;
    final Object[] keys;
    final double[] cumulativeAll;
    final int[] groupOfCode;
    final int[][] members;
    final double[][] cumulative;

    Secondary(int outIndex, int childNode, long stream, Object[] keys, double[] weights, int[] childCodeOfKey,
        int childCards) {
      this.outIndex = outIndex;
      this.childNode = childNode;
      this.stream = stream;
      this.keys = keys;
      this.cumulativeAll = cumulative(weights, null);
      this.groupOfCode = new int[Math.max(childCards, 0)];
      java.util.Arrays.fill(groupOfCode, -1);
      java.util.List<java.util.List<Integer>> groups = new java.util.ArrayList<>();
      for (int i = 0; i < keys.length; i++) {
        int c = childCodeOfKey == null ? -1 : childCodeOfKey[i];
        if (c < 0 || c >= groupOfCode.length || weights[i] <= 0) {
          continue;
        }
        if (groupOfCode[c] < 0) {
          groupOfCode[c] = groups.size();
          groups.add(new java.util.ArrayList<>());
        }
        groups.get(groupOfCode[c]).add(i);
      }
      members = new int[groups.size()][];
      cumulative = new double[groups.size()][];
      for (int g = 0; g < members.length; g++) {
        members[g] = groups.get(g).stream().mapToInt(Integer::intValue).toArray();
        cumulative[g] = cumulative(weights, members[g]);
      }
    }

    private static double[] cumulative(double[] weights, int[] subset) {
      int n = subset == null ? weights.length : subset.length;
      double[] out = new double[n];
      double s = 0;
      for (int i = 0; i < n; i++) {
        s += weights[subset == null ? i : subset[i]];
        out[i] = s;
      }
      if (s <= 0) { // no weights: uniform
        for (int i = 0; i < n; i++) {
          out[i] = i + 1;
        }
      }
      return out;
    }

    Object pick(int[] codes, RowRandom rng) {
      int code = childNode >= 0 ? codes[childNode] : -1;
      int g = code >= 0 && code < groupOfCode.length ? groupOfCode[code] : -1;
      double[] cum = g >= 0 ? cumulative[g] : cumulativeAll;
      double u = rng.nextDouble() * cum[cum.length - 1];
      int lo = 0;
      int hi = cum.length - 1;
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        if (cum[mid] > u) {
          hi = mid;
        } else {
          lo = mid + 1;
        }
      }
      return keys[g >= 0 ? members[g][lo] : lo];
    }
  }

  private final CompiledSampler[] samplers;
  private final long seed;
  private final long[] tableStream;
  private final long[] linkStream;
  private final int[] pkIndex;
  private final CountModel.Compiled[] counts;
  private final int[] countNode;
  private final double[] ratio;
  private final int[] bits;
  private final int[][] evidenceParentNode;
  private final int[][] evidenceChildNode;
  private final int[][][] codeMap;
  private final int[] outSource;
  private final int primaryOut;
  private final Secondary[] secondary;

  /**
   * @param outSource per output column: the index in the last level's model values, or -1 for a foreign key
   * @param primaryOut output index of the primary foreign key, -1 when every key is picked ({@link Secondary})
   */
  ChainSampler(CompiledSampler[] samplers, long seed, long[] tableStream, long[] linkStream, int[] pkIndex,
      CountModel.Compiled[] counts, int[] countNode, double[] ratio, int[] bits, int[][] evidenceParentNode,
      int[][] evidenceChildNode, int[][][] codeMap, int[] outSource, int primaryOut, Secondary[] secondary) {
    this.samplers = samplers;
    this.seed = seed;
    this.tableStream = tableStream;
    this.linkStream = linkStream;
    this.pkIndex = pkIndex;
    this.counts = counts;
    this.countNode = countNode;
    this.ratio = ratio;
    this.bits = bits;
    this.evidenceParentNode = evidenceParentNode;
    this.evidenceChildNode = evidenceChildNode;
    this.codeMap = codeMap;
    this.outSource = outSource;
    this.primaryOut = primaryOut;
    this.secondary = secondary;
  }

  /** The last level's rows for the root row ids of one partition. */
  Iterator<InternalRow> rows(Iterator<InternalRow> rootIds) {
    int d = samplers.length - 1;
    RowState[] st = new RowState[d + 1];
    int[][] evidence = new int[d + 1][];
    for (int l = 0; l <= d; l++) {
      st[l] = samplers[l].newState();
      if (l > 0) {
        evidence[l] = new int[st[l].codes.length];
      }
    }
    RowRandom aux = RowRandom.of(0, 0, 0);
    return new Iterator<>() {
      final Object[][] values = new Object[d + 1][];
      final long[] pos = new long[d + 1];
      final long[] total = new long[d + 1];
      final long[] next = new long[d + 1];
      int depth = -1;
      InternalRow pending;

      @Override
      public boolean hasNext() {
        if (pending == null) {
          pending = advance();
        }
        return pending != null;
      }

      @Override
      public InternalRow next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        InternalRow r = pending;
        pending = null;
        return r;
      }

      private InternalRow advance() {
        while (true) {
          if (depth < 0) {
            if (!rootIds.hasNext()) {
              return null;
            }
            long id = rootIds.next().getLong(0);
            pos[0] = id;
            values[0] = samplers[0].internalValues(st[0], tableStream[0], id, id, null);
            if (d == 0) { // a table whose every key picks its parent: one row per id
              return output(null, values[0], st[0]);
            }
            startChildren(0);
            depth = 0;
            continue;
          }
          int c = depth + 1;
          if (next[c] >= total[c]) {
            depth--;
            continue;
          }
          long j = next[c]++;
          pos[c] = (pos[depth] << bits[c]) | j;
          int[] ev = evidence[c];
          java.util.Arrays.fill(ev, -1);
          for (int a = 0; a < evidenceChildNode[c].length; a++) {
            int parentCode = st[depth].codes[evidenceParentNode[c][a]];
            ev[evidenceChildNode[c][a]] = codeMap[c][a][parentCode];
          }
          values[c] = samplers[c].internalValues(st[c], RowRandom.mix(tableStream[c], pos[depth]), j, pos[c], ev);
          if (c == d) {
            return output(values[depth][pkIndex[depth]], values[c], st[c]);
          }
          startChildren(c);
          depth = c;
        }
      }

      private void startChildren(int level) {
        int c = level + 1;
        int code = countNode[c] >= 0 ? st[level].codes[countNode[c]] : -1;
        aux.reset(seed, RowRandom.mix(linkStream[c], pos[level]), 0);
        total[c] = Math.min(counts[c].draw(code, aux, ratio[c]), (1L << bits[c]) - 1);
        next[c] = 0;
      }

      private InternalRow output(Object parentKey, Object[] row, RowState last) {
        Object[] out = new Object[outSource.length];
        for (int i = 0; i < out.length; i++) {
          out[i] = outSource[i] >= 0 ? row[outSource[i]] : null;
        }
        if (primaryOut >= 0) {
          out[primaryOut] = parentKey;
        }
        for (Secondary s : secondary) {
          aux.reset(seed, RowRandom.mix(s.stream, last.uniqueKey), 0);
          out[s.outIndex] = s.pick(last.codes, aux);
        }
        return new GenericInternalRow(out);
      }
    };
  }
}
