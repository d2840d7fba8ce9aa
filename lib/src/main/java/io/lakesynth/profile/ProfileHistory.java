package io.lakesynth.profile;

import io.lakesynth.config.Settings.HistorySettings;
import io.lakesynth.config.WriteMode;
import io.lakesynth.error.ErrorCode;
import io.lakesynth.error.LakesynthException;
import io.lakesynth.io.TableWriter;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The profile history table: one row per (table, run_date) holding the whole profile JSON and a few headline
 * figures, partitioned by {@code table} and {@code run_date}. Re-profiling the same table on the same run date
 * replaces its row (Delta replaceWhere / Parquet dynamic partition overwrite), so retries never duplicate.
 */
public final class ProfileHistory {
  public static final StructType SCHEMA = new StructType()
      .add("table", DataTypes.StringType, false)
      .add("run_date", DataTypes.StringType, false)
      .add("lakesynth_version", DataTypes.StringType, false)
      .add("row_count", DataTypes.LongType, false)
      .add("column_count", DataTypes.IntegerType, false)
      .add("null_cells", DataTypes.LongType, false)
      .add("profile_json", DataTypes.StringType, false);

  private ProfileHistory() {}

  public static void append(SparkSession spark, TableProfile profile, HistorySettings history, String runId) {
    if (profile.runDate().isEmpty()) {
      throw new LakesynthException(ErrorCode.CONFIG_INVALID_VALUE, "lakesynth.run-date", "\"\"",
          "profile history (" + history.path() + ") rows are keyed by table and run date; set --run-date yyyy-MM-dd");
    }
    long nullCells = 0;
    for (ColumnProfile c : profile.columns()) {
      nullCells += c.nullCount();
    }
    Row row = RowFactory.create(profile.table(), profile.runDate(), profile.lakesynthVersion(), profile.rowCount(),
        profile.columns().size(), nullCells, ProfileJson.write(profile));
    Dataset<Row> df = spark.createDataFrame(List.of(row), SCHEMA).coalesce(1);
    String predicate = "`table` = '" + profile.table().replace("'", "''") + "' AND run_date = '"
        + profile.runDate().replace("'", "''") + "'";
    TableWriter.write(spark, df, new TableWriter.Target(history.path(), history.format(), WriteMode.SLICE,
        List.of("table", "run_date"), 0, predicate, runId));
  }
}
