package io.lakesynth.evaluate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.lakesynth.evaluate.EvaluationReport.ColumnScore;
import io.lakesynth.evaluate.EvaluationReport.PairScore;
import io.lakesynth.model.Holdout;
import io.lakesynth.testing.Fixtures;
import io.lakesynth.testing.SparkExtension;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Column Shapes and Column Pair Trends of the Spark evaluator against a straightforward re-implementation of SDMetrics'
 * definitions written here from the SDMetrics sources (sdmetrics 0.x: single_column/statistical/kscomplement.py and
 * tv_complement.py with utils.get_frequencies, column_pairs/statistical/correlation_similarity.py and
 * contingency_similarity.py, reports/utils.py discretize_column), on two real zoo tables. Real = the train split,
 * synthetic = the holdout split: different rows, values the other side lacks, nulls. Both tables are smaller than
 * evaluate.sample-rows, so the evaluator's sample is every row and both sides see the same data. The reference works
 * on the raw rows (no Spark expressions, no shared code): any difference in type handling, sampling, null treatment,
 * binning or the formulas shows up.
 */
@ExtendWith(SparkExtension.class)
class SdmetricsAgreementTest {
  static final double EPS = 1e-9;

  @Test
  void penguins() {
    agree(Fixtures.penguins(SparkExtension.spark()));
  }

  @Test
  void seattleWeather() {
    agree(Fixtures.seattle(SparkExtension.spark()));
  }

  static void agree(Dataset<Row> table) {
    SparkSession spark = SparkExtension.spark();
    Dataset<Row> real = Holdout.train(table, 0.3, 5).cache();
    Dataset<Row> syn = Holdout.holdout(table, 0.3, 5).cache();
    EvaluationReport r = new EvaluateAction(spark).real(real, real, null, "t", "t").synthetic(syn, "s")
        .settings(Fixtures.settings().evaluate()).execute();
    assertThat(r.sampleRowsReal()).isEqualTo(real.count());
    List<Row> a = real.collectAsList(); // small zoo tables
    List<Row> b = syn.collectAsList();
    StructField[] fields = table.schema().fields();
    Map<String, Double> shapes = new LinkedHashMap<>();
    for (int j = 0; j < fields.length; j++) {
      shapes.put(fields[j].name(), numerical(fields[j]) ? ksComplement(numbers(a, j, fields[j]),
          numbers(b, j, fields[j])) : tvComplement(labels(a, j), labels(b, j)));
    }
    for (ColumnScore c : r.columns()) {
      assertThat(c.score()).as(c.column()).isCloseTo(shapes.get(c.column()), within(EPS));
    }
    assertThat(r.columnShapes()).isCloseTo(mean(shapes.values()), within(EPS));
    Map<String, Double> pairs = new LinkedHashMap<>();
    for (int i = 0; i < fields.length; i++) {
      for (int j = i + 1; j < fields.length; j++) {
        String key = fields[i].name() + " x " + fields[j].name();
        if (numerical(fields[i]) && numerical(fields[j])) {
          double rr = pearson(numbers(a, i, fields[i]), numbers(a, j, fields[j]));
          double rs = pearson(numbers(b, i, fields[i]), numbers(b, j, fields[j]));
          if (!Double.isNaN(rr) && !Double.isNaN(rs)) {
            pairs.put(key, 1 - Math.abs(rr - rs) / 2);
          }
        } else {
          pairs.put(key, contingencySimilarity(discrete(a, b, i, fields[i], true), discrete(a, b, j, fields[j], true),
              discrete(a, b, i, fields[i], false), discrete(a, b, j, fields[j], false)));
        }
      }
    }
    assertThat(r.pairs()).hasSize(pairs.size());
    for (PairScore p : r.pairs()) {
      assertThat(p.score()).as(p.a() + " x " + p.b()).isCloseTo(pairs.get(p.a() + " x " + p.b()), within(EPS));
    }
    assertThat(r.columnPairTrends()).isCloseTo(mean(pairs.values()), within(EPS));
    assertThat(r.quality()).isCloseTo((mean(shapes.values()) + mean(pairs.values())) / 2, within(EPS));
    // not a trivial agreement: the two splits differ
    assertThat(r.quality()).isLessThan(0.99);
    real.unpersist();
    syn.unpersist();
  }

  static boolean numerical(StructField f) {
    return f.dataType() instanceof org.apache.spark.sql.types.NumericType || f.dataType() == DataTypes.DateType
        || f.dataType() == DataTypes.TimestampType;
  }

  /** Raw values as numbers (dates as epoch days, timestamps as epoch microseconds); NaN for null. */
  static double[] numbers(List<Row> rows, int j, StructField f) {
    double[] out = new double[rows.size()];
    for (int i = 0; i < out.length; i++) {
      Object v = rows.get(i).get(j);
      out[i] = v == null ? Double.NaN
          : v instanceof java.sql.Date d ? d.toLocalDate().toEpochDay()
          : v instanceof java.time.LocalDate d ? d.toEpochDay()
          : v instanceof java.sql.Timestamp t ? t.getTime() * 1000.0 + (t.getNanos() / 1000) % 1000
          : ((Number) v).doubleValue();
    }
    return out;
  }

  static List<Object> labels(List<Row> rows, int j) {
    List<Object> out = new ArrayList<>();
    for (Row row : rows) {
      out.add(row.isNullAt(j) ? "NaN-category" : String.valueOf(row.get(j)));
    }
    return out;
  }

  /** scipy.stats.ks_2samp statistic: both ECDFs evaluated at every pooled value (searchsorted side='right'). */
  static double ksComplement(double[] real, double[] syn) {
    double[] x = Arrays.stream(real).filter(v -> !Double.isNaN(v)).sorted().toArray();
    double[] y = Arrays.stream(syn).filter(v -> !Double.isNaN(v)).sorted().toArray();
    double d = 0;
    for (double v : concat(x, y)) {
      d = Math.max(d, Math.abs((double) rightRank(x, v) / x.length - (double) rightRank(y, v) / y.length));
    }
    return 1 - d;
  }

  static int rightRank(double[] sorted, double v) {
    int n = 0;
    while (n < sorted.length && sorted[n] <= v) {
      n++;
    }
    return n;
  }

  static double[] concat(double[] x, double[] y) {
    double[] out = Arrays.copyOf(x, x.length + y.length);
    System.arraycopy(y, 0, out, x.length, y.length);
    return out;
  }

  /** sdmetrics.utils.get_frequencies, then 1 - 0.5 * sum |f_obs - f_exp|. */
  static double tvComplement(List<Object> real, List<Object> syn) {
    Map<Object, Double> r = counter(real);
    Map<Object, Double> s = counter(syn);
    for (Object v : s.keySet()) {
      if (!r.containsKey(v)) {
        r.put(v, 1e-6);
      }
    }
    double nr = r.values().stream().mapToDouble(Double::doubleValue).sum();
    double ns = s.values().stream().mapToDouble(Double::doubleValue).sum();
    double tv = 0;
    for (Map.Entry<Object, Double> e : r.entrySet()) {
      tv += Math.abs(s.getOrDefault(e.getKey(), 0.0) / ns - e.getValue() / nr);
    }
    return 1 - 0.5 * tv;
  }

  static Map<Object, Double> counter(List<?> values) {
    Map<Object, Double> m = new LinkedHashMap<>();
    for (Object v : values) {
      m.merge(v, 1.0, Double::sum);
    }
    return m;
  }

  /** Pearson over the rows where both values are present (DataFrame.dropna()), NaN for a constant side. */
  static double pearson(double[] x, double[] y) {
    List<double[]> p = new ArrayList<>();
    for (int i = 0; i < x.length; i++) {
      if (!Double.isNaN(x[i]) && !Double.isNaN(y[i])) {
        p.add(new double[] {x[i], y[i]});
      }
    }
    if (p.size() < 2) {
      return Double.NaN;
    }
    double mx = p.stream().mapToDouble(v -> v[0]).sum() / p.size();
    double my = p.stream().mapToDouble(v -> v[1]).sum() / p.size();
    double sxy = 0;
    double sxx = 0;
    double syy = 0;
    for (double[] v : p) {
      sxy += (v[0] - mx) * (v[1] - my);
      sxx += (v[0] - mx) * (v[0] - mx);
      syy += (v[1] - my) * (v[1] - my);
    }
    return sxx == 0 || syy == 0 ? Double.NaN : sxy / Math.sqrt(sxx * syy);
  }

  /**
   * discretize_column: edges np.histogram_bin_edges(real.dropna(), bins=10) (min/max widened by 0.5 when equal),
   * outer edges -inf/+inf, pd.cut closed on the right; categorical values as they are; null its own level.
   */
  static List<Object> discrete(List<Row> a, List<Row> b, int j, StructField f, boolean realSide) {
    List<Row> rows = realSide ? a : b;
    if (!numerical(f)) {
      return labels(rows, j);
    }
    double[] ref = Arrays.stream(numbers(a, j, f)).filter(v -> !Double.isNaN(v)).toArray();
    double lo = Arrays.stream(ref).min().orElse(0);
    double hi = Arrays.stream(ref).max().orElse(0);
    if (lo == hi) {
      lo -= 0.5;
      hi += 0.5;
    }
    double step = (hi - lo) / 10;
    double[] edges = new double[11];
    for (int k = 0; k <= 10; k++) {
      edges[k] = k * step + lo;
    }
    edges[0] = Double.NEGATIVE_INFINITY;
    edges[10] = Double.POSITIVE_INFINITY;
    List<Object> out = new ArrayList<>();
    for (double v : numbers(rows, j, f)) {
      Integer bin = null;
      for (int k = 0; k < 10 && !Double.isNaN(v); k++) {
        if (v > edges[k] && v <= edges[k + 1]) {
          bin = k;
        }
      }
      out.add(bin == null ? "NaN-bin" : bin);
    }
    return out;
  }

  /** groupby(dropna=False).size() / len on both sides, union of cells, 1 - 0.5 * sum |diff|. */
  static double contingencySimilarity(List<Object> ra, List<Object> rb, List<Object> sa, List<Object> sb) {
    Map<List<Object>, Double> r = new HashMap<>();
    Map<List<Object>, Double> s = new HashMap<>();
    for (int i = 0; i < ra.size(); i++) {
      r.merge(Arrays.asList(ra.get(i), rb.get(i)), 1.0 / ra.size(), Double::sum);
    }
    for (int i = 0; i < sa.size(); i++) {
      s.merge(Arrays.asList(sa.get(i), sb.get(i)), 1.0 / sa.size(), Double::sum);
    }
    java.util.Set<List<Object>> cells = new java.util.HashSet<>(r.keySet());
    cells.addAll(s.keySet());
    double diff = 0;
    for (List<Object> c : cells) {
      diff += Math.abs(r.getOrDefault(c, 0.0) - s.getOrDefault(c, 0.0));
    }
    return 1 - diff / 2;
  }

  static double mean(java.util.Collection<Double> v) {
    return v.stream().filter(Objects::nonNull).mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
  }
}
