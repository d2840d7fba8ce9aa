package io.lakesynth.profile;

import io.lakesynth.config.Settings.ProfileSettings;
import io.lakesynth.model.ModelFrames;
import io.lakesynth.profile.ColumnProfile.Category;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.functions;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * The most frequent values of categorical and constant columns: from pass 1's exact value counts where a column has
 * at most {@link ColumnScan#COUNTED_DISTINCT} distinct values ({@link #fromCounts}, no Spark job), else pass 2: ONE
 * Spark job in which (column index, value) pairs of all such columns are counted together and only the top K per
 * column reach the driver (at most K x columns rows).
 */
final class TopValues {
  record Top(List<Category> values, long covered) {}

  private TopValues() {}

  /**
   * The rare-value threshold of one column: profile.rare-threshold plus 0, 1 or 2, drawn from the profile seed and
   * the column name, so the cut is not exactly known from the configuration.
   */
  static long threshold(ProfileSettings settings, String column) {
    long u = io.lakesynth.util.RowRandom.mix(settings.seed(), io.lakesynth.util.RowRandom.hash("rare:" + column));
    return settings.rareThreshold() + Math.floorMod(u, 3);
  }

  /** Whether a column's top values are profiled. */
  private static boolean wanted(Role role, ColumnStatistics.Values values) {
    return (role == Role.CATEGORICAL || role == Role.CONSTANT) && values.nonNull() > 0;
  }

  /**
   * The top {@code k} of exact counts held by at least {@code minCount} rows: by count, then by value (in Spark's
   * binary string order).
   */
  static Top fromCounts(List<String> values, List<Long> counts, int k, long minCount) {
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < values.size(); i++) {
      if (counts.get(i) >= minCount) {
        order.add(i);
      }
    }
    List<UTF8String> bytes = values.stream().map(UTF8String::fromString).toList();
    order.sort((a, b) -> counts.get(a).equals(counts.get(b)) ? bytes.get(a).binaryCompare(bytes.get(b))
        : Long.compare(counts.get(b), counts.get(a)));
    List<Category> cats = new ArrayList<>();
    long covered = 0;
    for (int i : order.subList(0, Math.min(k, order.size()))) {
      cats.add(new Category(values.get(i), counts.get(i)));
      covered += counts.get(i);
    }
    return new Top(List.copyOf(cats), covered);
  }

  /** Top values of every wanted column: from the scan's counts where it has them, else by one grouped count. */
  static Map<String, Top> compute(SparkSession spark, Dataset<Row> data, List<ColumnStatistics> stats,
      ColumnScan.Partial scanned, List<ColumnStatistics.Values> values, List<RoleInference.Inferred> roles,
      ProfileSettings settings) {
    Map<String, Top> tops = new HashMap<>();
    Set<String> uncounted = new HashSet<>();
    for (int i = 0; i < stats.size(); i++) {
      if (!wanted(roles.get(i).role(), values.get(i))) {
        continue;
      }
      ColumnScan.Acc a = scanned.columns[i];
      if (a.counts == null) {
        uncounted.add(stats.get(i).field.name());
        continue;
      }
      List<Object> keys = new ArrayList<>(a.counts.keySet());
      List<Long> counts = new ArrayList<>(keys.size());
      for (Object k : keys) {
        counts.add(a.counts.get(k)[0]);
      }
      List<String> strings = ColumnScan.asStrings(spark,
          java.util.Collections.nCopies(keys.size(), stats.get(i).field.dataType()), keys);
      String name = stats.get(i).field.name();
      tops.put(name, fromCounts(strings, counts, settings.topK(), minCount(roles.get(i).role(), settings, name)));
    }
    if (!uncounted.isEmpty()) {
      tops.putAll(grouped(data, stats, values, roles, settings, uncounted));
    }
    return tops;
  }

  /** Categorical values need the rare-value threshold; a constant column's single value is kept. */
  private static long minCount(Role role, ProfileSettings settings, String column) {
    return role == Role.CATEGORICAL ? threshold(settings, column) : 1;
  }

  /** Pass 2 for the columns in {@code uncounted} (names): one grouped count. */
  private static Map<String, Top> grouped(Dataset<Row> data, List<ColumnStatistics> stats,
      List<ColumnStatistics.Values> values, List<RoleInference.Inferred> roles, ProfileSettings settings,
      Set<String> uncounted) {
    List<Column> pairs = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (int i = 0; i < stats.size(); i++) {
      if (wanted(roles.get(i).role(), values.get(i)) && uncounted.contains(stats.get(i).field.name())) {
        String name = stats.get(i).field.name();
        pairs.add(functions.struct(functions.lit(names.size()).alias("i"),
            functions.col(ModelFrames.quote(name)).cast("string").alias("v")));
        names.add(name);
      }
    }
    Map<String, Top> out = new HashMap<>();
    if (names.isEmpty()) {
      return out;
    }
    int k = settings.topK();
    Dataset<Row> counted = data.select(functions.explode(functions.array(pairs.toArray(new Column[0]))).alias("e"))
        .select("e.i", "e.v").where(functions.col("v").isNotNull())
        .groupBy("i", "v").count()
        // rare values leave before the window, whose one task per column then ranks only the values held by
        // rareThreshold rows or more (a Zipf tail of 10M ids is mostly values held once or twice); the ranks of
        // the values kept are the same either way
        .where(functions.col("count").geq(settings.rareThreshold()))
        .withColumn("rank", functions.row_number().over(Window.partitionBy("i")
            .orderBy(functions.col("count").desc(), functions.col("v").asc())))
        .where(functions.col("rank").leq(k));
    Map<Integer, List<Row>> byColumn = new HashMap<>();
    for (Row r : counted.collectAsList()) { // bounded: at most top-k rows per column
      byColumn.computeIfAbsent(r.getInt(0), x -> new ArrayList<>()).add(r);
    }
    for (int i = 0; i < names.size(); i++) {
      List<Row> rows = new ArrayList<>(byColumn.getOrDefault(i, List.of()));
      rows.sort((a, b) -> Integer.compare(a.getInt(3), b.getInt(3)));
      List<Category> cats = new ArrayList<>();
      long covered = 0;
      long min = minCount(Role.CATEGORICAL, settings, names.get(i));
      for (Row r : rows) {
        if (r.getLong(2) < min) {
          continue;
        }
        cats.add(new Category(r.getString(1), r.getLong(2)));
        covered += r.getLong(2);
      }
      out.put(names.get(i), new Top(List.copyOf(cats), covered));
    }
    return out;
  }
}
