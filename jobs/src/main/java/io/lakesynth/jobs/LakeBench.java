package io.lakesynth.jobs;

import io.lakesynth.bench.LakeTable;
import io.lakesynth.config.Settings;
import io.lakesynth.config.SettingsLoader;
import io.lakesynth.config.TableFormat;
import io.lakesynth.config.WriteMode;
import io.lakesynth.evaluate.EvaluateAction;
import io.lakesynth.evaluate.EvaluationReport;
import io.lakesynth.generate.GenerateAction;
import io.lakesynth.io.Paths;
import io.lakesynth.io.TableWriter;
import io.lakesynth.model.FitAction;
import io.lakesynth.model.Holdout;
import io.lakesynth.model.SynthModel;
import io.lakesynth.profile.ProfileAction;
import io.lakesynth.profile.TableProfile;
import java.io.PrintStream;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/**
 * {@code scripts/bench --scenario lake}: the whole pipeline as {@code run} chains it (holdout split, profile and fit on
 * the train split, generate as many rows as the source, evaluate) on {@link LakeTable}, then a backfill of every day
 * in {@code slice} mode from the same model. Each stage is timed next to a same-run baseline (a plain aggregate scan
 * for profile, fit and evaluate, Spark's rand() write of the same schema and partitioning for generate and the
 * backfill) and metered by {@link StageMeter}; the result is printed as a Markdown table.
 */
final class LakeBench {
  static final long SEED = 7;
  static final String TARGET = "event_type";

  private final SparkSession spark;
  private final PrintStream out;
  private final String dir;
  private final StageMeter meter;
  private final List<String> overrides;
  private final List<Line> lines = new ArrayList<>();

  /** One printed row: a stage against its baseline ({@code ratio} = stage / baseline, or baseline / stage). */
  record Line(String stage, double seconds, String baseline, double baselineSeconds, double ratio, String goal,
      StageMeter.Figures figures) {}

  /** What the scenario produced, for the smoke test. */
  record Outcome(List<Line> lines, long sourceRows, long syntheticRows, long backfillRows, long backfillDays,
      double quality) {}

  LakeBench(SparkSession spark, PrintStream out, String dir, List<String> overrides) {
    this.spark = spark;
    this.overrides = List.copyOf(overrides);
    this.out = out;
    this.dir = dir;
    this.meter = StageMeter.register(spark);
  }

  Outcome run(long rows, int days) {
    String src = dir + "/lake-" + rows;
    int partitions = Math.max(spark.sparkContext().defaultParallelism(), (int) ((rows + 999_999) / 1_000_000));
    String marker = src + "/_SUCCESS";
    if (Paths.exists(spark, marker)) {
      // the table is a pure function of (rows, seed): a complete one from an earlier run is the same table
      out.printf(Locale.ROOT, "lake: source of %d rows x 21 columns reused from %s%n", rows, src);
    } else {
      long t = System.nanoTime();
      LakeTable.table(spark, rows, partitions, SEED).write().mode("overwrite").partitionBy("event_date")
          .parquet(src);
      out.printf(Locale.ROOT, "lake: source of %d rows x 21 columns written in %.1f s to %s (%d partitions)%n", rows,
          seconds(t), src, partitions);
    }
    Dataset<Row> source = spark.read().parquet(src);
    plainScan(source); // warm-up: JIT, file listing, OS cache
    double scan = timed(() -> plainScan(source));
    LocalDate first = LocalDate.parse(LakeTable.FIRST_DAY);
    Settings s = settings("evaluate.target=" + TARGET, "generate.output.mode=overwrite",
        "generate.output.format=parquet", "generate.rows=" + rows);
    double f = s.evaluate().holdoutFraction();
    Holdout.Cached split = Holdout.cached(source, f, s.evaluate().seed());
    Dataset<Row> train = split.train();
    Dataset<Row> holdout = split.holdout();
    try {
      stage("holdout split (cached)", "plain scan", scan, false, "-", () -> train.count() + holdout.count());
      TableProfile p = stage("profile (train split)", "plain scan", scan, false, "<= 2x",
          () -> new ProfileAction(spark).source(train, "lake", src, "parquet").partitionColumns(List.of("event_date"))
              .settings(s.profile()).execute());
      SynthModel m = stage("fit (train split)", "plain scan", scan, false, "<= 10x",
          () -> new FitAction(spark).source(train).profile(p).settings(s.model()).execute());
      double randWrite = timed(() -> TableWriter.write(spark, LakeTable.randBaseline(spark, rows, partitions),
          new TableWriter.Target(dir + "/lake-rand", TableFormat.PARQUET, WriteMode.OVERWRITE,
              List.of("event_date"), 0, "", "bench")));
      String synPath = dir + "/lake-synthetic";
      GenerateAction.Result g = stage("generate " + rows + " rows", "rand() write", randWrite, true, ">= 0.8x",
          () -> new GenerateAction(spark).model(m).settings(s.generate()).output(synPath).runId("bench").execute());
      Dataset<Row> synthetic = spark.read().parquet(synPath);
      double both = scan + timed(() -> plainScan(synthetic));
      EvaluationReport r = stage("evaluate (target " + TARGET + ")", "plain scans real + synthetic", both, false,
          "<= 3x", () -> new EvaluateAction(spark).real(source, train, holdout, "lake", src)
              .synthetic(synthetic, synPath).profile(p).model(m).settings(s.evaluate()).execute());
      String backfillPath = dir + "/lake-backfill";
      Settings.GenerateSettings slice = settings("generate.output.mode=slice", "generate.output.format=parquet",
          "generate.slice.column=event_date", "generate.slice.from=" + first,
          "generate.slice.to=" + first.plusDays(days - 1)).generate();
      // rows per day come from the profile's partition counts (the train split): the baseline scales with them
      GenerateAction.Result b = stage("backfill " + days + " days (slice)", "rand() write, same rows",
          randWrite * p.rowCount() * days / LakeTable.DAYS / rows, true, ">= 0.8x",
          () -> new GenerateAction(spark).model(m).settings(slice).output(backfillPath).runId("bench").execute());
      long backfillDays = spark.read().parquet(backfillPath).select("event_date").distinct().count();
      print(rows);
      return new Outcome(List.copyOf(lines), rows, g.rows(), b.rows(), backfillDays, r.quality());
    } finally {
      split.close();
    }
  }

  /** The scenario's settings: these, then the user's --set overrides (which win). */
  private Settings settings(String... own) {
    List<String> all = new ArrayList<>(List.of(own));
    all.addAll(overrides);
    return SettingsLoader.load(Optional.empty(), all);
  }

  /** Runs one stage under the meter and records its line. */
  private <T> T stage(String name, String baseline, double baselineSeconds, boolean throughput, String goal,
      Supplier<T> work) {
    meter.start();
    long t = System.nanoTime();
    T result = work.get();
    double sec = seconds(t);
    StageMeter.Figures fig = meter.stop(spark.sparkContext());
    double ratio = throughput ? baselineSeconds / sec : sec / baselineSeconds;
    lines.add(new Line(name, sec, baseline, baselineSeconds, ratio, goal, fig));
    out.printf(Locale.ROOT, "lake: %s %.1f s (%s %.1f s: %.2fx), %d Spark jobs, shuffle %d MiB%n", name, sec,
        baseline, baselineSeconds, ratio, fig.jobs(), fig.shuffleBytes() >> 20);
    return result;
  }

  private void print(long rows) {
    out.printf(Locale.ROOT, "%nlake scenario: %d rows x 21 columns, master %s, driver max heap %d MiB, executor "
        + "memory %s%n%n", rows, spark.sparkContext().master(), StageMeter.driverMaxHeap() >> 20,
        spark.sparkContext().getConf().get("spark.executor.memory", "(local: the driver JVM)"));
    out.println("| stage | seconds | baseline | baseline s | ratio | goal | Spark jobs | shuffle MiB "
        + "| driver peak heap MiB | executor peak heap MiB |");
    out.println("|---|---|---|---|---|---|---|---|---|---|");
    for (Line l : lines) {
      StageMeter.Figures fig = l.figures();
      out.printf(Locale.ROOT, "| %s | %.1f | %s | %.1f | %.2fx | %s | %d | %d | %d | %s |%n", l.stage(), l.seconds(),
          l.baseline(), l.baselineSeconds(), l.ratio(), l.goal(), fig.jobs(), fig.shuffleBytes() >> 20,
          fig.driverPeak() >> 20, fig.executorPeak() < 0 ? "= driver" : (fig.executorPeak() >> 20) + " (max of "
              + fig.executors() + ")");
    }
  }

  /** One aggregate scan: count and max of every column (the cheapest full read Spark's optimizer keeps). */
  static long plainScan(Dataset<Row> df) {
    List<Column> aggs = new ArrayList<>();
    for (String c : df.columns()) {
      aggs.add(functions.count(functions.col(c)));
      aggs.add(functions.max(functions.col(c)));
    }
    return df.agg(aggs.get(0), aggs.subList(1, aggs.size()).toArray(new Column[0])).first().getLong(0);
  }

  private static double timed(Runnable r) {
    long t = System.nanoTime();
    r.run();
    return seconds(t);
  }

  private static double seconds(long start) {
    return (System.nanoTime() - start) / 1e9;
  }
}
