package io.lakesynth.evaluate;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Exact copies, counted exactly over the full tables in one shuffle: every row of train, synthetic and holdout, as its
 * compared columns in the evaluation's types (numbers as doubles, the rest as strings), tagged with its side; one
 * group-by on those values tells, for each synthetic and holdout row, whether some training row has the same values.
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

  private Copies() {}

  static Result count(Dataset<Row> train, Dataset<Row> synthetic, Dataset<Row> holdout, List<EvalColumn> cols) {
    Dataset<Row> all = tagged(train, cols, 1, 0, 0).union(tagged(synthetic, cols, 0, 1, 0));
    if (holdout != null) {
      all = all.union(tagged(holdout, cols, 0, 0, 1));
    }
    Column[] keys = new Column[cols.size()];
    for (int i = 0; i < keys.length; i++) {
      keys[i] = col("c" + i);
    }
    // grouping on the typed values: nulls group together, NaN and -0.0 are normalised by Spark
    Row r = all.groupBy(keys).agg(max("t").as("t"), sum("s").as("s"), sum("h").as("h"))
        .agg(sum(when(col("t").equalTo(1), col("s")).otherwise(0)), sum("s"),
            sum(when(col("t").equalTo(1), col("h")).otherwise(0)), sum("h"))
        .first();
    return new Result(num(r, 0), num(r, 1), num(r, 2), num(r, 3));
  }

  private static long num(Row r, int i) {
    return r.isNullAt(i) ? 0 : r.getLong(i);
  }

  private static Dataset<Row> tagged(Dataset<Row> df, List<EvalColumn> cols, int t, int s, int h) {
    return Sample.prepare(df, cols).withColumn("t", lit(t)).withColumn("s", lit((long) s))
        .withColumn("h", lit((long) h));
  }
}
