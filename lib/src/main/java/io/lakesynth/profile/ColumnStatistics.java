package io.lakesynth.profile;

import io.lakesynth.profile.ColumnProfile.Category;
import io.lakesynth.profile.ColumnProfile.NumericStats;
import io.lakesynth.profile.ColumnProfile.StringStats;
import io.lakesynth.profile.RoleInference.Kind;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.types.StructField;

/**
 * The univariate statistics of one column, read from its {@link ColumnScan.Acc} after the one scan of pass 1.
 */
final class ColumnStatistics {
  /** A column needs at least this many distinct values before its values can be evidence of person names. */
  static final int MIN_NAME_VALUES = 10;
  /** Relative standard error of the distinct counts (HLL with 2^11 registers). */
  static final double HLL_RELATIVE_SD = 1.04 / Math.sqrt(1 << ColumnScan.HLL_LG_K);
  /** On big tables, format shares (email, uuid, digits, phone) are measured on 1 row in this many (a power of 2). */
  static final int FORMAT_SAMPLE = 16;

  final StructField field;
  final Kind kind;

  ColumnStatistics(StructField field) {
    this.field = field;
    this.kind = RoleInference.kindOf(field.dataType().sql());
  }

  /** Numbers read from the scan. */
  record Values(long nonNull, long distinct, NumericStats numeric, StringStats strings, double[] quantiles) {}

  /**
   * This column's values from its accumulator; {@code minValue}/{@code maxValue} are the extremes as Spark casts them
   * to strings.
   */
  Values read(ColumnScan.Acc a, double[] probabilities, String minValue, String maxValue) {
    long nonNull = a.nonNull;
    if (kind == Kind.COMPLEX) {
      return new Values(nonNull, 0, null, null, new double[0]);
    }
    long distinct = Math.min(a.distinct(), nonNull);
    if (nonNull == 0) {
      return new Values(0, 0, null, null, new double[0]);
    }
    if (a.quantiles != null) {
      double min = a.min;
      double max = a.max;
      double mean = a.sum / nonNull;
      double sd = a.n > 1 ? Math.sqrt(a.m2 / (a.n - 1.0)) : 0.0;
      double[] quantiles = a.quantiles.quantiles(probabilities);
      // the sketch's end points are the exact extremes
      quantiles[0] = min;
      quantiles[quantiles.length - 1] = max;
      for (int j = 1; j < quantiles.length; j++) {
        quantiles[j] = Math.max(quantiles[j], quantiles[j - 1]);
      }
      boolean integral = kind != Kind.FRACTIONAL;
      // exact distinct for tiny ranges of integers (HLL can be off by a few)
      if (integral && max - min + 1 < distinct) {
        distinct = (long) (max - min + 1);
      }
      return new Values(nonNull, Math.max(1, distinct),
          new NumericStats(min, max, mean, sd, integral, minValue, maxValue,
              kind == Kind.FRACTIONAL && a.decimals >= 0 && !field.dataType().sql().startsWith("DECIMAL")
                  ? a.decimals : -1,
              field.dataType().sql().startsWith("TIMESTAMP") ? a.timeUnit : 0), null, quantiles);
    }
    StringFormats f = a.formats == null ? new StringFormats() : a.formats;
    double sampled = Math.max(1, f.sampled);
    double names = f.personName / sampled;
    double firstNames = f.firstName / sampled;
    if (a.counts != null) {
      // few distinct values: the share of DISTINCT values that are person names, so that one frequent value that
      // happens to be a surname ("White" in a race column) is not evidence; a value shared by many rows is not
      // identifying
      int n = 0;
      int hits = 0;
      int first = 0;
      NameDictionary dict = NameDictionary.get();
      for (Object k : a.counts.keySet()) {
        int c = dict.classify(k.toString());
        n++;
        hits += c > 0 ? 1 : 0;
        first += c == 2 ? 1 : 0;
      }
      names = n < MIN_NAME_VALUES ? 0.0 : (double) hits / n;
      firstNames = n < MIN_NAME_VALUES ? 0.0 : (double) first / n;
    }
    return new Values(nonNull, Math.max(1, distinct), null,
        new StringStats(a.minLength, a.maxLength, (double) a.sumLength / nonNull, f.words / sampled,
            f.email / sampled, f.uuid / sampled, f.digits / sampled, f.zeroPadded / sampled, f.phone / sampled,
            f.ip / sampled, f.ssn / sampled, f.card / sampled, f.prefixDigits / sampled, f.street / sampled,
            names, firstNames, commonPrefix(a.lo.toString(), a.hi.toString()),
            f.classes.clone(), shapes(f)),
        new double[0]);
  }

  /** The frequent shapes of the sampled values, most frequent first (ties by shape). */
  static List<Category> shapes(StringFormats f) {
    List<Category> out = new ArrayList<>();
    f.shapes.forEach((k, v) -> {
      if (v >= StringStats.SHAPE_MIN_ROWS) {
        out.add(new Category(k, v));
      }
    });
    out.sort(java.util.Comparator.comparingLong(Category::count).reversed().thenComparing(Category::value));
    return List.copyOf(out.subList(0, Math.min(out.size(), StringStats.MAX_SHAPES)));
  }

  static String commonPrefix(String a, String b) {
    int n = Math.min(a.length(), b.length());
    int i = 0;
    while (i < n && a.charAt(i) == b.charAt(i)) {
      i++;
    }
    return a.substring(0, i);
  }

  /** Strictly increasing equi-depth edges from the quantile table: min, q(1/b), ..., max. */
  static double[] binEdges(double[] quantiles, int bins) {
    if (quantiles.length == 0) {
      return new double[0];
    }
    List<Double> edges = new ArrayList<>();
    int q = quantiles.length;
    for (int b = 0; b <= bins; b++) {
      double pos = (double) b / bins * (q - 1);
      int j = (int) Math.floor(pos);
      double v = j >= q - 1 ? quantiles[q - 1] : quantiles[j] + (pos - j) * (quantiles[j + 1] - quantiles[j]);
      if (edges.isEmpty() || v > edges.get(edges.size() - 1)) {
        edges.add(v);
      }
    }
    return edges.stream().mapToDouble(Double::doubleValue).toArray();
  }
}
