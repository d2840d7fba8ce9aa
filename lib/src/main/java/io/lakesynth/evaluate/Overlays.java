package io.lakesynth.evaluate;

import io.lakesynth.evaluate.EvalColumn.Kind;
import io.lakesynth.evaluate.EvaluationReport.Overlay;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Per-column distributions for the report's charts: bins of the real range, top categories, or text lengths. */
final class Overlays {
  static final int BINS = 20;
  static final int CATEGORIES = 20;

  private Overlays() {}

  static List<Overlay> of(List<EvalColumn> cols, Sample r, Sample s) {
    List<Overlay> out = new ArrayList<>();
    for (int j = 0; j < cols.size(); j++) {
      EvalColumn c = cols.get(j);
      if (c.kind() == Kind.CONTINUOUS) {
        out.add(histogram(c.name(), "continuous", r.nonNull(j), s.nonNull(j)));
      } else if (c.kind() == Kind.TEXT) {
        out.add(histogram(c.name(), "text length",
            Shapes.lengths(r.nonNullStrings(j)), Shapes.lengths(s.nonNullStrings(j))));
      } else if (c.kind() == Kind.CATEGORICAL) {
        out.add(categories(c.name(), r.counts(j), s.counts(j), r.size(), s.size()));
      }
    }
    return out;
  }

  private static Overlay histogram(String name, String kind, double[] a, double[] b) {
    double lo = Arrays.stream(a).min().orElse(0);
    double hi = Arrays.stream(a).max().orElse(0);
    double[] ha = new double[BINS];
    double[] hb = new double[BINS];
    for (double v : a) {
      ha[Metrics.equalWidthBin(v, lo, hi, BINS)] += 1.0 / Math.max(1, a.length);
    }
    for (double v : b) {
      hb[Metrics.equalWidthBin(v, lo, hi, BINS)] += 1.0 / Math.max(1, b.length);
    }
    List<String> labels = new ArrayList<>();
    for (int i = 0; i < BINS; i++) {
      labels.add(String.format(Locale.ROOT, "%.4g", lo + (hi - lo) * i / BINS));
    }
    return new Overlay(name, kind, labels, ha, hb);
  }

  private static Overlay categories(String name, Map<String, Long> ca, Map<String, Long> cb, int nr, int ns) {
    List<String> top = ca.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
        .limit(CATEGORIES).map(Map.Entry::getKey).toList();
    double[] ha = new double[top.size() + 1];
    double[] hb = new double[top.size() + 1];
    for (int i = 0; i < top.size(); i++) {
      ha[i] = ca.get(top.get(i)) / (double) Math.max(1, nr);
      hb[i] = cb.getOrDefault(top.get(i), 0L) / (double) Math.max(1, ns);
    }
    ha[top.size()] = Math.max(0, 1 - Arrays.stream(ha).sum());
    hb[top.size()] = Math.max(0, 1 - Arrays.stream(hb).sum());
    List<String> labels = new ArrayList<>(top.stream().map(v -> Sample.NULL.equals(v) ? "(null)" : v).toList());
    labels.add("(other)");
    return new Overlay(name, "categorical", labels, ha, hb);
  }
}
