package io.lakesynth.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakesynth.testing.SparkExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The driver (the whole lakesynth process, scripts/lakesynth in local mode) killed with SIGKILL in the
 * middle of a write: a Delta table keeps its previous version (no half commit) and a Parquet output is not
 * created at all (it is staged in a hidden sibling); the same command run again completes the table.
 */
class DriverKillIT {
  @TempDir
  static Path dir;
  static SparkSession spark;
  static final String ROWS = "3000000";

  @BeforeAll
  static void model() {
    spark = SparkExtension.spark();
    for (String stage : List.of("profile", "fit")) {
      CliTest.Result r = CliTest.run(args(stage));
      assertThat(r.code()).as(r.err()).isZero();
    }
  }

  static String[] args(String command, String... extra) {
    List<String> a = new java.util.ArrayList<>(List.of("--master", "local[2]"));
    a.addAll(List.of(extra));
    return CliTest.adultArgs(command, dir.resolve("work"), a.toArray(new String[0]));
  }

  static String[] generate(Path out, String format, String rows) {
    return args("generate", "--output", out.toString(), "--output-format", format, "--mode", "overwrite",
        "--rows", rows, "--seed", "3", "--set", "generate.rows-per-file=100000");
  }

  /** Starts the generate as a child process and kills it once data files are being written. */
  static void killMidWrite(Path out, String format, List<Path> before) throws Exception {
    ChildProcess job = ChildProcess.start(dir, "kill-" + format, Map.of(), "lakesynth", generate(out, format, ROWS));
    // a Parquet overwrite writes into the hidden sibling .<name>.lakesynth-staging, then swaps it in
    Path written = format.equals("parquet") ? out.resolveSibling("." + out.getFileName() + ".lakesynth-staging") : out;
    S3PipelineIT.waitFor(() -> !job.process().isAlive()
        || S3PipelineIT.parquetFiles(written).size() > before.size() + 1, Duration.ofMinutes(4));
    assertThat(job.process().isAlive()).as("killed before the end: " + job.stderrSoFar()).isTrue();
    job.killTree();
  }

  @Test
  void deltaTableIsUnchangedAfterTheDriverDiesMidWriteAndARerunCompletesIt() throws Exception {
    Path table = dir.resolve("delta");
    CliTest.Result first = CliTest.run(generate(table, "delta", "20000"));
    assertThat(first.code()).as(first.err()).isZero();
    TableFingerprint v0 = TableFingerprint.of(spark.read().format("delta").load(table.toString()));

    killMidWrite(table, "delta", S3PipelineIT.parquetFiles(table));
    assertThat(commits(table)).containsExactly("00000000000000000000.json");
    assertThat(TableFingerprint.of(spark.read().format("delta").load(table.toString()))).isEqualTo(v0);

    ChildProcess.Result rerun = ChildProcess.run(dir, "rerun-delta", Map.of(), Duration.ofMinutes(6), "lakesynth",
        generate(table, "delta", ROWS));
    assertThat(rerun.code()).as(rerun.err()).isZero();
    assertThat(commits(table)).containsExactly("00000000000000000000.json", "00000000000000000001.json");
    assertThat(spark.read().format("delta").load(table.toString()).count()).isEqualTo(Long.parseLong(ROWS));
  }

  @Test
  void parquetOutputIsNotMarkedCompleteAfterTheDriverDiesAndARerunCompletesIt() throws Exception {
    Path out = dir.resolve("parquet");
    killMidWrite(out, "parquet", List.of());
    assertThat(out).doesNotExist(); // the new table was only ever in the staging sibling (ParquetOverwriteKillTest
                                    // shows that a previous output stays complete)

    ChildProcess.Result rerun = ChildProcess.run(dir, "rerun-parquet", Map.of(), Duration.ofMinutes(6), "lakesynth",
        generate(out, "parquet", ROWS));
    assertThat(rerun.code()).as(rerun.err()).isZero();
    assertThat(out.resolve("_SUCCESS")).isRegularFile();
    assertThat(out.resolve("_temporary")).doesNotExist();
    assertThat(spark.read().parquet(out.toString()).count()).isEqualTo(Long.parseLong(ROWS));
  }

  static List<String> commits(Path table) throws IOException {
    try (Stream<Path> s = Files.list(table.resolve("_delta_log"))) {
      return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json")).sorted().toList();
    }
  }
}
