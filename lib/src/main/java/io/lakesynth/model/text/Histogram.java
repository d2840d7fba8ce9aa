package io.lakesynth.model.text;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Counts of rows per integer value (a length or a word count), values ascending. Built by
 * {@link #protect}, every value is held by at least k rows: the count of a rarer value is added to the
 * nearest kept value, so the rare value itself never reaches the model.
 */
public record Histogram(int[] values, long[] counts) implements Serializable {
  public Histogram {
    if (values == null || counts == null || values.length != counts.length) {
      throw new IllegalArgumentException("histogram values and counts must have the same length");
    }
    for (int i = 0; i < values.length; i++) {
      if (counts[i] <= 0 || (i > 0 && values[i] <= values[i - 1])) {
        throw new IllegalArgumentException("histogram must have ascending values and positive counts, at " + i);
      }
    }
  }

  public static Histogram empty() {
    return new Histogram(new int[0], new long[0]);
  }

  /** Keeps the values held by at least k rows; each rarer value's rows go to its nearest kept value (ties: smaller). */
  public static Histogram protect(SortedMap<Integer, Long> rows, int k) {
    TreeMap<Integer, Long> kept = new TreeMap<>();
    rows.forEach((v, n) -> {
      if (n >= k) {
        kept.put(v, n);
      }
    });
    if (kept.isEmpty()) {
      return empty();
    }
    for (Map.Entry<Integer, Long> e : rows.entrySet()) {
      if (e.getValue() < k) {
        Integer lo = kept.floorKey(e.getKey());
        Integer hi = kept.ceilingKey(e.getKey());
        int to = lo == null ? hi : hi == null ? lo : (e.getKey() - lo <= hi - e.getKey() ? lo : hi);
        kept.merge(to, e.getValue(), Long::sum);
      }
    }
    int[] v = new int[kept.size()];
    long[] c = new long[kept.size()];
    int i = 0;
    for (Map.Entry<Integer, Long> e : kept.entrySet()) {
      v[i] = e.getKey();
      c[i++] = e.getValue();
    }
    return new Histogram(v, c);
  }

  @com.fasterxml.jackson.annotation.JsonIgnore
  public boolean isEmpty() {
    return values.length == 0;
  }

  public long total() {
    return Arrays.stream(counts).sum();
  }

  /** Share of rows per value, as a map (for evaluation and tests). */
  public SortedMap<Integer, Double> shares() {
    TreeMap<Integer, Double> m = new TreeMap<>();
    double t = total();
    for (int i = 0; i < values.length; i++) {
      m.put(values[i], counts[i] / t);
    }
    return m;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Histogram h && Arrays.equals(values, h.values) && Arrays.equals(counts, h.counts);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(values) + Arrays.hashCode(counts);
  }

  @Override
  public String toString() {
    return "Histogram" + shares();
  }
}
