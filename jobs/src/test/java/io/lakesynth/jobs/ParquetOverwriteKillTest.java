package io.lakesynth.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakesynth.testing.SparkExtension;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Parquet overwrite whose process is killed with SIGKILL while Spark writes leaves the previous output complete
 * and readable (before the staged write it held only _temporary and reading it failed); the next run swaps the new
 * table in and leaves no staging folder behind. The child is a plain JVM running io.lakesynth.jobs.Main on this
 * test's class path (no scripts/lakesynth, which would build and install the jars).
 */
@ExtendWith(SparkExtension.class)
@Timeout(600)
class ParquetOverwriteKillTest {
  @TempDir
  static Path dir;
  static SparkSession spark;

  @BeforeAll
  static void model() {
    spark = SparkExtension.spark();
    for (String stage : List.of("profile", "fit")) {
      CliTest.Result r = CliTest.run(CliTest.adultArgs(stage, dir.resolve("work")));
      assertThat(r.code()).as(r.err()).isZero();
    }
  }

  static String[] generate(Path out, String rows) {
    return CliTest.adultArgs("generate", dir.resolve("work"), "--master", "local[2]", "--output", out.toString(),
        "--mode", "overwrite", "--rows", rows, "--seed", "3", "--set", "generate.rows-per-file=100000");
  }

  /** java [this JVM's flags] -Xmx1g -cp [this class path] io.lakesynth.jobs.Main args... */
  static List<String> childJvm(String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(ProcessHandle.current().info().command().orElse("java"));
    for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (!a.startsWith("-agentlib") && !a.startsWith("-javaagent") && !a.startsWith("-Xmx")) {
        cmd.add(a);
      }
    }
    cmd.addAll(List.of("-Xmx1g", "-cp", System.getProperty("java.class.path"), Main.class.getName()));
    cmd.addAll(List.of(args));
    return cmd;
  }

  static long dataFiles(Path root) {
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(p -> p.getFileName().toString().endsWith(".parquet")).count();
    } catch (java.io.IOException | java.io.UncheckedIOException e) {
      return 0; // files come and go while Spark writes
    }
  }

  @Test
  void previousOutputSurvivesAKillMidWriteAndTheRerunSwapsTheNewOneIn() throws Exception {
    Path out = dir.resolve("out/synthetic");
    CliTest.Result first = CliTest.run(generate(out, "20000"));
    assertThat(first.code()).as(first.err()).isZero();
    TableFingerprint v0 = TableFingerprint.of(spark.read().parquet(out.toString()));

    long before = dataFiles(dir.resolve("out"));
    ChildProcess job = ChildProcess.start(dir, "kill-parquet", Map.of(), childJvm(generate(out, "3000000")));
    S3PipelineIT.waitFor(() -> !job.process().isAlive() || dataFiles(dir.resolve("out")) > before + 1,
        Duration.ofMinutes(6));
    assertThat(job.process().isAlive()).as("killed before the end: " + job.stderrSoFar()).isTrue();
    job.killTree();

    // the old table, complete, under its name; the new one was only ever in the hidden staging sibling
    assertThat(out.resolve("_SUCCESS")).isRegularFile();
    assertThat(out.resolve("_temporary")).doesNotExist();
    assertThat(TableFingerprint.of(spark.read().parquet(out.toString()))).isEqualTo(v0);

    CliTest.Result rerun = CliTest.run(generate(out, "30000"));
    assertThat(rerun.code()).as(rerun.err()).isZero();
    assertThat(spark.read().parquet(out.toString()).count()).isEqualTo(30000);
    try (Stream<Path> s = Files.list(dir.resolve("out"))) {
      assertThat(s.map(p -> p.getFileName().toString()).toList()).containsExactly("synthetic");
    }
  }
}
