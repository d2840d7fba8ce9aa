package io.lakesynth.model.text;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.ToIntFunction;

/** Plain-Java measures for comparing real and generated strings (independent of the model's code). */
final class TextMetrics {
  private TextMetrics() {}

  static int length(String s) {
    return s.codePointCount(0, s.length());
  }

  static int words(String s) {
    String t = s.strip();
    return t.isEmpty() ? 0 : t.split("\\s+").length;
  }

  /** 1 - the Kolmogorov-Smirnov statistic between two samples of integers (SDMetrics' KSComplement). */
  static double ksComplement(Collection<String> real, Collection<String> synth, ToIntFunction<String> f) {
    TreeMap<Integer, double[]> cdf = new TreeMap<>();
    real.forEach(s -> cdf.computeIfAbsent(f.applyAsInt(s), k -> new double[2])[0] += 1.0 / real.size());
    synth.forEach(s -> cdf.computeIfAbsent(f.applyAsInt(s), k -> new double[2])[1] += 1.0 / synth.size());
    double a = 0;
    double b = 0;
    double d = 0;
    for (double[] v : cdf.values()) {
      a += v[0];
      b += v[1];
      d = Math.max(d, Math.abs(a - b));
    }
    return 1 - d;
  }

  /** 1 - total variation distance between the category frequencies (SDMetrics' TVComplement). */
  static double tvComplement(Map<String, Double> p, Map<String, Double> q) {
    Set<String> keys = new HashSet<>(p.keySet());
    keys.addAll(q.keySet());
    double tv = 0;
    for (String k : keys) {
      tv += Math.abs(p.getOrDefault(k, 0.0) - q.getOrDefault(k, 0.0));
    }
    return 1 - tv / 2;
  }

  static Map<String, Double> shares(Collection<String> values, ToIntFunction<String> f) {
    Map<String, Double> m = new HashMap<>();
    values.forEach(s -> m.merge(Integer.toString(f.applyAsInt(s)), 1.0 / values.size(), Double::sum));
    return m;
  }

  /** Frequencies of character bigrams, with ^ and $ marking the start and end of each value. */
  static Map<String, Double> bigrams(Collection<String> values) {
    Map<String, Double> m = new HashMap<>();
    long total = 0;
    for (String s : values) {
      int[] cps = s.codePoints().toArray();
      for (int i = 0; i <= cps.length; i++) {
        String a = i == 0 ? "^" : "c" + cps[i - 1];
        String b = i == cps.length ? "$" : "c" + cps[i];
        m.merge(a + "|" + b, 1.0, Double::sum);
        total++;
      }
    }
    double t = total;
    m.replaceAll((k, v) -> v / t);
    return m;
  }

  static double copyRate(List<String> values, Set<String> train) {
    return values.stream().filter(train::contains).count() / (double) values.size();
  }

  static Set<String> distinct(Collection<String> values) {
    return new TreeSet<>(values);
  }
}
