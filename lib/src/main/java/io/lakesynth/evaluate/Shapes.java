package io.lakesynth.evaluate;

import io.lakesynth.evaluate.EvalColumn.Kind;
import io.lakesynth.evaluate.EvaluationReport.ColumnScore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Column Shapes for every source column, from the two samples:
 * <ul>
 *   <li>continuous: KSComplement of the non-null values; categorical: TVComplement with null as a category and
 *       synthetic values absent from the real sample counted as mismatches (as SDMetrics does);</li>
 *   <li>text (role text/pii, or any string role this version does not know): TVComplement when its values repeat
 *       like categories (at most {@link #CATEGORY_LIKE} distinct values per non-null row in the real sample), otherwise
 *       the mean of the KSComplement of value lengths and the character-bigram similarity (1 - TVD of the bigram
 *       frequencies, values bounded by '^' and '$', the first {@link #TEXT_CHARS} characters of each);</li>
 *   <li>identifiers: distinct share of the synthetic sample against the real one, and the share of synthetic values
 *       whose format (digits as 9, letters as A/a, other characters as themselves) occurs among real values; shown,
 *       not counted in Quality;</li>
 *   <li>columns without a comparison (ignored, complex types): no score and the reason.</li>
 * </ul>
 */
final class Shapes {
  static final double CATEGORY_LIKE = 0.5;
  static final int TEXT_CHARS = 200;
  static final int MAX_FORMATS = 10_000;

  private Shapes() {}

  /** Text columns whose real values repeat like categories are compared as categorical (shapes and pair trends). */
  static List<EvalColumn> resolveText(List<EvalColumn> cols, Sample real) {
    List<EvalColumn> out = new ArrayList<>();
    for (int j = 0; j < cols.size(); j++) {
      EvalColumn c = cols.get(j);
      if (c.kind() == Kind.TEXT) {
        String[] v = real.nonNullStrings(j);
        boolean categoryLike = v.length > 0 && new HashSet<>(Arrays.asList(v)).size() <= CATEGORY_LIKE * v.length;
        c = categoryLike ? new EvalColumn(c.name(), c.sparkType(), c.role(), c.roleReason(), Kind.CATEGORICAL,
            "text whose values repeat like categories (TVComplement)", c.ceiling())
            : new EvalColumn(c.name(), c.sparkType(), c.role(), c.roleReason(), Kind.TEXT, c.reason(), null);
      }
      out.add(c);
    }
    return out;
  }

  /**
   * One score per column of {@code all}, in order; {@code sampled} are the columns present in the samples (all but
   * kind NONE), in sample order.
   */
  static List<ColumnScore> score(List<EvalColumn> all, List<EvalColumn> sampled, Sample r, Sample s) {
    Map<String, Integer> index = new HashMap<>();
    for (int j = 0; j < sampled.size(); j++) {
      index.put(sampled.get(j).name(), j);
    }
    List<ColumnScore> out = new ArrayList<>();
    for (EvalColumn c0 : all) {
      Integer j = index.get(c0.name());
      if (j == null) {
        out.add(new ColumnScore(c0.name(), c0.role(), c0.roleReason(), "none", "", Double.NaN, false, c0.reason(),
            null, Double.NaN, Double.NaN, Map.of()));
        continue;
      }
      EvalColumn c = sampled.get(j);
      out.add(score(c, j, r, s));
    }
    return out;
  }

  private static ColumnScore score(EvalColumn c, int j, Sample r, Sample s) {
    Map<String, Double> details = new LinkedHashMap<>();
    String metric;
    double score;
    boolean inQuality = true;
    switch (c.kind()) {
      case CONTINUOUS -> {
        metric = "KSComplement";
        double[] a = r.nonNull(j);
        double[] b = s.nonNull(j);
        score = a.length == 0 && b.length == 0 ? 1.0 : a.length == 0 || b.length == 0 ? 0.0
            : Metrics.ksComplement(a, b);
      }
      case CATEGORICAL -> {
        metric = "TVComplement";
        score = Metrics.tvComplement(r.counts(j), s.counts(j));
      }
      case TEXT -> {
        metric = "TextSimilarity";
        String[] a = r.nonNullStrings(j);
        String[] b = s.nonNullStrings(j);
        double length = a.length == 0 && b.length == 0 ? 1.0 : a.length == 0 || b.length == 0 ? 0.0
            : Metrics.ksComplement(lengths(a), lengths(b));
        double bigrams = a.length == 0 && b.length == 0 ? 1.0 : 1.0 - Metrics.tvd(bigrams(a), bigrams(b));
        details.put("lengthKSComplement", length);
        details.put("bigramSimilarity", bigrams);
        score = (length + bigrams) / 2;
      }
      default -> {
        metric = "IdentifierChecks";
        inQuality = false;
        String[] a = r.nonNullStrings(j);
        String[] b = s.nonNullStrings(j);
        double uniqueReal = distinctShare(a);
        double uniqueSyn = distinctShare(b);
        Set<String> formats = new HashSet<>();
        Set<Integer> lengths = new HashSet<>();
        for (String v : a) {
          if (formats.size() < MAX_FORMATS) {
            formats.add(format(v));
          }
          lengths.add(v.length());
        }
        String prefix = commonPrefix(a);
        double formatMatch = share(b, v -> formats.contains(format(v)));
        details.put("distinctShareReal", uniqueReal);
        details.put("distinctShareSynthetic", uniqueSyn);
        details.put("formatMatch", formatMatch);
        details.put("lengthMatch", share(b, v -> lengths.contains(v.length())));
        details.put("prefixMatch", share(b, v -> v.startsWith(prefix)));
        score = Math.min(uniqueReal > 0 ? Math.min(1.0, uniqueSyn / uniqueReal) : 1.0, formatMatch);
      }
    }
    return new ColumnScore(c.name(), c.role(), c.roleReason(), c.kind().name().toLowerCase(java.util.Locale.ROOT),
        metric, score, inQuality, c.reason(), c.ceiling(), r.nullShare(j), s.nullShare(j), details);
  }

  static double[] lengths(String[] values) {
    double[] out = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = values[i].codePointCount(0, values[i].length());
    }
    return out;
  }

  /** Character-bigram counts over the values, each bounded by '^' and '$', first TEXT_CHARS characters. */
  static Map<String, Long> bigrams(String[] values) {
    Map<String, Long> m = new HashMap<>();
    for (String v : values) {
      int[] cp = ("^" + v.substring(0, Math.min(v.length(), TEXT_CHARS)) + "$").codePoints().toArray();
      for (int i = 0; i + 1 < cp.length; i++) {
        m.merge(new String(cp, i, 2), 1L, Long::sum);
      }
    }
    return m;
  }

  /** Digits as 9, upper-case letters as A, other letters as a, everything else as itself. */
  static String format(String v) {
    StringBuilder b = new StringBuilder(v.length());
    v.codePoints().forEach(ch -> {
      if (Character.isDigit(ch)) {
        b.append('9');
      } else if (Character.isUpperCase(ch)) {
        b.append('A');
      } else if (Character.isLetter(ch)) {
        b.append('a');
      } else {
        b.appendCodePoint(ch);
      }
    });
    return b.toString();
  }

  static String commonPrefix(String[] values) {
    if (values.length == 0) {
      return "";
    }
    String p = values[0];
    for (String v : values) {
      int k = 0;
      while (k < p.length() && k < v.length() && p.charAt(k) == v.charAt(k)) {
        k++;
      }
      p = p.substring(0, k);
    }
    return p;
  }

  static double distinctShare(String[] values) {
    return values.length == 0 ? 1.0 : (double) new HashSet<>(Arrays.asList(values)).size() / values.length;
  }

  private static double share(String[] values, java.util.function.Predicate<String> p) {
    if (values.length == 0) {
      return 1.0;
    }
    long n = Arrays.stream(values).filter(p).count();
    return (double) n / values.length;
  }
}
