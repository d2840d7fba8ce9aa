package io.lakesynth.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lakesynth.testing.SparkExtension;
import io.lakesynth.testing.TestData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real standalone cluster (scripts/local-cluster: a master and two workers, each its own JVM, executors
 * in their own JVMs) and scripts/submit with the spark-submit jar. The pipeline's output on the cluster
 * equals a local[2] run with the same seed, and so does every score of the evaluation report (also against a
 * local[*] run in a JVM of its own); an executor killed in the middle of a generate costs retries,
 * not rows: the output equals an undisturbed run.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {
  @TempDir
  static Path dir;
  static Path clusterDir;
  static Map<String, String> env;
  static String master;
  static SparkSession spark;

  @BeforeAll
  static void up() throws IOException {
    spark = SparkExtension.spark();
    clusterDir = dir.resolve("cluster");
    env = Map.of("LAKESYNTH_CLUSTER_DIR", clusterDir.toString(),
        "LAKESYNTH_MASTER_PORT", String.valueOf(TestData.freePort()),
        "LAKESYNTH_MASTER_UI_PORT", String.valueOf(TestData.freePort()),
        "LAKESYNTH_WORKER_MEMORY", "1536m");
    ChildProcess.Result up = ChildProcess.run(dir, "up", env, Duration.ofMinutes(4), "local-cluster", "up");
    assertThat(up.code()).as(up.err()).isZero();
    master = up.out().strip();
    assertThat(master).startsWith("spark://127.0.0.1:");
  }

  @AfterAll
  static void down() {
    if (env != null) {
      ChildProcess.run(dir, "down", env, Duration.ofMinutes(2), "local-cluster", "down");
    }
  }

  static String[] submit(String... lakesynth) {
    List<String> a = new java.util.ArrayList<>(List.of("--master", master, "--executor-memory", "1g",
        "--conf", "spark.sql.shuffle.partitions=4"));
    a.addAll(List.of(lakesynth));
    return a.toArray(new String[0]);
  }

  @Test
  @Order(1)
  void pipelineOnTheClusterEqualsALocalRun() throws IOException {
    Path onCluster = dir.resolve("on-cluster");
    ChildProcess.Result r = ChildProcess.run(dir, "cluster-run", env, Duration.ofMinutes(8), "submit",
        submit(CliTest.adultArgs("run", onCluster)));
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("profile: ", "fit: ", "generate: ", "evaluate: quality");
    // it really ran in executor JVMs launched by both workers
    assertThat(executorLogs()).hasSizeGreaterThanOrEqualTo(2);

    Path local = dir.resolve("local");
    CliTest.Result l = CliTest.run(CliTest.adultArgs("run", local, "--master", "local[2]"));
    assertThat(l.code()).as(l.err()).isZero();

    Dataset<Row> a = spark.read().parquet(onCluster.resolve("synthetic").toString());
    Dataset<Row> b = spark.read().parquet(local.resolve("synthetic").toString());
    assertThat(a.count()).isEqualTo(b.count()).isPositive();
    assertThat(a.exceptAll(b).count()).isZero();
    assertThat(b.exceptAll(a).count()).isZero();

    // the same tables and seeds score the same: every number of the report, on the cluster, in local[2] and in a
    // local[*] JVM of its own
    Path star = dir.resolve("local-star");
    ChildProcess.Result s = ChildProcess.run(dir, "local-star", Map.of(), Duration.ofMinutes(8), "lakesynth",
        CliTest.adultArgs("run", star, "--master", "local[*]"));
    assertThat(s.code()).as(s.err()).isZero();
    JsonNode cluster = scores(onCluster);
    assertThat(cluster.get("utility").get("realScore").asDouble()).isPositive();
    assertThat(scores(local)).isEqualTo(cluster);
    assertThat(scores(star)).isEqualTo(cluster);
  }

  /** report.json without what legitimately differs between runs (paths, the fit's duration). */
  static JsonNode scores(Path work) throws IOException {
    ObjectNode report = (ObjectNode) new ObjectMapper().readTree(work.resolve("report/report.json").toFile());
    report.remove(List.of("realPath", "syntheticPath", "model"));
    return report;
  }

  @Test
  @Order(2)
  void anExecutorKilledMidGenerateCostsRetriesNotRows() throws Exception {
    Path work = dir.resolve("on-cluster");
    String[] generate = CliTest.adultArgs("generate", work, "--output", dir.resolve("big").toString(), "--rows", "4000000",
        "--seed", "5", "--set", "generate.rows-per-file=200000", "--set", "generate.partitions=16");
    ChildProcess job = ChildProcess.start(dir, "cluster-generate", env, "submit", submit(generate));
    // a Parquet overwrite writes into the hidden sibling .<name>.lakesynth-staging, then swaps it in
    Path temporary = dir.resolve(".big.lakesynth-staging").resolve("_temporary");
    S3PipelineIT.waitFor(() -> !job.process().isAlive()
        || (!executors().isEmpty() && !S3PipelineIT.parquetFiles(temporary).isEmpty()), Duration.ofMinutes(4));
    assertThat(job.process().isAlive()).as("generate still running when the executor is killed: "
        + job.stderrSoFar()).isTrue();
    ProcessHandle victim = executors().get(0);
    victim.destroyForcibly(); // SIGKILL, like a lost node or the OOM killer
    ChildProcess.Result r = job.await(Duration.ofMinutes(10));
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.err()).containsAnyOf("Lost executor", "ExecutorLostFailure");

    CliTest.Result undisturbed = CliTest.run(CliTest.adultArgs("generate", work, "--output",
        dir.resolve("big-local").toString(), "--rows", "4000000", "--seed", "5", "--master", "local[2]"));
    assertThat(undisturbed.code()).as(undisturbed.err()).isZero();
    TableFingerprint killed = TableFingerprint.of(spark.read().parquet(dir.resolve("big").toString()));
    TableFingerprint calm = TableFingerprint.of(spark.read().parquet(dir.resolve("big-local").toString()));
    assertThat(killed.rows()).isEqualTo(4_000_000L);
    assertThat(killed).isEqualTo(calm);
  }

  /** Executor JVMs of this test's cluster (their working directory is under its worker dirs). */
  static List<ProcessHandle> executors() {
    return ProcessHandle.allProcesses()
        .filter(p -> p.info().commandLine().orElse("").contains("CoarseGrainedExecutorBackend"))
        .filter(p -> {
          try {
            return Files.readSymbolicLink(Path.of("/proc", String.valueOf(p.pid()), "cwd")).startsWith(clusterDir);
          } catch (IOException | UnsupportedOperationException e) {
            return false;
          }
        })
        .toList();
  }

  static List<Path> executorLogs() throws IOException {
    try (Stream<Path> s = Files.walk(clusterDir)) {
      return s.filter(p -> p.getFileName().toString().equals("stderr"))
          .filter(p -> p.toString().contains("/app-")).toList();
    }
  }
}
