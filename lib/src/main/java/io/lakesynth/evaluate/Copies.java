package io.lakesynth.evaluate;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.xxhash64;

import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DoubleType;

/**
 * Exact copies, counted exactly over the full tables: every row of train, synthetic and holdout, as its compared
 * columns in the evaluation's types (numbers as doubles, the rest as strings), tagged with its side. A group-by on a
 * 64-bit hash of those values finds the hashes a training row shares with a synthetic or holdout row; only the rows
 * of those hashes are then grouped on their values, which tells for each synthetic and holdout row whether some
 * training row has the same values. (Grouping every row on 20 string values was most of evaluate's time on the lake
 * bench table.)
 */
final class Copies {
  record Result(long syntheticCopies, long syntheticRows, long holdoutCopies, long holdoutRows) {
    double syntheticRate() {
      return (double) syntheticCopies / Math.max(1, syntheticRows);
    }

    double holdoutRate() {
      return holdoutRows == 0 ? Double.NaN : (double) holdoutCopies / holdoutRows;
    }
  }

  /**
   * Shared hashes up to which pass 2 broadcasts them (tens of MiB at most through the driver) and groups only their
   * rows; more (a table of few low-cardinality columns, where most rows have twins) and every row is grouped on its
   * values.
   */
  static final long BROADCAST_HASHES = 1L << 20;

  /**
   * Rows per map task of the copy shuffle at least (fewer tasks when the inputs come in many small partitions): each
   * map task writes one block per reducer, and 400 tasks of 10,000 rows each took ten times as long as 8 tasks.
   */
  static final long ROWS_PER_TASK = 1_000_000;

  private Copies() {}

  /** The row counts of the three tables (holdoutRows 0 without a holdout). */
  static Result count(Dataset<Row> train, Dataset<Row> synthetic, Dataset<Row> holdout, List<EvalColumn> cols,
      long trainRows, long syntheticRows, long holdoutRows) {
    return count(train, synthetic, holdout, cols, trainRows, syntheticRows, holdoutRows, BROADCAST_HASHES);
  }

  /** With another bound on the broadcast hashes (tests: 0 groups every row on its values). */
  static Result count(Dataset<Row> train, Dataset<Row> synthetic, Dataset<Row> holdout, List<EvalColumn> cols,
      long trainRows, long syntheticRows, long holdoutRows, long broadcastHashes) {
    Dataset<Row> all = tagged(train, cols, 1, 0, 0).union(tagged(synthetic, cols, 0, 1, 0));
    if (holdout != null) {
      all = all.union(tagged(holdout, cols, 0, 0, 1));
    }
    long rows = trainRows + syntheticRows + holdoutRows;
    int tasks = (int) Math.min(Integer.MAX_VALUE, Math.max(all.sparkSession().sparkContext().defaultParallelism(),
        (rows + ROWS_PER_TASK - 1) / ROWS_PER_TASK));
    all = all.coalesce(tasks); // never more partitions than the inputs have
    Column[] keys = new Column[cols.size()];
    Column[] hashed = new Column[cols.size()];
    for (int i = 0; i < keys.length; i++) {
      keys[i] = col("c" + i);
      // -0.0 and 0.0 group together, so they must hash together (NaN has one bit pattern in Spark's hash)
      hashed[i] = all.schema().apply("c" + i).dataType() instanceof DoubleType
          ? when(keys[i].equalTo(0.0), lit(0.0)).otherwise(keys[i]) : keys[i];
    }
    // pass 1: one 64-bit hash per row, grouped (a shuffle of four numbers per row instead of every value): the
    // hashes held by a training row and by a synthetic or holdout row are the only places a copy can be; at most
    // broadcastHashes + 1 of them reach the driver (8 bytes each)
    Column shared = col("t").equalTo(1).and(col("s").plus(col("h")).gt(0));
    List<Long> candidates = all.select(xxhash64(hashed).as("k"), col("t"), col("s"), col("h")).groupBy("k")
        .agg(max("t").as("t"), sum("s").as("s"), sum("h").as("h")).where(shared).select("k")
        .limit((int) Math.min(Integer.MAX_VALUE - 1, broadcastHashes + 1)).as(Encoders.LONG()).collectAsList();
    if (candidates.isEmpty()) {
      return new Result(0, syntheticRows, 0, holdoutRows);
    }
    Dataset<Row> grouped = all;
    if (candidates.size() <= broadcastHashes) {
      // pass 2: only the rows whose hash is shared, grouped exactly on their values (a hash collision is no copy)
      Dataset<Row> hashes = all.sparkSession().createDataset(candidates, Encoders.LONG()).toDF("k");
      grouped = all.join(broadcast(hashes), xxhash64(hashed).equalTo(col("k")), "left_semi");
    }
    // grouping on the typed values: nulls group together, NaN and -0.0 are normalised by Spark
    Row r = grouped.groupBy(keys).agg(max("t").as("t"), sum("s").as("s"), sum("h").as("h"))
        .agg(sum(when(col("t").equalTo(1), col("s")).otherwise(0)),
            sum(when(col("t").equalTo(1), col("h")).otherwise(0)))
        .first();
    return new Result(num(r, 0), syntheticRows, num(r, 1), holdoutRows);
  }

  private static long num(Row r, int i) {
    return r.isNullAt(i) ? 0 : r.getLong(i);
  }

  private static Dataset<Row> tagged(Dataset<Row> df, List<EvalColumn> cols, int t, int s, int h) {
    return Sample.prepare(df, cols).withColumn("t", lit(t)).withColumn("s", lit((long) s))
        .withColumn("h", lit((long) h));
  }
}
