package io.lakesynth.profile;

import io.lakesynth.model.ModelFrames;
import io.lakesynth.profile.ColumnProfile.NumericStats;
import io.lakesynth.profile.ColumnProfile.StringStats;
import io.lakesynth.profile.RoleInference.Kind;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.StructField;

/**
 * The univariate statistics of one column, Deequ-style: {@link #aggregates()} contributes
 * aggregate Columns to the single {@code agg()} over the table, and {@link #read} picks this
 * column's slice of the one result row.
 */
final class ColumnStatistics {
  static final String EMAIL = "^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$";
  static final String UUID = "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$";
  static final String DIGITS = "^[0-9]+$";
  /**
   * Relative standard deviation of the HyperLogLog++ distinct counts. 0.05 keeps the sketch at 512 registers;
   * at 0.01 (16k registers) Spark's aggregation buffer made the one-pass agg 20x slower on adult.csv.
   */
  static final double HLL_RELATIVE_SD = 0.05;
  /** Format shares (email, uuid, digits, phone) are measured on 1 row in this many: regexes are the costly part. */
  static final int FORMAT_SAMPLE = 16;
  /** Column added by {@link #withFormatSample}: true on the rows whose string formats are checked. */
  static final String SAMPLE_COLUMN = "__lakesynth_format_sample";
  private static final Column SAMPLED = functions.col(SAMPLE_COLUMN);

  /** The table with the deterministic (per partitioning) format-sample flag; small tables are checked in full. */
  static Dataset<Row> withFormatSample(Dataset<Row> data, boolean all) {
    Column flag = all ? functions.lit(true) : functions.pmod(functions.xxhash64(
        functions.monotonically_increasing_id()), functions.lit(FORMAT_SAMPLE)).equalTo(0);
    return data.withColumn(SAMPLE_COLUMN, flag);
  }

  static final String PHONE = "^\\+?[0-9][0-9()\\-\\s.]{6,}[0-9]$";

  final StructField field;
  final Kind kind;
  private final double[] probabilities;
  private final int accuracy;
  private int first;
  private int width;

  ColumnStatistics(StructField field, double[] probabilities, int accuracy) {
    this.field = field;
    this.kind = RoleInference.kindOf(field.dataType().sql());
    this.probabilities = probabilities;
    this.accuracy = accuracy;
  }

  boolean numeric() {
    return kind == Kind.INTEGRAL || kind == Kind.FRACTIONAL || kind == Kind.DATETIME || kind == Kind.BOOLEAN;
  }

  /** This column's aggregates; {@code offset} is where they start in the result row. */
  List<Column> aggregates(int offset) {
    first = offset;
    Column c = functions.col(ModelFrames.quote(field.name()));
    List<Column> out = new ArrayList<>();
    out.add(functions.count(c));
    if (kind == Kind.COMPLEX) {
      width = out.size();
      return out;
    }
    out.add(functions.approx_count_distinct(c, HLL_RELATIVE_SD));
    if (numeric()) {
      Column x = ModelFrames.numericSpace(c, field.dataType().sql());
      out.add(functions.min(x));
      out.add(functions.max(x));
      out.add(functions.avg(x));
      out.add(functions.stddev_samp(x));
      out.add(functions.percentile_approx(x, functions.lit(probabilities), functions.lit(accuracy)));
      out.add(functions.min(c).cast("string"));
      out.add(functions.max(c).cast("string"));
    } else if (kind == Kind.STRING) {
      Column len = functions.length(c);
      out.add(functions.min(len));
      out.add(functions.max(len));
      out.add(functions.avg(len));
      out.add(functions.sum(functions.when(SAMPLED.and(c.isNotNull()), 1L).otherwise(0L)));
      out.add(share(c, EMAIL));
      out.add(share(c, UUID));
      out.add(share(c, DIGITS));
      out.add(share(c, PHONE));
      out.add(functions.min(c));
      out.add(functions.max(c));
    }
    width = out.size();
    return out;
  }

  private static Column share(Column c, String regex) {
    // CASE WHEN evaluates the cheap sample test first: the regex runs on 1 row in FORMAT_SAMPLE only
    return functions.sum(functions.when(SAMPLED.and(c.rlike(regex)), 1L).otherwise(0L));
  }

  /** Numbers read from the result row. */
  record Values(long nonNull, long distinct, NumericStats numeric, StringStats strings, double[] quantiles) {}

  Values read(Row r) {
    int i = first;
    long nonNull = r.getLong(i++);
    if (kind == Kind.COMPLEX) {
      return new Values(nonNull, 0, null, null, new double[0]);
    }
    long distinct = r.getLong(i++);
    if (nonNull == 0) {
      return new Values(0, 0, null, null, new double[0]);
    }
    if (numeric()) {
      double min = r.getDouble(i++);
      double max = r.getDouble(i++);
      double mean = r.getDouble(i++);
      double sd = r.isNullAt(i) ? 0.0 : r.getDouble(i);
      i++;
      List<Double> q = r.getList(i++);
      String minValue = r.getString(i++);
      String maxValue = r.getString(i++);
      double[] quantiles = new double[q.size()];
      for (int j = 0; j < quantiles.length; j++) {
        quantiles[j] = q.get(j);
      }
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
      return new Values(nonNull, distinct, new NumericStats(min, max, mean, sd, integral, minValue, maxValue), null,
          quantiles);
    }
    int minLen = r.getInt(i++);
    int maxLen = r.getInt(i++);
    double meanLen = r.getDouble(i++);
    double sampled = Math.max(1, r.getLong(i++));
    double email = r.getLong(i++) / sampled;
    double uuid = r.getLong(i++) / sampled;
    double digits = r.getLong(i++) / sampled;
    double phone = r.getLong(i++) / sampled;
    String lo = r.getString(i++);
    String hi = r.getString(i++);
    return new Values(nonNull, distinct, null,
        new StringStats(minLen, maxLen, meanLen, email, uuid, digits, phone, commonPrefix(lo, hi)), new double[0]);
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
