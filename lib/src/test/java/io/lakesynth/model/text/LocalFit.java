package io.lakesynth.model.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Fits a string model in memory from {@link StringFeatures} (what the Spark fitter does, for small tests). */
final class LocalFit {
  private LocalFit() {}

  static StringModel fit(List<String> values, TextModelParams p) {
    TreeMap<Integer, Long> lengths = new TreeMap<>();
    TreeMap<Integer, Long> words = new TreeMap<>();
    record Key(int order, String context, int next) {}
    Map<Key, long[]> counts = new TreeMap<>((a, b) -> a.order != b.order ? Integer.compare(a.order, b.order)
        : !a.context.equals(b.context) ? a.context.compareTo(b.context) : Integer.compare(a.next, b.next));
    for (String v : values) {
      StringFeatures.emit(v, p.order(), p.maxLength(), (kind, ctx, next, w) -> {
        if (kind == StringFeatures.LENGTH) {
          lengths.merge(next, 1L, Long::sum);
        } else if (kind == StringFeatures.WORDS) {
          words.merge(next, 1L, Long::sum);
        } else {
          long[] c = counts.computeIfAbsent(new Key(kind, ctx, next), k -> new long[2]);
          c[0]++;
          c[1] += w;
        }
      });
    }
    List<Map.Entry<Key, long[]>> kept = new ArrayList<>();
    counts.entrySet().stream().filter(e -> e.getValue()[0] >= p.rareThreshold()).forEach(kept::add);
    int n = kept.size();
    Transitions t = new Transitions(new int[n], new String[n], new int[n], new long[n], new long[n]);
    for (int i = 0; i < n; i++) {
      Key k = kept.get(i).getKey();
      t.order()[i] = k.order;
      t.context()[i] = k.context;
      t.next()[i] = k.next;
      t.rows()[i] = kept.get(i).getValue()[0];
      t.weight()[i] = kept.get(i).getValue()[1];
    }
    return new StringModel(p, new TextCounts(values.size(), Histogram.protect(lengths, p.rareThreshold()),
        Histogram.protect(words, p.rareThreshold()), t));
  }
}
