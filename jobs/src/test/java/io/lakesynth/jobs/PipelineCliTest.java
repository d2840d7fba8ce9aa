package io.lakesynth.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakesynth.evaluate.EvaluationReport;
import io.lakesynth.evaluate.ReportWriter;
import io.lakesynth.testing.SparkExtension;
import io.lakesynth.testing.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The CLI end to end on the bundled sample: run, then each stage alone, the gate, and bad input exit codes. */
@ExtendWith(SparkExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PipelineCliTest {
  @TempDir
  static Path work;
  static SparkSession spark;

  @BeforeAll
  static void session() {
    spark = SparkExtension.spark(); // Main reuses the shared local[2] session
  }

  static String[] args(String cmd, String... extra) {
    String[] out = CliTest.adultArgs(cmd, work, "--set", "model.gmm.max-components=3");
    String[] all = java.util.Arrays.copyOf(out, out.length + extra.length);
    System.arraycopy(extra, 0, all, out.length, extra.length);
    return all;
  }

  @Test
  @Order(1)
  void runWritesEveryArtifactAndMeetsTheGoals() throws Exception {
    CliTest.Result r = CliTest.run(args("run"));
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(work.resolve("profile.json")).exists();
    assertThat(work.resolve("model/metadata.json")).exists();
    assertThat(work.resolve("synthetic")).isDirectory();
    assertThat(work.resolve("report/report.html")).exists();
    EvaluationReport report = ReportWriter.read(Files.readString(work.resolve("report/report.json")));
    // a column-shuffled copy of the real table (every marginal exact, no dependence left) scored by the same
    // command: Quality alone barely tells them apart, the pair trends must
    EvaluationReport shuffled = shuffledBaseline();
    assertThat(shuffled.columnShapes()).isGreaterThan(0.99);
    assertThat(report.quality()).isGreaterThanOrEqualTo(0.95);
    assertThat(report.strongPairTrends()).isGreaterThanOrEqualTo(0.93)
        .isGreaterThan(shuffled.strongPairTrends() + 0.15);
    assertThat(report.columnPairTrends()).isGreaterThan(shuffled.columnPairTrends() + 0.02);
    assertThat(report.utility().informative()).isTrue();
    // gradient-boosted trees (the default learner for a binary target since the evaluation rework) measure 0.968
    // on this model where the earlier random forest measured 1.00; 0.95 still fails a model that loses the
    // income relations (label-shuffled training data scores "weak", near the baseline: EvaluateActionTest)
    assertThat(report.utility().ratio()).isGreaterThanOrEqualTo(0.95);
    assertThat(report.columns()).hasSize(15).allSatisfy(c -> assertThat(c.inQuality()).as(c.column()).isTrue());
    assertThat(report.privacy().exactCopyRate()).isLessThanOrEqualTo(report.privacy().holdoutExactCopyRate());
    assertThat(report.model().type()).isEqualTo("bayesnet");
    assertThat(r.out()).contains("profile: ", "fit: bayesnet model", "generate: ", "evaluate: quality");
    // evaluate on its own scores the same tables the same way: the same report, number for number
    Path again = work.resolve("report-again");
    CliTest.Result e = CliTest.run(args("evaluate", "--report", again.toString()));
    assertThat(e.code()).as(e.err()).isZero();
    com.fasterxml.jackson.databind.ObjectMapper m = new com.fasterxml.jackson.databind.ObjectMapper();
    assertThat(m.readTree(again.resolve("report.json").toFile()))
        .isEqualTo(m.readTree(work.resolve("report/report.json").toFile()));
  }

  /** The real table with each column shuffled by a seeded permutation, evaluated like the synthetic one. */
  static EvaluationReport shuffledBaseline() throws Exception {
    org.apache.spark.sql.Dataset<org.apache.spark.sql.Row> real = io.lakesynth.testing.Fixtures.adult(spark);
    java.util.List<org.apache.spark.sql.Row> rows = real.collectAsList(); // adult is small test data
    int k = real.columns().length;
    Object[][] cols = new Object[k][rows.size()];
    java.util.Random rnd = new java.util.Random(3);
    for (int j = 0; j < k; j++) {
      java.util.List<Object> c = new java.util.ArrayList<>();
      for (org.apache.spark.sql.Row row : rows) {
        c.add(row.get(j));
      }
      java.util.Collections.shuffle(c, rnd);
      cols[j] = c.toArray();
    }
    java.util.List<org.apache.spark.sql.Row> out = new java.util.ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      Object[] v = new Object[k];
      for (int j = 0; j < k; j++) {
        v[j] = cols[j][i];
      }
      out.add(org.apache.spark.sql.RowFactory.create(v));
    }
    Path path = work.resolve("shuffled");
    spark.createDataFrame(out, real.schema()).write().parquet(path.toString());
    CliTest.Result r = CliTest.run(args("evaluate", "--report", work.resolve("report-shuffled").toString(),
        "--set", "evaluate.synthetic-path=" + path, "--set", "evaluate.synthetic-format=parquet",
        "--set", "evaluate.target=\"\""));
    assertThat(r.code()).as(r.err()).isZero();
    return ReportWriter.read(Files.readString(work.resolve("report-shuffled/report.json")));
  }

  @Test
  @Order(2)
  void gateFailureExitsFourAndSaysWhy() {
    CliTest.Result r = CliTest.run(args("evaluate", "--set", "evaluate.gate.min-quality=0.9999",
        "--set", "evaluate.target=\"\""));
    assertThat(r.code()).isEqualTo(4);
    assertThat(r.err()).contains("LS-GATE", "min-quality 0.9999");
    assertThat(work.resolve("report/report.html")).exists(); // the report says why, too
  }

  @Test
  @Order(3)
  void stagesRunAloneWithTheirArtifacts() {
    assertThat(CliTest.run(args("generate", "--rows", "500", "--output", work.resolve("small").toString()))
        .code()).isZero();
    assertThat(spark.read().parquet(work.resolve("small").toString()).count()).isEqualTo(500);
    CliTest.Result again = CliTest.run(args("generate", "--rows", "500", "--output", work.resolve("small").toString(),
        "--mode", "error-if-exists"));
    assertThat(again.code()).isEqualTo(2);
    assertThat(again.err()).contains(work.resolve("small").toString());
  }

  @Test
  @Order(4)
  void badInputExitsThreeWithTheTableNamed() {
    CliTest.Result missing = CliTest.run("profile", "--source", work.resolve("nope.parquet").toString(),
        "--work-dir", work.resolve("w2").toString());
    assertThat(missing.code()).isEqualTo(3);
    assertThat(missing.err()).contains("nope.parquet");
    CliTest.Result noProfile = CliTest.run("fit", "--source", TestData.adult().toString(), "--source-format", "csv",
        "--work-dir", work.resolve("w3").toString());
    assertThat(noProfile.code()).isEqualTo(3);
    assertThat(noProfile.err()).contains("profile.json", "run 'lakesynth profile' first");
    CliTest.Result noModel = CliTest.run("generate", "--work-dir", work.resolve("w4").toString());
    assertThat(noModel.code()).isEqualTo(3);
    assertThat(noModel.err()).contains("model");
  }

  @Test
  @Order(5)
  void evaluateCanBeLimitedToASliceOfTheSyntheticTable() throws Exception {
    Path report = work.resolve("report-men");
    CliTest.Result men = CliTest.run(args("evaluate", "--report", report.toString(),
        "--set", "source.filter=sex = 'Male'", "--set", "evaluate.synthetic-filter=sex = 'Male'",
        "--set", "evaluate.target=\"\""));
    assertThat(men.code()).as(men.err()).isZero();
    EvaluationReport r = ReportWriter.read(Files.readString(report.resolve("report.json")));
    long syntheticMen = spark.read().parquet(work.resolve("synthetic").toString()).where("sex = 'Male'").count();
    assertThat(r.syntheticRows()).isEqualTo(syntheticMen).isLessThan(
        spark.read().parquet(work.resolve("synthetic").toString()).count());
    CliTest.Result bad = CliTest.run(args("evaluate", "--set", "evaluate.synthetic-filter=no_such_column > 1"));
    assertThat(bad.code()).as(bad.err()).isEqualTo(2);
    assertThat(bad.err()).contains("lakesynth.evaluate.synthetic-filter", "no_such_column");
  }

  @Test
  @Order(6)
  void damagedModelsAndRaggedCsvAreRefusedWithTheCulpritNamed() throws Exception {
    Path future = copyModel("model-future");
    Path meta = future.resolve("metadata.json");
    Files.writeString(meta,
        Files.readString(meta).replaceFirst("\"formatVersion\"\\s*:\\s*\\d+", "\"formatVersion\" : 99"));
    CliTest.Result f = CliTest.run(args("generate", "--model", future.toString(), "--rows", "10",
        "--output", work.resolve("never-1").toString()));
    assertThat(f.code()).isEqualTo(3);
    assertThat(f.err()).contains("LS-MODEL-FORMAT", future.toString(), "99");
    assertThat(work.resolve("never-1")).doesNotExist();

    Path truncated = copyModel("model-truncated");
    Path cpts = truncated.resolve("cpts.bin");
    byte[] bytes = Files.readAllBytes(cpts);
    Files.write(cpts, java.util.Arrays.copyOf(bytes, bytes.length / 2));
    CliTest.Result t = CliTest.run(args("generate", "--model", truncated.toString(), "--rows", "10",
        "--output", work.resolve("never-2").toString()));
    assertThat(t.code()).isEqualTo(3);
    assertThat(t.err()).contains("LS-MODEL-INVALID", truncated.toString(), "truncated");
    assertThat(work.resolve("never-2")).doesNotExist();

    Path ragged = work.resolve("ragged.csv");
    Files.writeString(ragged, "a,b,c\n1,x,2.5\n2,y\n3,z,4.5\n");
    CliTest.Result r = CliTest.run("profile", "--source", ragged.toString(), "--source-format", "csv",
        "--work-dir", work.resolve("w-ragged").toString());
    assertThat(r.code()).isEqualTo(3);
    assertThat(r.err()).contains("ragged.csv");
    assertThat(work.resolve("w-ragged/profile.json")).doesNotExist();
  }

  static Path copyModel(String name) throws java.io.IOException {
    Path to = work.resolve(name);
    Files.createDirectories(to);
    try (java.util.stream.Stream<Path> files = Files.list(work.resolve("model"))) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        Files.copy(f, to.resolve(f.getFileName()));
      }
    }
    return to;
  }
}
