package io.lakesynth.jobs;

import io.lakesynth.bench.BenchTables;
import io.lakesynth.config.Settings;
import io.lakesynth.config.SettingsLoader;
import io.lakesynth.config.TableFormat;
import io.lakesynth.config.WriteMode;
import io.lakesynth.generate.GenerateAction;
import io.lakesynth.io.SparkSessions;
import io.lakesynth.io.TableWriter;
import io.lakesynth.model.FitAction;
import io.lakesynth.model.SynthModel;
import io.lakesynth.profile.ProfileAction;
import io.lakesynth.profile.TableProfile;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/**
 * {@code scripts/bench}: profile, fit and generate timings with same-run baselines (see the README's Performance
 * section). Not part of the test suite; a smoke test runs it with tiny sizes.
 *
 * <pre>
 * Bench [--rows N] [--fit-rows N,N] [--fit-columns 15,60,240] [--fit-columns-rows N]
 *       [--formats parquet,delta] [--only profile,fit,generate,evaluate] [--dir DIR] [--master M]
 *       [--evaluate-rows N] [--evaluate-target COLUMN]
 * Bench --scenario lake --rows N [--days 90] [--dir DIR] [--master M] [--set lakesynth.key=value]...
 * </pre>
 *
 * <p>The lake scenario ({@link LakeBench}) runs the whole pipeline on {@code io.lakesynth.bench.LakeTable} and a
 * backfill of {@code --days} days in slice mode, each stage against a same-run baseline, with Spark jobs, shuffle
 * bytes and peak heaps; {@code --set} overrides lakesynth settings (e.g. {@code evaluate.tstr-rows=5000} or
 * {@code spark.conf."spark.sql.shuffle.partitions"=8}) for the session and every stage.
 *
 * <p>The evaluate section times profile + fit + generate + evaluate, as {@code run} chains them (profile and fit on
 * the train split), on a generated table of two 225-value categoricals, a timestamp and two integers, and prints
 * evaluate's time against the three other stages together.
 *
 * <pre>
 * </pre>
 */
public final class Bench {
  private final SparkSession spark;
  private final PrintStream out;
  private final String dir;
  private final Settings settings;

  Bench(SparkSession spark, PrintStream out, String dir) {
    this.spark = spark;
    this.out = out;
    this.dir = dir;
    this.settings = SettingsLoader.load(Optional.empty(), List.of());
  }

  public static void main(String[] args) {
    System.exit(run(args, System.out));
  }

  static int run(String[] args, PrintStream out) {
    long rows = 2_000_000;
    List<Long> fitRows = List.of(1_000_000L, 10_000_000L);
    List<Integer> fitColumns = List.of(15, 60, 240);
    long fitColumnsRows = 200_000;
    List<String> formats = List.of("parquet", "delta");
    List<String> only = List.of("profile", "fit", "generate");
    long evaluateRows = 2_400_000;
    String evaluateTarget = "origin";
    String dir = "work/bench";
    String master = "local[*]";
    String scenario = "";
    int days = 90;
    List<String> overrides = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      String v = i + 1 < args.length ? args[i + 1] : "";
      switch (args[i]) {
        case "--rows" -> rows = Long.parseLong(v);
        case "--fit-rows" -> fitRows = List.of(v.split(",")).stream().map(Long::parseLong).toList();
        case "--fit-columns" -> fitColumns = List.of(v.split(",")).stream().map(Integer::parseInt).toList();
        case "--fit-columns-rows" -> fitColumnsRows = Long.parseLong(v);
        case "--formats" -> formats = List.of(v.split(","));
        case "--only" -> only = List.of(v.split(","));
        case "--evaluate-rows" -> evaluateRows = Long.parseLong(v);
        case "--evaluate-target" -> evaluateTarget = v;
        case "--dir" -> dir = v;
        case "--master" -> master = v;
        case "--scenario" -> scenario = v;
        case "--days" -> days = Integer.parseInt(v);
        case "--set" -> overrides.add(v);
        case "-h", "--help" -> {
          out.println("Usage: scripts/bench [--rows N] [--fit-rows N,N] [--fit-columns 15,60,240] "
              + "[--fit-columns-rows N] [--formats parquet,delta] [--only profile,fit,generate,evaluate] "
              + "[--dir DIR] [--master M] [--evaluate-rows N] [--evaluate-target COLUMN] [--scenario lake [--days N] [--set key=value]...]");
          return 0;
        }
        default -> {
          out.println("bench: unknown option " + args[i]);
          return 2;
        }
      }
      i++;
    }
    if (!scenario.isEmpty() && !scenario.equals("lake")) {
      out.println("bench: unknown scenario " + scenario + " (known: lake)");
      return 2;
    }
    List<String> sparkOverrides = new ArrayList<>(overrides);
    sparkOverrides.add("spark.master=" + master);
    Settings base = SettingsLoader.load(Optional.empty(), sparkOverrides);
    SparkSession spark = SparkSessions.getOrCreate(base.spark());
    Bench b = new Bench(spark, out, dir.replaceAll("/+$", ""));
    int cores = Runtime.getRuntime().availableProcessors();
    out.printf(Locale.ROOT, "bench: %s, %d cores, max heap %d MiB, Spark %s master %s%n",
        System.getProperty("os.name"), cores, Runtime.getRuntime().maxMemory() >> 20, spark.version(),
        spark.sparkContext().master());
    if (scenario.equals("lake")) {
      new LakeBench(spark, out, b.dir, overrides).run(rows, days);
      return 0;
    }
    if (only.contains("profile")) {
      b.profile(rows);
    }
    if (only.contains("fit")) {
      b.fit(fitRows, fitColumns, fitColumnsRows);
    }
    if (only.contains("generate")) {
      b.generate(rows, formats);
    }
    if (only.contains("evaluate")) {
      new EvaluateBench(spark, out, b.dir).run(evaluateRows, evaluateTarget);
    }
    return 0;
  }

  private String source(long rows, int columns) {
    String path = dir + "/source-" + rows + "x" + columns;
    Dataset<Row> df = BenchTables.mixed(spark, rows, Math.max(2, (int) (rows / 1_000_000)));
    if (columns > 15) {
      List<Column> cols = new ArrayList<>();
      for (String c : df.columns()) {
        cols.add(functions.col(c));
      }
      for (int copy = 1; copy * 15 < columns; copy++) {
        for (String c : df.columns()) {
          cols.add(functions.col(c).alias(c + "_" + copy));
        }
      }
      df = df.select(cols.toArray(new Column[0]));
    }
    df.write().mode("overwrite").parquet(path);
    return path;
  }

  void profile(long rows) {
    String path = source(rows, 15);
    // the baseline: one aggregate scan (count and max of every column), run once to warm up (JIT, file listing,
    // OS cache) and then timed
    Dataset<Row> df = spark.read().parquet(path);
    List<Column> aggs = new ArrayList<>();
    for (String c : df.columns()) {
      aggs.add(functions.count(functions.col(c)));
      aggs.add(functions.max(functions.col(c)));
    }
    df.agg(aggs.get(0), aggs.subList(1, aggs.size()).toArray(new Column[0])).first();
    long t0 = System.nanoTime();
    spark.read().parquet(path).agg(aggs.get(0), aggs.subList(1, aggs.size()).toArray(new Column[0])).first();
    double plain = seconds(t0);
    long t1 = System.nanoTime();
    TableProfile p = new ProfileAction(spark).source(spark.read().parquet(path), "bench", path, "parquet")
        .settings(settings.profile()).execute();
    double prof = seconds(t1);
    out.printf(Locale.ROOT, "profile: %d rows x %d columns: lakesynth %.1f s (%d Spark jobs) vs one plain aggregate "
        + "scan %.1f s: ratio %.2fx (goal <= 3x)%n", p.rowCount(), p.columns().size(), prof, p.sparkJobs(), plain,
        prof / plain);
  }

  void fit(List<Long> rowCounts, List<Integer> columnCounts, long columnsRows) {
    for (long n : rowCounts) {
      fitOne(n, 15);
    }
    for (int c : columnCounts) {
      fitOne(columnsRows, c);
    }
  }

  private SynthModel fitOne(long rows, int columns) {
    String path = source(rows, columns);
    Dataset<Row> df = spark.read().parquet(path);
    TableProfile p = new ProfileAction(spark).source(df, "bench", path, "parquet").settings(settings.profile())
        .execute();
    long t0 = System.nanoTime();
    SynthModel m = new FitAction(spark).source(df).profile(p).settings(settings.model()).execute();
    out.printf(Locale.ROOT, "fit: %d rows x %d columns: %.1f s (%s, %d nodes)%n", rows, columns, seconds(t0),
        m.metadata().modelType(), m.metadata().nodeNames().size());
    return m;
  }

  void generate(long rows, List<String> formats) {
    SynthModel model = fitOne(200_000, 15);
    int partitions = Math.max(spark.sparkContext().defaultParallelism(), (int) (rows / 1_000_000));
    for (String f : formats) {
      TableFormat format = TableFormat.valueOf(f.toUpperCase(Locale.ROOT));
      String basePath = dir + "/baseline-" + f;
      Dataset<Row> baseline = BenchTables.randBaseline(spark, rows, partitions);
      long t0 = System.nanoTime();
      TableWriter.write(spark, baseline, new TableWriter.Target(basePath, format, WriteMode.OVERWRITE, List.of(), 0,
          "", "bench"));
      double base = seconds(t0);
      Settings s = SettingsLoader.load(Optional.empty(), List.of("generate.rows=" + rows,
          "generate.partitions=" + partitions, "generate.output.format=" + f, "generate.output.mode=overwrite"));
      Peak peak = Peak.start();
      long t1 = System.nanoTime();
      GenerateAction.Result r = new GenerateAction(spark).model(model).settings(s.generate())
          .output(dir + "/synthetic-" + f).runId("bench").execute();
      double gen = seconds(t1);
      long heap = peak.stop();
      out.printf(Locale.ROOT, "generate %s: %d rows: lakesynth %.0f rows/s (%.1f s) vs Spark rand() table %.0f rows/s "
          + "(%.1f s): ratio %.2fx (goal >= 0.7x); peak heap during generate %d MiB%n", f, r.rows(), rows / gen, gen,
          rows / base, base, base / gen, heap >> 20);
    }
  }

  private static double seconds(long start) {
    return (System.nanoTime() - start) / 1e9;
  }

  /** Peak used heap (all heap pools) of this JVM, sampled every 50 ms. Local mode: driver and executors share it. */
  static final class Peak {
    private final AtomicLong max = new AtomicLong();
    private volatile boolean running = true;
    private Thread thread;

    static Peak start() {
      for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
        if (pool.getType() == MemoryType.HEAP) {
          pool.resetPeakUsage();
        }
      }
      Peak p = new Peak();
      p.thread = new Thread(() -> {
        while (p.running) {
          p.max.accumulateAndGet(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max);
          try {
            Thread.sleep(50);
          } catch (InterruptedException e) {
            return;
          }
        }
      }, "bench-heap");
      p.thread.setDaemon(true);
      p.thread.start();
      return p;
    }

    long stop() {
      running = false;
      thread.interrupt();
      return max.get();
    }
  }
}
