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
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.storage.StorageLevel;

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
   * Shared hashes up to which pass 2 broadcasts them (8 bytes each, 8 MiB) and groups only their rows; more (a table
   * of few low-cardinality columns, where most rows have twins) and every row is grouped on its values.
   */
  static final long BROADCAST_HASHES = 1L << 20;

  private Copies() {}

  static Result count(Dataset<Row> train, Dataset<Row> synthetic, Dataset<Row> holdout, List<EvalColumn> cols) {
    return count(train, synthetic, holdout, cols, BROADCAST_HASHES);
  }

  /** With another bound on the broadcast hashes (tests: 0 groups every row on its values). */
  static Result count(Dataset<Row> train, Dataset<Row> synthetic, Dataset<Row> holdout, List<EvalColumn> cols,
      long broadcastHashes) {
    Dataset<Row> all = tagged(train, cols, 1, 0, 0).union(tagged(synthetic, cols, 0, 1, 0));
    if (holdout != null) {
      all = all.union(tagged(holdout, cols, 0, 0, 1));
    }
    Column[] keys = new Column[cols.size()];
    Column[] hashed = new Column[cols.size()];
    for (int i = 0; i < keys.length; i++) {
      keys[i] = col("c" + i);
      // -0.0 and 0.0 group together, so they must hash together (NaN has one bit pattern in Spark's hash)
      hashed[i] = all.schema().apply("c" + i).dataType() instanceof DoubleType
          ? when(keys[i].equalTo(0.0), lit(0.0)).otherwise(keys[i]) : keys[i];
    }
    // pass 1: one 64-bit hash per row, grouped (a shuffle of four numbers per row instead of every value): the
    // hashes held by a training row and by a synthetic or holdout row are the only places a copy can be
    Dataset<Row> byHash = all.select(xxhash64(hashed).as("k"), col("t"), col("s"), col("h")).groupBy("k")
        .agg(max("t").as("t"), sum("s").as("s"), sum("h").as("h"))
        .persist(StorageLevel.MEMORY_AND_DISK());
    try {
      Column shared = col("t").equalTo(1).and(col("s").plus(col("h")).gt(0));
      Row totals = byHash.agg(sum("s"), sum("h"), sum(when(shared, 1L).otherwise(0L))).first();
      long candidates = num(totals, 2);
      if (candidates == 0) {
        return new Result(0, num(totals, 0), 0, num(totals, 1));
      }
      Dataset<Row> rows = all;
      if (candidates <= broadcastHashes) {
        // pass 2: only the rows whose hash is shared, grouped exactly on their values (a hash collision is no copy)
        rows = all.join(broadcast(byHash.where(shared).select("k")), xxhash64(hashed).equalTo(col("k")), "left_semi");
      }
      // grouping on the typed values: nulls group together, NaN and -0.0 are normalised by Spark
      Row r = rows.groupBy(keys).agg(max("t").as("t"), sum("s").as("s"), sum("h").as("h"))
          .agg(sum(when(col("t").equalTo(1), col("s")).otherwise(0)),
              sum(when(col("t").equalTo(1), col("h")).otherwise(0)))
          .first();
      return new Result(num(r, 0), num(totals, 0), num(r, 1), num(totals, 1));
    } finally {
      byHash.unpersist();
    }
  }

  private static long num(Row r, int i) {
    return r.isNullAt(i) ? 0 : r.getLong(i);
  }

  private static Dataset<Row> tagged(Dataset<Row> df, List<EvalColumn> cols, int t, int s, int h) {
    return Sample.prepare(df, cols).withColumn("t", lit(t)).withColumn("s", lit((long) s))
        .withColumn("h", lit((long) h));
  }
}
