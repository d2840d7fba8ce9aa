package io.lakesynth.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakesynth.testing.S3ProxyExtension;
import io.lakesynth.testing.SparkExtension;
import io.lakesynth.testing.TestData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole pipeline (profile, fit, generate, evaluate) with source and output on s3a:// against a real
 * S3 API server (S3Proxy on loopback), in Parquet and in Delta, through scripts/lakesynth as a user runs
 * it; credentials only from the environment, and never in what lakesynth prints, logs or writes. Then the
 * server is stopped in the middle of a Delta write: the job fails in bounded time with a clear error, the
 * table keeps its previous version, and the same command succeeds after the restart.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class S3PipelineIT {
  static final int SOURCE_ROWS = 8000;
  static SparkSession spark;
  static S3ProxyExtension.Server s3;
  static Map<String, String> env;
  @TempDir
  static Path logs;

  @BeforeAll
  static void sourcesOnS3() {
    spark = SparkExtension.spark();
    s3 = S3ProxyExtension.server();
    s3.configure(spark);
    env = s3.environment();
    Dataset<Row> adult = spark.read().option("header", "true").option("ignoreLeadingWhiteSpace", "true")
        .option("ignoreTrailingWhiteSpace", "true").option("nullValue", "?").option("inferSchema", "true")
        .csv(TestData.adult().toString()).limit(SOURCE_ROWS);
    adult.write().mode("overwrite").parquet(s3.uri("src/adult-parquet"));
    adult.write().format("delta").mode("overwrite").save(s3.uri("src/adult-delta"));
  }

  static String[] runArgs(String format, String... extra) {
    List<String> a = new java.util.ArrayList<>(List.of("run", "--config", "conf/s3.conf", "--master", "local[2]",
        "--source", s3.uri("src/adult-" + format), "--source-format", format,
        "--work-dir", s3.uri("work/" + format), "--output-format", format));
    a.addAll(List.of(extra));
    return a.toArray(new String[0]);
  }

  static ChildProcess.Result parquetRun;
  static ChildProcess.Result deltaRun;

  @Test
  @Order(1)
  void parquetSourceAndOutputOnS3() {
    parquetRun = ChildProcess.run(logs, "parquet", env, Duration.ofMinutes(6), "lakesynth", runArgs("parquet"));
    assertThat(parquetRun.code()).as(parquetRun.err()).isZero();
    assertThat(parquetRun.out()).contains("profile: ", "fit: ", "generate: " + SOURCE_ROWS + " rows -> s3a://",
        "evaluate: quality");
    Path work = s3.bucketDir().resolve("work/parquet");
    assertThat(work.resolve("profile.json")).isRegularFile();
    assertThat(work.resolve("model/metadata.json")).isRegularFile();
    assertThat(work.resolve("report/report.json")).isRegularFile();
    assertThat(work.resolve("synthetic/_SUCCESS")).isRegularFile();
    assertThat(spark.read().parquet(s3.uri("work/parquet/synthetic")).count()).isEqualTo(SOURCE_ROWS);
  }

  @Test
  @Order(2)
  void deltaSourceAndOutputOnS3WithInfoLogs() {
    // INFO logs: Spark and Hadoop print much more (configuration, file system set-up); still no secrets
    deltaRun = ChildProcess.run(logs, "delta", env, Duration.ofMinutes(6), "lakesynth",
        runArgs("delta", "--set", "spark.log-level=INFO"));
    assertThat(deltaRun.code()).as(deltaRun.err()).isZero();
    assertThat(deltaRun.out()).contains("generate: " + SOURCE_ROWS + " rows -> s3a://", "evaluate: quality");
    assertThat(s3.bucketDir().resolve("work/delta/synthetic/_delta_log/00000000000000000000.json")).isRegularFile();
    assertThat(spark.read().format("delta").load(s3.uri("work/delta/synthetic")).count()).isEqualTo(SOURCE_ROWS);
    assertThat(deltaRun.err()).contains("S3A"); // the INFO logs did cover the S3 client
  }

  @Test
  @Order(3)
  void secretsAppearNowhere() throws IOException {
    String secret = s3.secretKey();
    assertThat(parquetRun.all()).doesNotContain(secret);
    assertThat(deltaRun.all()).doesNotContain(secret);
    // every object lakesynth wrote (profile, model, report, tables), byte for byte
    try (Stream<Path> files = Files.walk(s3.bucketDir().resolve("work"))) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        assertThat(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1)).as(f.toString())
            .doesNotContain(secret).doesNotContain(s3.accessKey());
      }
    }
    // a secret given in config is masked when the configuration is printed
    ChildProcess.Result printed = ChildProcess.run(logs, "print", env, Duration.ofMinutes(2), "lakesynth",
        "run", "--config", "conf/s3.conf", "--print-config",
        "--set", "spark.conf.\"spark.hadoop.fs.s3a.secret.key\"=\"" + secret + "\"");
    assertThat(printed.code()).as(printed.err()).isZero();
    assertThat(printed.out()).contains("spark.hadoop.fs.s3a.secret.key").doesNotContain(secret);
    assertThat(printed.all()).doesNotContain(secret);
  }

  @Test
  @Order(4)
  void s3StoppedMidWriteFailsInBoundedTimeKeepsTheTableAndARerunSucceeds() throws Exception {
    String table = s3.uri("work/delta/synthetic");
    Path tableDir = s3.bucketDir().resolve("work/delta/synthetic");
    Path log = tableDir.resolve("_delta_log");
    long before = spark.read().format("delta").load(table).count();
    String[] generate = {"generate", "--config", "conf/s3.conf", "--master", "local[2]",
        "--work-dir", s3.uri("work/delta"), "--output", table, "--output-format", "delta", "--mode", "overwrite",
        "--rows", "2000000", "--seed", "11", "--set", "generate.rows-per-file=100000"};
    List<Path> oldFiles = parquetFiles(tableDir);
    ChildProcess job = ChildProcess.start(logs, "s3-stopped", env, "lakesynth", generate);
    waitFor(() -> parquetFiles(tableDir).size() > oldFiles.size() || !job.process().isAlive(), Duration.ofMinutes(3));
    assertThat(job.process().isAlive()).as("the write had started: " + job.stderrSoFar()).isTrue();
    long stoppedAt = System.nanoTime();
    s3.stop();
    ChildProcess.Result failed = job.await(Duration.ofMinutes(8));
    double failSeconds = (System.nanoTime() - stoppedAt) / 1e9;
    System.out.printf("S3 stopped mid-write: the job failed with exit %d after %.1f s%n", failed.code(), failSeconds);
    s3.start();
    assertThat(failed.code()).isNotZero();
    assertThat(failed.err()).contains("lakesynth: error LS-STORAGE", table);
    assertThat(failSeconds).isLessThan(300);
    // the previous version is intact: no new commit, same rows
    try (Stream<Path> commits = Files.list(log)) {
      assertThat(commits.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json")).toList())
          .containsExactly("00000000000000000000.json");
    }
    assertThat(spark.read().format("delta").load(table).count()).isEqualTo(before);
    // and the same command succeeds once the server is back
    ChildProcess.Result rerun = ChildProcess.run(logs, "s3-rerun", env, Duration.ofMinutes(6), "lakesynth", generate);
    assertThat(rerun.code()).as(rerun.err()).isZero();
    assertThat(spark.read().format("delta").load(table).count()).isEqualTo(2_000_000L);
    assertThat(log.resolve("00000000000000000001.json")).isRegularFile();
  }

  static List<Path> parquetFiles(Path dir) {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(p -> p.getFileName().toString().endsWith(".parquet")).toList();
    } catch (IOException e) {
      return List.of();
    }
  }

  static void waitFor(java.util.function.BooleanSupplier condition, Duration limit) throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met within " + limit);
      }
      Thread.sleep(100);
    }
  }
}
