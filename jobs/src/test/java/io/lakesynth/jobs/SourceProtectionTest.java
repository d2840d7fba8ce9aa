package io.lakesynth.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakesynth.testing.SparkExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17, item 1: after profile and fit on a Parquet table, no later command may write over it, even when the
 * command line no longer names the source (profile.json and the model's metadata.json remember it).
 */
@ExtendWith(SparkExtension.class)
@Timeout(300)
class SourceProtectionTest {
  @TempDir
  static Path dir;
  static Path source;
  static Path work;
  static List<String> sourceFiles;

  @BeforeAll
  static void profileAndFit() throws Exception {
    SparkSession spark = SparkExtension.spark();
    source = dir.resolve("lake/customers");
    work = dir.resolve("work");
    spark.range(400).selectExpr("id", "CAST(id % 7 AS STRING) AS segment", "id * 1.5 AS amount")
        .coalesce(1).write().parquet(source.toString());
    sourceFiles = files(source);
    CliTest.Result p = CliTest.run("profile", "--source", source.toString(), "--work-dir", work.toString());
    assertThat(p.code()).as(p.err()).isZero();
    CliTest.Result f = CliTest.run("fit", "--source", source.toString(), "--work-dir", work.toString(),
        "--set", "evaluate.holdout-fraction=0");
    assertThat(f.code()).as(f.err()).isZero();
  }

  static List<String> files(Path p) throws Exception {
    try (Stream<Path> s = Files.walk(p)) {
      return s.map(x -> p.relativize(x) + ":" + (Files.isRegularFile(x) ? size(x) : -1)).sorted().toList();
    }
  }

  static long size(Path p) {
    try {
      return Files.size(p);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  void assertRefusedAndSourceIntact(CliTest.Result r, String output) throws Exception {
    assertThat(r.code()).as(r.err()).isEqualTo(2);
    assertThat(r.err()).contains("LS-OUTPUT-IS-SOURCE", output, source.toString());
    assertThat(files(source)).isEqualTo(sourceFiles);
    assertThat(SparkExtension.spark().read().parquet(source.toString()).count()).isEqualTo(400);
  }

  @Test
  void generateOverTheSourceWithoutSourceOnTheCommandLineIsRefused() throws Exception {
    // the exact scenario: exit 0 and the source's files gone before the fix
    String out = source.toString();
    CliTest.Result r = CliTest.run("generate", "--work-dir", work.toString(), "--output", out, "--mode", "overwrite",
        "--rows", "10");
    assertRefusedAndSourceIntact(r, out);
    assertThat(r.err()).contains("recorded in");
  }

  @Test
  void otherSpellingsInsideAndAroundAreRefused() throws Exception {
    for (String out : List.of(source + "/", "file:" + source, "file://" + source + "//",
        source.resolve("segment=1").toString(), dir.resolve("lake").toString(),
        dir.resolve("lake/x/../customers").toString())) {
      assertRefusedAndSourceIntact(CliTest.run("generate", "--work-dir", work.toString(), "--output", out,
          "--mode", "overwrite", "--rows", "10"), out);
    }
  }

  @Test
  void theModelAloneRemembersTheSource() throws Exception {
    Path model = dir.resolve("model-only");
    CliTest.Result copy = CliTest.run("fit", "--source", source.toString(), "--work-dir", work.toString(),
        "--model", model.toString(), "--set", "evaluate.holdout-fraction=0");
    assertThat(copy.code()).as(copy.err()).isZero();
    // no profile.json in this work dir: only metadata.json knows where the real table is
    CliTest.Result r = CliTest.run("generate", "--work-dir", dir.resolve("empty-work").toString(),
        "--model", model.toString(), "--output", source.toString(), "--mode", "overwrite", "--rows", "10");
    assertRefusedAndSourceIntact(r, source.toString());
    assertThat(r.err()).contains("metadata.json");
  }

  @Test
  void everyStageOutputIsGuarded() throws Exception {
    String inside = source.resolve("artifacts").toString();
    for (String[] args : List.of(
        new String[] {"profile", "--source", source.toString(), "--work-dir", work.toString(), "--profile",
            inside + "/profile.json"},
        new String[] {"fit", "--work-dir", work.toString(), "--model", inside, "--source", source.toString()},
        new String[] {"evaluate", "--work-dir", work.toString(), "--report", inside, "--source", source.toString()},
        new String[] {"run", "--source", source.toString(), "--work-dir", inside})) {
      CliTest.Result r = CliTest.run(args);
      assertThat(r.code()).as(String.join(" ", args) + "\n" + r.err()).isEqualTo(2);
      assertThat(r.err()).contains("LS-OUTPUT-IS-SOURCE", inside);
    }
    assertThat(files(source)).isEqualTo(sourceFiles);
  }
}
