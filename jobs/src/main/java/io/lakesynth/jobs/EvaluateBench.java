package io.lakesynth.jobs;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.format_string;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.timestamp_seconds;
import static org.apache.spark.sql.functions.xxhash64;

import io.lakesynth.config.Settings;
import io.lakesynth.config.SettingsLoader;
import io.lakesynth.evaluate.EvaluateAction;
import io.lakesynth.evaluate.EvaluationReport;
import io.lakesynth.generate.GenerateAction;
import io.lakesynth.model.FitAction;
import io.lakesynth.model.Holdout;
import io.lakesynth.model.SynthModel;
import io.lakesynth.profile.ProfileAction;
import io.lakesynth.profile.TableProfile;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The evaluate benchmark: profile, fit, generate and evaluate timed as {@code run} chains them, on a generated table of
 * two 225-value categoricals (origin, dest: skewed, dest depending on origin), a timestamp and two integers (delay,
 * distance: depending on the hour and on origin/dest). Values are seeded hashes of the row id, so the table is the
 * same on every machine.
 */
final class EvaluateBench {
  private final SparkSession spark;
  private final PrintStream out;
  private final String dir;

  EvaluateBench(SparkSession spark, PrintStream out, String dir) {
    this.spark = spark;
    this.out = out;
    this.dir = dir;
  }

  /** A uniform in [0, 1) from a seeded hash of the row id. */
  static Column u(String salt) {
    return pmod(xxhash64(lit(salt), col("id")), lit(1_000_003)).divide(1_000_003.0);
  }

  static Dataset<Row> table(SparkSession spark, long rows) {
    Column origin = floor(u("o").multiply(u("o2")).multiply(225));
    return spark.range(0, rows, 1, Math.max(2, (int) (rows / 500_000)))
        .withColumn("o", origin)
        .withColumn("d", pmod(col("o").plus(floor(u("d").multiply(u("d")).multiply(30))), lit(225)))
        .withColumn("origin", format_string("A%03d", col("o")))
        .withColumn("dest", format_string("A%03d", col("d")))
        .withColumn("departure", timestamp_seconds(lit(1_704_067_200L)
            .plus(floor(u("t").multiply(365 * 24 * 60)).multiply(60))))
        .withColumn("delay", floor(u("y").multiply(u("y2")).multiply(120)
            .minus(10).plus(col("o").divide(20))).cast("int"))
        .withColumn("distance", col("d").minus(col("o")).multiply(37).plus(floor(u("k").multiply(200)))
            .plus(300).cast("int"))
        .select("origin", "dest", "departure", "delay", "distance");
  }

  void run(long rows, String target) {
    String path = dir + "/evaluate-source-" + rows;
    table(spark, rows).write().mode("overwrite").parquet(path);
    Settings s = SettingsLoader.load(Optional.empty(), List.of("evaluate.target=" + target,
        "generate.output.mode=overwrite", "generate.output.format=parquet"));
    Dataset<Row> source = spark.read().parquet(path);
    double f = s.evaluate().holdoutFraction();
    Holdout.Cached split = Holdout.cached(source, f, s.evaluate().seed());
    Dataset<Row> train = split.train();
    Dataset<Row> holdout = split.holdout();
    try {
      long t0 = System.nanoTime();
      TableProfile p = new ProfileAction(spark).source(train, "bench", path, "parquet").settings(s.profile())
          .execute();
      double prof = seconds(t0);
      long t1 = System.nanoTime();
      SynthModel m = new FitAction(spark).source(train).profile(p).settings(s.model()).execute();
      double fit = seconds(t1);
      long t2 = System.nanoTime();
      String synPath = dir + "/evaluate-synthetic-" + rows;
      GenerateAction.Result g = new GenerateAction(spark).model(m).settings(s.generate()).output(synPath)
          .runId("bench").execute();
      double gen = seconds(t2);
      long t3 = System.nanoTime();
      EvaluationReport r = new EvaluateAction(spark).real(source, train, holdout, "bench", path)
          .synthetic(spark.read().parquet(synPath), synPath).profile(p).model(m).settings(s.evaluate()).execute();
      double eval = seconds(t3);
      out.printf(Locale.ROOT, "evaluate: %d rows x 5 columns (%d synthetic): profile %.1f s + fit %.1f s + generate"
          + " %.1f s = %.1f s; evaluate %.1f s: ratio %.2fx (goal <= 1x); quality %.4f, TSTR ratio %.4f (%s)%n",
          rows, g.rows(), prof, fit, gen, prof + fit + gen, eval, eval / (prof + fit + gen), r.quality(),
          r.utility() == null ? Double.NaN : r.utility().ratio(), r.utility() == null ? "-" : r.utility().verdict());
    } finally {
      split.close();
    }
  }

  private static double seconds(long start) {
    return (System.nanoTime() - start) / 1e9;
  }
}
