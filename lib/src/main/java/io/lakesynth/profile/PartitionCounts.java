package io.lakesynth.profile;

import io.lakesynth.model.ModelFrames;
import io.lakesynth.profile.TableProfile.PartitionCount;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/** Pass 3: row counts per partition value combination, at most profile.max-partitions of them. */
final class PartitionCounts {
  private PartitionCounts() {}

  /** Fills {@code out}; returns true when there were more partitions than the limit. */
  static boolean compute(Dataset<Row> data, List<String> columns, int max, List<PartitionCount> out) {
    if (columns.isEmpty()) {
      return false;
    }
    Column[] cols = columns.stream().map(c -> functions.col(ModelFrames.quote(c)).cast("string").alias(c))
        .toArray(Column[]::new);
    List<Row> rows = data.groupBy(cols).count().orderBy(cols).limit(max + 1).collectAsList(); // bounded by max+1
    for (int i = 0; i < Math.min(rows.size(), max); i++) {
      Row r = rows.get(i);
      Map<String, String> values = new LinkedHashMap<>();
      for (int c = 0; c < columns.size(); c++) {
        values.put(columns.get(c), r.isNullAt(c) ? null : r.getString(c));
      }
      out.add(new PartitionCount(values, r.getLong(columns.size())));
    }
    return rows.size() > max;
  }
}
