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

/**
 * Pass 3: row counts per partition value combination, at most profile.max-partitions of them: from pass 1's exact
 * value counts when the table has one partition column with at most {@link ColumnScan#COUNTED_DISTINCT} values (no
 * scan), else one grouped count.
 */
final class PartitionCounts {
  private PartitionCounts() {}

  /**
   * The counts of a single partition column from its exact value counts ({@code values} as strings, as the grouped
   * count would cast them) and its null count, in the grouped count's order: nulls first, then by value in Spark's
   * binary string order. Fills {@code out}; returns true when there were more partitions than the limit.
   */
  static boolean fromCounts(String column, List<String> values, List<Long> counts, long nulls, int max,
      List<PartitionCount> out) {
    List<Integer> order = new java.util.ArrayList<>();
    for (int i = 0; i < values.size(); i++) {
      order.add(i);
    }
    List<org.apache.spark.unsafe.types.UTF8String> bytes = values.stream()
        .map(org.apache.spark.unsafe.types.UTF8String::fromString).toList();
    order.sort((a, b) -> bytes.get(a).binaryCompare(bytes.get(b)));
    List<PartitionCount> all = new java.util.ArrayList<>();
    if (nulls > 0) {
      Map<String, String> v = new LinkedHashMap<>();
      v.put(column, null);
      all.add(new PartitionCount(v, nulls));
    }
    for (int i : order) {
      all.add(new PartitionCount(Map.of(column, values.get(i)), counts.get(i)));
    }
    out.addAll(all.subList(0, Math.min(all.size(), max)));
    return all.size() > max;
  }

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
