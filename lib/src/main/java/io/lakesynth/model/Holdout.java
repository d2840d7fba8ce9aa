package io.lakesynth.model;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.functions;

/**
 * Deterministic train/holdout split by a seeded hash of each row's values: the same table and
 * seed always give the same split, whatever the partitioning, so `run` can keep the holdout out
 * of fitting and evaluate against it later.
 */
public final class Holdout {
  private static final int BUCKETS = 10_000;

  private Holdout() {}

  private static final String JSON = "__lakesynth_row";
  private static final String OCCURRENCE = "__lakesynth_occurrence";

  /**
   * Each row with its bucket: a hash of the seed, the row's values and its occurrence number among identical rows,
   * so duplicates of a row are split like distinct rows (the holdout's natural exact-copy rate stays meaningful).
   */
  private static Dataset<Row> withBucket(Dataset<Row> df, long seed) {
    Dataset<Row> j = df.withColumn(JSON, ModelFrames.rowJson(df));
    j = j.withColumn(OCCURRENCE, functions.row_number().over(Window.partitionBy(JSON).orderBy(JSON)));
    return j.withColumn(JSON, functions.pmod(functions.xxhash64(functions.lit(seed), functions.col(JSON),
        functions.col(OCCURRENCE)), functions.lit(BUCKETS))).drop(OCCURRENCE);
  }

  /** The expected share of rows the train split keeps (its buckets over all buckets). */
  public static double trainShare(double fraction) {
    return fraction <= 0 ? 1.0 : 1.0 - (double) Math.round(fraction * BUCKETS) / BUCKETS;
  }

  public static Dataset<Row> train(Dataset<Row> df, double fraction, long seed) {
    if (fraction <= 0) {
      return df;
    }
    return trainOf(withBucket(df, seed), fraction);
  }

  public static Dataset<Row> holdout(Dataset<Row> df, double fraction, long seed) {
    return holdoutOf(withBucket(df, seed), fraction);
  }

  private static Dataset<Row> trainOf(Dataset<Row> bucketed, double fraction) {
    return bucketed.filter(functions.col(JSON).geq(functions.lit(Math.round(fraction * BUCKETS)))).drop(JSON);
  }

  private static Dataset<Row> holdoutOf(Dataset<Row> bucketed, double fraction) {
    return bucketed.filter(functions.col(JSON).lt(functions.lit(Math.round(fraction * BUCKETS)))).drop(JSON);
  }

  /**
   * The split computed once for several stages: every row with its bucket cached (the window over all rows runs once,
   * not once for train and again for holdout), train and holdout as filters of that cache. With fraction 0 nothing is
   * cached: train is the source and there is no holdout. Close it to release the cache.
   */
  public static Cached cached(Dataset<Row> df, double fraction, long seed) {
    if (fraction <= 0) {
      return new Cached(df, null, null);
    }
    Dataset<Row> bucketed = withBucket(df, seed).cache();
    return new Cached(trainOf(bucketed, fraction), holdoutOf(bucketed, fraction), bucketed);
  }

  /** Train and holdout of one cached split (holdout null when the fraction is 0). */
  public record Cached(Dataset<Row> train, Dataset<Row> holdout, Dataset<Row> bucketed) implements AutoCloseable {
    @Override
    public void close() {
      if (bucketed != null) {
        bucketed.unpersist();
      }
    }
  }
}
