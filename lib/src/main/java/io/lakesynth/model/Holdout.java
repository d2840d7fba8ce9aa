package io.lakesynth.model;

import java.util.Arrays;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/**
 * Deterministic train/holdout split by a seeded hash of each row's values: the same table and
 * seed always give the same split, whatever the partitioning, so `run` can keep the holdout out
 * of fitting and evaluate against it later.
 */
public final class Holdout {
  private static final int BUCKETS = 10_000;

  private Holdout() {}

  private static Column bucket(Dataset<Row> df, long seed) {
    Column[] cols = Arrays.stream(df.columns()).map(c -> functions.col(ModelFrames.quote(c))).toArray(Column[]::new);
    Column h = functions.xxhash64(functions.concat(functions.lit(Long.toString(seed)),
        functions.to_json(functions.struct(cols))));
    return functions.pmod(h, functions.lit(BUCKETS));
  }

  public static Dataset<Row> train(Dataset<Row> df, double fraction, long seed) {
    if (fraction <= 0) {
      return df;
    }
    return df.filter(bucket(df, seed).geq(functions.lit(Math.round(fraction * BUCKETS))));
  }

  public static Dataset<Row> holdout(Dataset<Row> df, double fraction, long seed) {
    return df.filter(bucket(df, seed).lt(functions.lit(Math.round(fraction * BUCKETS))));
  }
}
