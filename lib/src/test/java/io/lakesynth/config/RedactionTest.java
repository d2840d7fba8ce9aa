package io.lakesynth.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.Config;
import io.lakesynth.error.ErrorCode;
import io.lakesynth.error.LakesynthException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Secrets never printed: Hadoop's and Spark's sensitive-key patterns plus ours; quoted spark.conf keys. */
class RedactionTest {
  static final String AZURE = "spark.hadoop.fs.azure.account.key.acct.dfs.core.windows.net";
  static final String S3_ENCRYPTION = "spark.hadoop.fs.s3a.encryption.key";
  static final String AZURE_VALUE = "QXp1cmVBY2NvdW50S2V5VmFsdWU9PQ";
  static final String S3_VALUE = "c3NlLWMta2V5LWJhc2U2NC12YWx1ZQ";

  @TempDir
  Path dir;

  @Test
  void cloudKeysAreMaskedFromOverridesAndFiles() throws Exception {
    Path f = dir.resolve("secrets.conf");
    Files.writeString(f, "lakesynth.spark.conf { \"" + S3_ENCRYPTION + "\" = \"" + S3_VALUE + "\" }");
    Config config = SettingsLoader.loadConfig(Optional.of(f),
        List.of("spark.conf." + AZURE + "=" + AZURE_VALUE, "spark.conf.spark.sql.shuffle.partitions=3"));
    String printed = ConfigPrinter.render(config);
    assertThat(printed).doesNotContain(AZURE_VALUE).doesNotContain(S3_VALUE)
        .contains("\"" + AZURE + "\" = \"****\"", "\"" + S3_ENCRYPTION + "\" = \"****\"")
        .contains("\"spark.sql.shuffle.partitions\" = \"3\"");
    // the values themselves are intact for Spark
    assertThat(SettingsLoader.build(config).spark().conf()).containsEntry(AZURE, AZURE_VALUE)
        .containsEntry(S3_ENCRYPTION, S3_VALUE);
  }

  @Test
  void hadoopsListComesFromHadoopItself() {
    org.apache.hadoop.conf.Configuration hadoop = new org.apache.hadoop.conf.Configuration();
    List<String> expected = List.of(hadoop.getTrimmedStrings(
        org.apache.hadoop.fs.CommonConfigurationKeysPublic.HADOOP_SECURITY_SENSITIVE_CONFIG_KEYS));
    assertThat(expected).contains("fs.azure.account.key.*", "fs.s3a.encryption.key");
    assertThat(Redaction.hadoopDefaults()).isEqualTo(expected);
    assertThat(Redaction.defaults().patterns()).containsAll(expected);
  }

  @Test
  void sparkDefaultIsTheOneOfTheSparkOnTheClassPath() {
    // fails on a Spark upgrade that changes spark.redaction.regex's default: then update Redaction.SPARK_DEFAULT
    assertThat(Redaction.SPARK_DEFAULT).isEqualTo(
        org.apache.spark.internal.config.package$.MODULE$.SECRET_REDACTION_PATTERN().defaultValueString());
    assertThat(Redaction.defaults().patterns()).contains(Redaction.SPARK_DEFAULT, Redaction.OURS);
  }

  @Test
  void sensitiveAndOrdinaryKeys() {
    Redaction r = Redaction.defaults();
    for (String k : List.of(AZURE, S3_ENCRYPTION, "spark.hadoop.fs.s3a.secret.key", "spark.hadoop.fs.s3a.access.key",
        "spark.hadoop.fs.s3a.session.token", "spark.hadoop.fs.s3a.bucket.b.secret.key", "spark.hadoop.fs.gs.auth.x",
        "spark.hadoop.fs.azure.account.oauth2.client.secret", "db.password", "x.credential", "api_key",
        "spark.hadoop.fs.azure.sas.token.x", "lakesynth.spark.conf.\"my.private-key\"")) {
      assertThat(r.isSensitive(k)).as(k).isTrue();
    }
    for (String k : List.of("spark.sql.shuffle.partitions", "spark.sql.session.timeZone", "lakesynth.generate.rows",
        "spark.hadoop.fs.s3a.endpoint", "lakesynth.source.path", "spark.hadoop.fs.s3a.path.style.access")) {
      assertThat(r.isSensitive(k)).as(k).isFalse();
    }
  }

  @Test
  void theUsersOwnRedactionRegexIsAdded() {
    Config config = SettingsLoader.loadConfig(Optional.empty(), List.of(
        "spark.conf.spark.redaction.regex=(?i)mycompany\\.apikey", "spark.conf.spark.mycompany.apikey=hunter2"));
    assertThat(ConfigPrinter.render(config)).doesNotContain("hunter2");
  }

  @Test
  void quotedSparkKeysLoseTheirQuotes() {
    Settings s = SettingsLoader.load(Optional.empty(), List.of("spark.conf.\"spark.sql.shuffle.partitions\"=3",
        "spark.conf.spark.hadoop.\"fs.s3a.endpoint\"=http://127.0.0.1:9000"));
    assertThat(s.spark().conf()).containsEntry("spark.sql.shuffle.partitions", "3")
        .containsEntry("spark.hadoop.fs.s3a.endpoint", "http://127.0.0.1:9000");
    assertThat(s.spark().conf().keySet()).noneMatch(k -> k.contains("\""));
    assertThatThrownBy(() -> SettingsLoader.load(Optional.empty(), List.of("spark.conf.\"spark.sql.x=3")))
        .isInstanceOfSatisfying(LakesynthException.class,
            e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.CONFIG_BAD_OVERRIDE))
        .hasMessageContaining("spark.conf.\"spark.sql.x");
  }
}
