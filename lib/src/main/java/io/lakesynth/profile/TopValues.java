package io.lakesynth.profile;

import io.lakesynth.config.Settings.ProfileSettings;
import io.lakesynth.model.ModelFrames;
import io.lakesynth.profile.ColumnProfile.Category;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.functions;

/**
 * Pass 2: the most frequent values of every categorical or constant column in ONE Spark job:
 * (column index, value) pairs of all candidate columns are counted together and only the top K
 * per column reach the driver (at most K x columns rows).
 */
final class TopValues {
  record Top(List<Category> values, long covered) {}

  private TopValues() {}

  static Map<String, Top> compute(Dataset<Row> data, List<ColumnStatistics> stats,
      List<ColumnStatistics.Values> values, List<RoleInference.Inferred> roles, ProfileSettings settings) {
    List<Column> pairs = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (int i = 0; i < stats.size(); i++) {
      Role r = roles.get(i).role();
      if ((r == Role.CATEGORICAL || r == Role.CONSTANT) && values.get(i).nonNull() > 0) {
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
        .withColumn("rank", functions.row_number().over(Window.partitionBy("i")
            .orderBy(functions.col("count").desc(), functions.col("v").asc())))
        .where(functions.col("rank").leq(k));
    Map<Integer, List<Row>> byColumn = new HashMap<>();
    for (Row r : counted.collectAsList()) { // bounded: at most top-k rows per column
      byColumn.computeIfAbsent(r.getInt(0), x -> new ArrayList<>()).add(r);
    }
    for (int i = 0; i < names.size(); i++) {
      List<Row> rows = byColumn.getOrDefault(i, List.of());
      rows.sort((a, b) -> Integer.compare(a.getInt(3), b.getInt(3)));
      List<Category> cats = new ArrayList<>();
      long covered = 0;
      for (Row r : rows) {
        cats.add(new Category(r.getString(1), r.getLong(2)));
        covered += r.getLong(2);
      }
      out.put(names.get(i), new Top(List.copyOf(cats), covered));
    }
    return out;
  }
}
