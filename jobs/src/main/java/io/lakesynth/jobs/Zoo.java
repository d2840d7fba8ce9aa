package io.lakesynth.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lakesynth.io.SparkSessions;
import io.lakesynth.model.ModelFrames;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * {@code scripts/zoo}: the default pipeline ({@code lakesynth run}) on every real table of {@code data/zoo}, next to two
 * baselines evaluated the same way in the same run: independent marginals (each column drawn on its own from the
 * real training rows, with replacement) and shuffled columns (each column permuted on its own). Prints one line per
 * table: Quality, strong-pair trends, TSTR ratio, worst column shapes, exact-copy rates.
 *
 * <pre>Zoo [--data data/zoo] [--dir work/zoo] [--tables adult,penguins,...] [--master local[*]]
 *     [--set key=value]...</pre>
 * {@code --set} passes a configuration override to every table's run (to compare a setting on the whole zoo).
 */
public final class Zoo {
  /** One zoo table: file, ML target, CSV null marker, columns that must stay strings, partition column. */
  record Table(String name, String file, String target, String nullValue, List<String> strings, String partition) {}

  static final List<Table> TABLES = List.of(
      new Table("adult", "adult.csv", "income", "?", List.of(), ""),
      new Table("penguins", "penguins.csv", "Species", "", List.of(), ""),
      new Table("seattle-weather", "seattle-weather.csv", "weather", "", List.of(), ""),
      new Table("airports", "airports.csv", "state", "", List.of("iata"), ""),
      new Table("zipcodes", "zipcodes.csv", "state", "", List.of("zip_code"), ""),
      new Table("earthquakes", "earthquakes.csv", "magType", "", List.of("id"), ""),
      new Table("cars", "cars.csv", "Origin", "", List.of(), ""),
      new Table("flights-20k", "flights-20k.csv", "", "", List.of("origin", "destination"), "day"));

  private static final ObjectMapper JSON = new ObjectMapper();

  private Zoo() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out));
  }

  static int run(String[] args, PrintStream out) {
    String data = "data/zoo";
    String dir = "work/zoo";
    String master = "local[*]";
    List<String> only = null;
    List<String> sets = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      String v = i + 1 < args.length ? args[i + 1] : "";
      switch (args[i]) {
        case "--data" -> data = v;
        case "--dir" -> dir = v;
        case "--master" -> master = v;
        case "--tables" -> only = List.of(v.split(","));
        case "--set" -> sets.add(v);
        case "-h", "--help" -> {
          out.println("Usage: scripts/zoo [--data data/zoo] [--dir work/zoo] [--tables adult,penguins,...] "
              + "[--master local[*]] [--set key=value]...");
          return 0;
        }
        default -> {
          out.println("zoo: unknown option " + args[i]);
          return 2;
        }
      }
      i++;
    }
    SparkSession spark = SparkSession.builder().master(master).appName("lakesynth-zoo")
        .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "8")
        .config(SparkSessions.CACHED_PARTITIONING, "true").config("spark.sql.session.timeZone", "UTC").getOrCreate();
    out.printf(Locale.ROOT, "%-16s %7s | %7s %7s %7s %7s | %7s %7s %7s | %7s %7s %7s | %9s %9s | %s%n", "table",
        "rows", "quality", "strong", "strongM", "tstr", "indep", "indepS", "indepM", "shuffle", "shufS", "shufM",
        "copies", "holdout", "worst shapes");
    int failures = 0;
    for (Table t : TABLES) {
      if (only != null && !only.contains(t.name())) {
        continue;
      }
      try {
        out.println(line(spark, t, data, dir, sets));
      } catch (RuntimeException e) {
        failures++;
        out.println(t.name() + ": FAILED " + e);
      }
    }
    return failures == 0 ? 0 : 1;
  }

  private static String line(SparkSession spark, Table t, String data, String dir, List<String> sets) {
    String work = dir + "/" + t.name();
    String source = work + "/source";
    Dataset<Row> real = read(spark, t, data + "/" + t.file());
    real.write().mode("overwrite").partitionBy(t.partition().isEmpty() ? new String[0] : new String[] {t.partition()})
        .parquet(source);
    List<String> runArgs = new ArrayList<>(List.of("run", "--source", source, "--source-format", "parquet",
        "--name", t.name(), "--work-dir", work, "--mode", "overwrite", "--run-date", "2024-01-01",
        "--set", "evaluate.seed=11"));
    for (String set : sets) {
      runArgs.addAll(List.of("--set", set));
    }
    if (!t.target().isEmpty()) {
      runArgs.addAll(List.of("--target", t.target()));
    }
    int code = Main.run(runArgs.toArray(new String[0]), System.err, System.err, false);
    if (code != 0) {
      throw new IllegalStateException("lakesynth run exited " + code + " (see the log above)");
    }
    JsonNode main = report(work + "/report/report.json");
    Dataset<Row> parquet = spark.read().parquet(source);
    JsonNode indep = baseline(spark, t, parquet, work, "independent", true);
    JsonNode shuffled = baseline(spark, t, parquet, work, "shuffled", false);
    return String.format(Locale.ROOT,
        "%-16s %7d | %7.3f %7.3f %7.3f %7s | %7.3f %7.3f %7.3f | %7.3f %7.3f %7.3f | %9.5f %9.5f | %s",
        t.name(), main.path("realRows").asLong(), main.path("quality").asDouble(), num(main, "strongPairTrends"),
        num(main, "measurableStrongPairTrends"),
        main.path("utility").isObject() ? String.format(Locale.ROOT, "%.3f", main.path("utility").path("ratio")
            .asDouble()) : "-",
        indep.path("quality").asDouble(), num(indep, "strongPairTrends"), num(indep, "measurableStrongPairTrends"),
        shuffled.path("quality").asDouble(), num(shuffled, "strongPairTrends"),
        num(shuffled, "measurableStrongPairTrends"), main.path("privacy").path("exactCopyRate").asDouble(),
        main.path("privacy").path("holdoutExactCopyRate").asDouble(), worst(main, 3));
  }

  private static double num(JsonNode r, String field) {
    JsonNode n = r.path(field);
    return n.isNumber() ? n.asDouble() : n.isTextual() ? Double.parseDouble(n.asText()) : Double.NaN;
  }

  /** The baseline table (independent draws or a per-column permutation of the real rows) evaluated like the model. */
  private static JsonNode baseline(SparkSession spark, Table t, Dataset<Row> real, String work, String kind,
      boolean withReplacement) {
    String path = work + "/baseline-" + kind;
    long n = real.count();
    Dataset<Row> ids = spark.range(n).toDF("__row");
    Dataset<Row> out = ids;
    int c = 0;
    for (String name : real.columns()) {
      Column key = withReplacement
          // a seeded draw of a row index per output row and column: independent marginals
          ? functions.pmod(functions.xxhash64(functions.lit(17 + c), functions.col("__row")), functions.lit(n))
          // a seeded permutation per column: shuffled columns
          : functions.row_number().over(Window.orderBy(functions.xxhash64(functions.lit(31 + c),
              functions.col("__row")))).minus(1);
      Dataset<Row> col = real.withColumn("__i", functions.row_number().over(Window.orderBy(
          functions.xxhash64(ModelFrames.rowJson(real)))).minus(1))
          .select(functions.col("__i"), functions.col(ModelFrames.quote(name)).alias(name));
      Dataset<Row> keyed = out.withColumn("__k" + c, key);
      out = keyed.join(col, keyed.col("__k" + c).equalTo(col.col("__i"))).drop("__i", "__k" + c);
      c++;
    }
    out.drop("__row").write().mode("overwrite").parquet(path);
    List<String> args = new ArrayList<>(List.of("evaluate", "--source", work + "/source", "--source-format",
        "parquet", "--name", t.name(), "--work-dir", work, "--synthetic", path, "--set",
        "evaluate.synthetic-format=parquet", "--report", work + "/report-" + kind, "--run-date", "2024-01-01"));
    if (!t.target().isEmpty()) {
      args.addAll(List.of("--target", t.target()));
    }
    int code = Main.run(args.toArray(new String[0]), System.err, System.err, false);
    if (code != 0) {
      throw new IllegalStateException("evaluate of the " + kind + " baseline exited " + code);
    }
    return report(work + "/report-" + kind + "/report.json");
  }

  private static String worst(JsonNode report, int k) {
    List<Map.Entry<String, Double>> scores = new ArrayList<>();
    for (JsonNode c : report.path("columns")) {
      if (c.path("score").isNumber()) {
        scores.add(Map.entry(c.path("column").asText(), c.path("score").asDouble()));
      }
    }
    scores.sort(Map.Entry.comparingByValue());
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < Math.min(k, scores.size()); i++) {
      sb.append(i > 0 ? ", " : "").append(String.format(Locale.ROOT, "%s %.2f", scores.get(i).getKey(),
          scores.get(i).getValue()));
    }
    return sb.toString();
  }

  private static JsonNode report(String path) {
    try {
      return JSON.readTree(Files.readString(Path.of(path)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads a zoo CSV: header, inferred types, trimmed, the table's null marker; key columns stay strings. */
  static Dataset<Row> read(SparkSession spark, Table t, String file) {
    Dataset<Row> inferred = spark.read().option("header", true).option("inferSchema", true)
        .option("ignoreLeadingWhiteSpace", true).option("ignoreTrailingWhiteSpace", true)
        .option("nullValue", t.nullValue()).csv(file);
    List<StructField> fields = new ArrayList<>();
    for (StructField f : inferred.schema().fields()) {
      fields.add(t.strings().contains(f.name()) ? new StructField(f.name(), DataTypes.StringType, true, f.metadata())
          : f);
    }
    Dataset<Row> df = spark.read().option("header", true).schema(new StructType(fields.toArray(new StructField[0])))
        .option("ignoreLeadingWhiteSpace", true).option("ignoreTrailingWhiteSpace", true)
        .option("nullValue", t.nullValue()).csv(file);
    if (t.partition().equals("day")) {
      df = df.withColumn("day", functions.to_date(functions.col("date")));
    }
    return df;
  }
}
