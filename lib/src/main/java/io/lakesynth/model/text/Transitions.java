package io.lakesynth.model.text;

import java.io.Serializable;
import java.util.Arrays;

/**
 * The kept transitions of one column, sorted by (order, context, next): transition i says that
 * {@code context[i]} (order[i] - 1 code points, or fewer at the highest order for a begin-padded
 * context) is followed by code point {@code next[i]} ({@link StringFeatures#END} ends the string) in
 * {@code rows[i]} rows, {@code weight[i]} times counting at most {@link StringFeatures#MAX_ROW_WEIGHT}
 * per row. {@code next[i] == }{@link StringFeatures#ANY} is the context's total over every transition,
 * kept or not (sorted first).
 */
public record Transitions(int[] order, String[] context, int[] next, long[] rows, long[] weight)
    implements Serializable {
  public Transitions {
    int n = order.length;
    if (context.length != n || next.length != n || rows.length != n || weight.length != n) {
      throw new IllegalArgumentException("transition arrays must have the same length");
    }
  }

  public static Transitions empty() {
    return new Transitions(new int[0], new String[0], new int[0], new long[0], new long[0]);
  }

  public int size() {
    return order.length;
  }

  /** Compares transition i with (o, c, x) in the model's order. */
  int compareAt(int i, int o, String c, int x) {
    int d = Integer.compare(order[i], o);
    if (d == 0) {
      d = c == null ? 0 : context[i].compareTo(c);
    }
    return d != 0 ? d : Integer.compare(next[i], x);
  }

  /** Invariants against the model's parameters; throws IllegalArgumentException naming the first violation. */
  void check(TextModelParams p) {
    if (size() > p.maxTransitions()) {
      throw new IllegalArgumentException(size() + " transitions exceed maxTransitions " + p.maxTransitions());
    }
    for (int i = 0; i < size(); i++) {
      int len = context[i].codePointCount(0, context[i].length());
      boolean ok = order[i] >= 1 && order[i] <= p.order()
          && (len == order[i] - 1 || (order[i] == p.order() && len < order[i] - 1))
          && (next[i] == StringFeatures.END || next[i] == StringFeatures.ANY
              || (Character.isValidCodePoint(next[i]) && Character.getType(next[i]) != Character.SURROGATE))
          && rows[i] >= p.rareThreshold() && weight[i] >= rows[i];
      if (!ok) {
        throw new IllegalArgumentException("transition " + i + " (order " + order[i] + ", context '" + context[i]
            + "', next " + next[i] + ", rows " + rows[i] + ") breaks the model's invariants");
      }
      if (i > 0 && compareAt(i - 1, order[i], context[i], next[i]) >= 0) {
        throw new IllegalArgumentException("transitions are not sorted at " + i);
      }
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Transitions t && Arrays.equals(order, t.order) && Arrays.equals(context, t.context)
        && Arrays.equals(next, t.next) && Arrays.equals(rows, t.rows) && Arrays.equals(weight, t.weight);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(next) * 31 + Arrays.hashCode(rows);
  }

  @Override
  public String toString() {
    return "Transitions[" + size() + "]";
  }
}
