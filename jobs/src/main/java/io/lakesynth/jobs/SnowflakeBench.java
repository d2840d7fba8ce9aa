package io.lakesynth.jobs;

import io.lakesynth.bench.BenchTables;
import io.lakesynth.config.MultiTableSettings;
import io.lakesynth.config.Settings;
import io.lakesynth.config.SettingsLoader;
import io.lakesynth.generate.GenerateAction;
import io.lakesynth.io.SparkSessions;
import io.lakesynth.io.TableReader;
import io.lakesynth.multitable.MultiTableFit;
import io.lakesynth.multitable.MultiTableGenerate;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * {@code scripts/bench-snowflake}: the three-level snowflake accounts -> users -> events of {@link BenchTables}, fitted
 * on {@code --accounts} real accounts and generated at {@code --scale} (every table), against a single-table generate
 * of as many event rows from the same events model (the chain's cost over plain generation: regenerating the
 * ancestors and drawing the counts). Prints times, rows/s and peak heap of both.
 *
 * <pre>
 * SnowflakeBench [--accounts N] [--scale S] [--dir DIR] [--master M]
 * </pre>
 */
public final class SnowflakeBench {
  private SnowflakeBench() {}

  public static void main(String[] args) throws IOException {
    System.exit(run(args, System.out));
  }

  static int run(String[] args, PrintStream out) throws IOException {
    long accounts = 5_000;
    double scale = 10;
    String dir = "work/bench-snowflake";
    String master = "local[*]";
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--accounts" -> accounts = Long.parseLong(args[i + 1]);
        case "--scale" -> scale = Double.parseDouble(args[i + 1]);
        case "--dir" -> dir = args[i + 1].replaceAll("/+$", "");
        case "--master" -> master = args[i + 1];
        default -> {
          out.println("bench-snowflake: unknown option " + args[i]
              + "; usage: [--accounts N] [--scale S] [--dir DIR] [--master M]");
          return 2;
        }
      }
    }
    Path conf = Files.createTempFile("snowflake", ".conf");
    Files.writeString(conf, """
        lakesynth {
          work-dir = "%1$s/work"
          spark.master = "%2$s"
          generate.output.mode = overwrite
          source.format = parquet
          tables {
            accounts { source.path = "%1$s/real/accounts", primary-key = account_id, scale = %3$s }
            users { source.path = "%1$s/real/users", primary-key = user_id, scale = %3$s
                    foreign-keys = [{ column = account_id, references = accounts.account_id }] }
            events { source.path = "%1$s/real/events", scale = %3$s
                     foreign-keys = [{ column = user_id, references = users.user_id }] }
          }
        }
        """.formatted(dir, master, scale));
    Settings settings = SettingsLoader.load(Optional.of(conf), List.of());
    Files.delete(conf);
    SparkSession spark = SparkSessions.getOrCreate(settings.spark());
    MultiTableSettings mt = settings.multiTable();
    out.printf(Locale.ROOT, "bench-snowflake: %d cores, max heap %d MiB, %d real accounts, scale %.1f%n",
        Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20, accounts, scale);
    Dataset<Row>[] real = BenchTables.snowflake(spark, accounts, Math.max(2, (int) (accounts / 5_000)));
    Map<String, Dataset<Row>> tables = new LinkedHashMap<>();
    for (int i = 0; i < 3; i++) {
      String name = mt.tables().get(i).name();
      real[i].write().mode("overwrite").parquet(dir + "/real/" + name);
      tables.put(name, TableReader.read(spark, mt.table(name).settings().source()));
    }
    out.printf(Locale.ROOT, "real: %d accounts, %d users, %d events%n", tables.get("accounts").count(),
        tables.get("users").count(), tables.get("events").count());
    long t0 = System.nanoTime();
    Map<String, MultiTableFit.Fitted> fitted = new MultiTableFit(spark).settings(mt).tables(tables).execute();
    out.printf(Locale.ROOT, "fit (3 tables, parents first): %.1f s%n", seconds(t0));
    Bench.Peak peak = Bench.Peak.start();
    long t1 = System.nanoTime();
    Map<String, GenerateAction.Result> g = new MultiTableGenerate(spark).settings(mt).fitted(fitted).runId("bench")
        .execute();
    double multi = seconds(t1);
    long multiHeap = peak.stop();
    g.forEach((table, r) -> out.printf(Locale.ROOT, "generate %s: %d rows in %.1f s (%.0f rows/s)%n", table, r.rows(),
        r.seconds(), r.rows() / r.seconds()));
    GenerateAction.Result events = g.get("events");
    Settings single = SettingsLoader.load(Optional.empty(), List.of("generate.rows=" + events.rows(),
        "generate.output.mode=overwrite", "spark.master=" + master));
    peak = Bench.Peak.start();
    long t2 = System.nanoTime();
    GenerateAction.Result plain = new GenerateAction(spark).model(fitted.get("events").model())
        .settings(single.generate()).output(dir + "/single-table-events").runId("bench").execute();
    double one = seconds(t2);
    long oneHeap = peak.stop();
    out.printf(Locale.ROOT, "events: multi-table %d rows in %.1f s (%.0f rows/s) vs single-table generate of %d rows "
        + "from the same model in %.1f s (%.0f rows/s): time ratio %.2fx; peak heap %d MiB vs %d MiB (ratio %.2fx); "
        + "all three tables in %.1f s%n", events.rows(), events.seconds(), events.rows() / events.seconds(),
        plain.rows(), one, plain.rows() / one, events.seconds() / one, multiHeap >> 20, oneHeap >> 20,
        (double) multiHeap / oneHeap, multi);
    return 0;
  }

  private static double seconds(long start) {
    return (System.nanoTime() - start) / 1e9;
  }
}
