package io.lakesynth.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakesynth.config.Settings;
import io.lakesynth.error.LakesynthException;
import io.lakesynth.model.FitAction;
import io.lakesynth.model.SynthModel;
import io.lakesynth.profile.Role;
import io.lakesynth.profile.TableProfile;
import io.lakesynth.testing.Fixtures;
import io.lakesynth.testing.SparkExtension;
import io.lakesynth.testing.TestProfiles;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Partitioned output, slices (backfills), write modes, identifiers and personal data. */
@ExtendWith(SparkExtension.class)
class GenerateWriteTest {
  @TempDir
  static Path dir;
  static SparkSession spark;
  static SynthModel model;
  static TableProfile profile;
  static String source;

  /** adult with an event_date over 10 days (a seeded hash of the row picks the day) and an id/email. */
  @BeforeAll
  static void partitionedSource() {
    spark = SparkExtension.spark();
    Dataset<Row> adult = Fixtures.adult(spark).coalesce(1)
        .withColumn("customer_id", functions.monotonically_increasing_id().plus(100_000))
        .withColumn("email", functions.concat(functions.lit("person"), functions.col("customer_id"),
            functions.lit("@example.org")))
        .withColumn("event_date", functions.expr("date_add(DATE'2024-01-01', cast(pmod(xxhash64(fnlwgt, age), 10) as int))"));
    source = dir.resolve("source").toString();
    adult.write().partitionBy("event_date").parquet(source);
    Dataset<Row> table = spark.read().parquet(source);
    profile = TestProfiles.profile(spark, table, "events", source, List.of("event_date"));
    model = new FitAction(spark).source(table).profile(profile).settings(Fixtures.settings("model.sample-rows=8000")
        .model()).execute();
  }

  private static Settings slice(String format, String from, String to, String out) {
    return Fixtures.settings("generate.output.format=" + format, "generate.output.mode=slice",
        "generate.slice.column=event_date", "generate.slice.from=" + from, "generate.slice.to=" + to,
        "generate.output.path=" + out);
  }

  private static void run(Settings s) {
    new GenerateAction(spark).model(model).settings(s.generate()).output(s.outputPath()).sourcePath(source)
        .runId("test").execute();
  }

  private static Dataset<Row> read(String format, String path) {
    return "delta".equals(format) ? spark.read().format("delta").load(path) : spark.read().parquet(path);
  }

  @Test
  void profileSeesRolesAndPartitions() {
    assertThat(profile.partitionColumns()).containsExactly("event_date");
    assertThat(profile.partitions()).hasSize(10);
    assertThat(profile.column("customer_id").orElseThrow().role()).isEqualTo(Role.IDENTIFIER);
    assertThat(profile.column("email").orElseThrow().role()).isEqualTo(Role.PII);
    assertThat(model.metadata().parents()[model.metadata().nodeNames().indexOf("event_date")]).isEmpty();
  }

  @Test
  void slicesReplaceOnlyTheirPartitionsAndRerunsAreIdempotent() {
    for (String format : List.of("parquet", "delta")) {
      String out = dir.resolve("out-" + format).toString();
      Settings full = Fixtures.settings("generate.output.format=" + format, "generate.output.mode=overwrite",
          "generate.output.path=" + out, "generate.rows=5000", "generate.seed=2");
      run(full);
      Dataset<Row> before = read(format, out).filter("event_date NOT BETWEEN DATE'2024-01-03' AND DATE'2024-01-05'")
          .cache();
      long untouched = before.count();
      run(slice(format, "2024-01-03", "2024-01-05", out));
      Dataset<Row> after1 = read(format, out).cache();
      run(slice(format, "2024-01-03", "2024-01-05", out));
      Dataset<Row> after2 = read(format, out);
      assertThat(after1.exceptAll(after2).count()).as(format).isZero();
      assertThat(after2.exceptAll(after1).count()).as(format).isZero();
      // other partitions untouched
      Dataset<Row> others = after2.filter("event_date NOT BETWEEN DATE'2024-01-03' AND DATE'2024-01-05'");
      assertThat(others.count()).as(format).isEqualTo(untouched);
      assertThat(others.exceptAll(before).count()).as(format).isZero();
      // each slice partition holds exactly the profile's row count for that day
      for (TableProfile.PartitionCount pc : profile.partitions()) {
        String day = pc.values().get("event_date");
        if (day.compareTo("2024-01-03") >= 0 && day.compareTo("2024-01-05") <= 0) {
          assertThat(after2.filter("event_date = DATE'" + day + "'").count()).as(format + " " + day)
              .isEqualTo(pc.rows());
        }
      }
      before.unpersist();
      after1.unpersist();
    }
  }

  @Test
  void sliceRowsDoNotDependOnOtherSlices() {
    String a = dir.resolve("slice-a").toString();
    String b = dir.resolve("slice-b").toString();
    run(slice("parquet", "2024-01-04", "2024-01-04", a));
    run(slice("parquet", "2024-01-02", "2024-01-06", b));
    Dataset<Row> dayA = read("parquet", a);
    Dataset<Row> dayB = read("parquet", b).filter("event_date = DATE'2024-01-04'");
    assertThat(dayA.count()).isPositive();
    assertThat(dayA.count()).isEqualTo(dayB.count());
    assertThat(dayA.exceptAll(dayB).count()).isZero();
  }

  @Test
  void internalRowsEqualTheRowEncoderPath() {
    // a slice run: dates, a long identifier, personal data, categories, numbers and the slice column's override
    Settings s = slice("parquet", "2024-01-02", "2024-01-04", dir.resolve("unused").toString());
    Dataset<Row> internal = new GenerateAction(spark).model(model).settings(s.generate()).dataset();
    Dataset<Row> encoded = new GenerateAction(spark).model(model).settings(s.generate()).viaRowEncoder(true)
        .dataset();
    assertThat(internal.queryExecution().logical().toString()).contains("LogicalRDD").doesNotContain("MapPartitions");
    assertThat(encoded.queryExecution().logical().toString()).contains("MapPartitions");
    assertThat(internal.schema()).isEqualTo(encoded.schema());
    long n = encoded.count();
    assertThat(n).isPositive();
    assertThat(internal.count()).isEqualTo(n);
    assertThat(internal.exceptAll(encoded).count()).isZero();
    assertThat(encoded.exceptAll(internal).count()).isZero();
  }

  @Test
  void identifiersAreUniqueAndPersonalDataIsNeverCopied() {
    String out = dir.resolve("ids").toString();
    run(Fixtures.settings("generate.output.path=" + out, "generate.rows=20000", "generate.output.mode=overwrite"));
    Dataset<Row> syn = read("parquet", out).cache();
    Dataset<Row> real = spark.read().parquet(source);
    assertThat(syn.select("customer_id").distinct().count()).isEqualTo(syn.filter("customer_id IS NOT NULL").count());
    assertThat(syn.join(real, "customer_id").count()).isZero();
    assertThat(syn.join(real, "email").count()).isZero();
    assertThat(syn.filter("email NOT LIKE '%@%'").count()).isZero();
    syn.unpersist();
  }

  @Test
  void writeModesGuardExistingOutputAndTheSource() {
    String out = dir.resolve("guarded").toString();
    Settings once = Fixtures.settings("generate.output.path=" + out, "generate.rows=100");
    run(once);
    assertThatThrownBy(() -> run(once))
        .isInstanceOf(LakesynthException.class)
        .hasMessageStartingWith("Output " + out + " already exists and write mode is error-if-exists");
    Settings overSource = Fixtures.settings("generate.output.path=" + source + "/event_date=2024-01-01",
        "generate.rows=100", "generate.output.mode=overwrite");
    assertThatThrownBy(() -> run(overSource))
        .hasMessageStartingWith("Refusing to write the generate output (lakesynth.generate.output.path) " + source
            + "/event_date=2024-01-01: it overlaps the real table " + source);
    Settings append = Fixtures.settings("generate.output.path=" + out, "generate.rows=100",
        "generate.output.mode=append");
    run(append);
    assertThat(read("parquet", out).count()).isEqualTo(200);
  }

  @Test
  void deltaAppendRetriedWithTheSameRunIdIsNotDuplicated() {
    String out = dir.resolve("delta-append").toString();
    Settings s = Fixtures.settings("generate.output.path=" + out, "generate.rows=300", "generate.output.format=delta",
        "generate.output.mode=append");
    run(s);
    run(s); // a scheduler retry of the same run
    assertThat(read("delta", out).count()).isEqualTo(300);
  }

  @Test
  void sliceOutsideTheRangeIsRejectedClearly() {
    Settings s = Fixtures.settings("generate.output.mode=slice", "generate.slice.column=event_date",
        "generate.slice.from=2024-02-10", "generate.slice.to=2024-02-01", "generate.output.path=" + dir.resolve("x"));
    assertThatThrownBy(() -> run(s))
        .isInstanceOf(LakesynthException.class)
        .hasMessage("Slice event_date from 2024-02-10 to 2024-02-01 is invalid: 'to' is before 'from'");
  }
}
