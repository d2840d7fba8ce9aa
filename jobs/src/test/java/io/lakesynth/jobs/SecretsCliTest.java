package io.lakesynth.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakesynth.testing.SparkExtension;
import java.io.StringWriter;
import java.nio.file.Path;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.WriterAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.layout.PatternLayout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Cloud credentials given as Spark/Hadoop settings never reach --print-config, the error stream or the log. */
@ExtendWith(SparkExtension.class)
@Timeout(120)
class SecretsCliTest {
  static final String AZURE = "spark.hadoop.fs.azure.account.key.acct.dfs.core.windows.net";
  static final String S3_ENCRYPTION = "spark.hadoop.fs.s3a.encryption.key";
  static final String AZURE_VALUE = "QXp1cmVBY2NvdW50S2V5VmFsdWU9PQ";
  static final String S3_VALUE = "c3NlLWMta2V5LWJhc2U2NC12YWx1ZQ";

  @TempDir
  Path dir;

  @org.junit.jupiter.api.BeforeAll
  static void session() {
    SparkExtension.spark(); // Main reuses the shared local[2] session
  }

  @Test
  void printConfigMasksHadoopAndSparkSensitiveKeys() {
    CliTest.Result r = CliTest.run("generate", "--set", "spark.conf." + AZURE + "=" + AZURE_VALUE,
        "--set", "spark.conf." + S3_ENCRYPTION + "=" + S3_VALUE, "--print-config");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out() + r.err()).doesNotContain(AZURE_VALUE).doesNotContain(S3_VALUE);
    assertThat(r.out()).contains("\"" + AZURE + "\" = \"****\"", "\"" + S3_ENCRYPTION + "\" = \"****\"");
  }

  @Test
  void theLoggedConfigurationMasksThemToo() {
    StringWriter log = new StringWriter();
    LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
    Configuration cfg = ctx.getConfiguration();
    WriterAppender appender = WriterAppender.newBuilder().setName("secrets-test").setTarget(log)
        .setLayout(PatternLayout.newBuilder().withPattern("%m%n").build()).build();
    appender.start();
    cfg.getRootLogger().addAppender(appender, Level.ALL, null);
    cfg.getLoggerConfig("io.lakesynth").addAppender(appender, Level.ALL, null);
    ctx.updateLoggers();
    CliTest.Result r;
    try {
      // no model in this work dir: the job logs its configuration, starts Spark, then fails with exit 3
      r = CliTest.run("generate", "--work-dir", dir.toString(), "--set", "spark.conf." + AZURE + "=" + AZURE_VALUE,
          "--set", "spark.conf." + S3_ENCRYPTION + "=" + S3_VALUE);
    } finally {
      cfg.getRootLogger().removeAppender("secrets-test");
      cfg.getLoggerConfig("io.lakesynth").removeAppender("secrets-test");
      ctx.updateLoggers();
      appender.stop();
    }
    assertThat(r.code()).as(r.err()).isEqualTo(3);
    assertThat(log.toString()).contains("resolved configuration", AZURE, "****")
        .doesNotContain(AZURE_VALUE).doesNotContain(S3_VALUE);
    assertThat(r.out() + r.err()).doesNotContain(AZURE_VALUE).doesNotContain(S3_VALUE);
  }

  @Test
  void quotedSparkKeysWork() {
    CliTest.Result r = CliTest.run("generate", "--set", "spark.conf.\"spark.sql.shuffle.partitions\"=3",
        "--print-config");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("lakesynth.spark.conf.\"spark.sql.shuffle.partitions\" = \"3\"")
        .doesNotContain("\"\\\"spark");
    CliTest.Result bad = CliTest.run("generate", "--set", "spark.conf.\"spark.sql.x=3", "--print-config");
    assertThat(bad.code()).isEqualTo(2);
    assertThat(bad.err()).contains("LS-CONFIG-OVERRIDE", "spark.conf.\"spark.sql.x");
  }
}
