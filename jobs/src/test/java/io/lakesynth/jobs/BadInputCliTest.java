package io.lakesynth.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakesynth.testing.SparkExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17, item 5: bad input gets its documented exit code and names the culprit; before the fix each of these
 * ended as "internal error" with exit 1, which schedulers treat as a bug in lakesynth.
 */
@ExtendWith(SparkExtension.class)
@Timeout(300)
class BadInputCliTest {
  @TempDir
  static Path dir;
  static SparkSession spark;
  static Path table;
  static Path work;

  @BeforeAll
  static void pipeline() {
    spark = SparkExtension.spark();
    table = dir.resolve("customers");
    work = dir.resolve("work");
    spark.range(600).selectExpr("CAST(id % 90 AS INT) AS age", "CAST(id % 7 AS STRING) AS segment",
        "id * 1.5 AS amount").coalesce(1).write().parquet(table.toString());
    for (String stage : new String[] {"profile", "fit", "generate"}) {
      CliTest.Result r = CliTest.run(stage, "--source", table.toString(), "--work-dir", work.toString(),
          "--rows", "300");
      assertThat(r.code()).as(stage + ": " + r.err()).isZero();
    }
  }

  static void assertExit(CliTest.Result r, int code, String... named) {
    assertThat(r.code()).as(r.err()).isEqualTo(code);
    assertThat(r.err()).doesNotContain("internal error").contains(named);
  }

  @Test
  void evaluateOnATableWhoseColumnChangedType() {
    Path changed = dir.resolve("customers-v2");
    spark.range(600).selectExpr("CASE WHEN id % 10 = 0 THEN 'unknown' ELSE CAST(id % 90 AS STRING) END AS age",
        "CAST(id % 7 AS STRING) AS segment", "id * 1.5 AS amount").write().parquet(changed.toString());
    // with the profile: the same check as fit
    assertExit(CliTest.run("evaluate", "--source", changed.toString(), "--work-dir", work.toString(),
        "--report", dir.resolve("r1").toString()), 3, "LS-SCHEMA-MISMATCH", "'age'", "INT", "STRING");
    // without a profile: against the synthetic table
    assertExit(CliTest.run("evaluate", "--source", changed.toString(), "--work-dir", work.toString(),
        "--profile", dir.resolve("none.json").toString(), "--report", dir.resolve("r2").toString()), 3,
        "LS-SCHEMA-MISMATCH", "'age'", work.resolve("synthetic").toString());
  }

  @Test
  void deltaFormatOnAParquetFolder() {
    assertExit(CliTest.run("profile", "--source", table.toString(), "--source-format", "delta", "--work-dir",
        dir.resolve("w-delta").toString()), 3, "LS-SOURCE-UNREADABLE", table.toString(), "not a Delta table",
        "--source-format parquet");
  }

  @Test
  void aFolderHoldingOnlyTemporary() throws Exception {
    Path unfinished = dir.resolve("unfinished");
    Files.createDirectories(unfinished.resolve("_temporary/0"));
    assertExit(CliTest.run("profile", "--source", unfinished.toString(), "--work-dir", dir.resolve("w-tmp").toString()),
        3, "LS-SOURCE-UNREADABLE", unfinished.toString(), "_temporary");
  }

  @Test
  void aOneColumnTableWithATarget() {
    Path one = dir.resolve("one-column");
    spark.range(300).selectExpr("CAST(id % 2 AS STRING) AS label").write().parquet(one.toString());
    Path w = dir.resolve("w-one");
    assertExit(CliTest.run("run", "--source", one.toString(), "--work-dir", w.toString(), "--target", "label"), 3,
        "LS-EVALUATE-INPUT", one.toString(), "'label'");
    assertThat(w.resolve("profile.json")).as("refused before profiling").doesNotExist();
    assertExit(CliTest.run("run", "--source", one.toString(), "--work-dir", w.toString(), "--target", "labl"), 2,
        "lakesynth.evaluate.target", "labl", "label");
  }

  @Test
  void anUnwritableWorkDirIsAStorageFailure() throws Exception {
    // tests may run as root, where permissions do not stop writes: a work dir below a regular file cannot be
    // created by anyone
    Path file = Files.writeString(dir.resolve("not-a-folder"), "x");
    Path w = file.resolve("work");
    assertExit(CliTest.run("profile", "--source", table.toString(), "--work-dir", w.toString()), 5, "LS-STORAGE",
        w.resolve("profile.json").toString());
  }

  @Test
  void noSparkMasterIsAConfigurationError() {
    // a fresh JVM: in this one the shared test session already exists
    ChildProcess.Result r = ChildProcess.run(dir, "no-master", java.util.Map.of(), java.time.Duration.ofMinutes(3),
        ParquetOverwriteKillTest.childJvm("profile", "--source", table.toString(), "--work-dir",
            dir.resolve("w-master").toString()));
    assertThat(r.code()).as(r.err()).isEqualTo(2);
    assertThat(r.err()).contains("LS-CONFIG-VALUE", "lakesynth.spark.master", "--master local[*]")
        .doesNotContain("internal error");
  }

  @Test
  void targetWithoutHoldoutFailsBeforeAnyStage() {
    Path w = dir.resolve("w-holdout");
    assertExit(CliTest.run("run", "--source", table.toString(), "--work-dir", w.toString(), "--target", "segment",
        "--set", "evaluate.holdout-fraction=0"), 2, "lakesynth.evaluate.holdout-fraction", "segment");
    assertThat(w).doesNotExist();
  }
}
