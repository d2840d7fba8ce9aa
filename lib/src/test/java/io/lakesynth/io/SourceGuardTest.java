package io.lakesynth.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakesynth.error.ErrorCode;
import io.lakesynth.error.LakesynthException;
import io.lakesynth.testing.SparkExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Overlap of an output with the real tables, on normalised paths (Hadoop-qualified, local links resolved). */
@ExtendWith(SparkExtension.class)
class SourceGuardTest {
  @TempDir
  Path dir;

  private void refused(SparkSession spark, String source, String output) {
    assertThatThrownBy(() -> new SourceGuard(spark).table(source, "the test source").check("the output", output))
        .as("%s over %s", output, source)
        .isInstanceOfSatisfying(LakesynthException.class, e -> {
          assertThat(e.errorCode()).isEqualTo(ErrorCode.OUTPUT_IS_SOURCE);
          assertThat(e.exitCode()).isEqualTo(2);
          assertThat(e.getMessage()).contains(output, source, "the test source", "the output");
        });
  }

  @Test
  void everySpellingOfTheSameLocalPathOverlaps(SparkSession spark) throws Exception {
    Path src = Files.createDirectories(dir.resolve("lake/events"));
    String s = src.toString();
    refused(spark, s, s);
    refused(spark, s, s + "/");
    refused(spark, s + "//", s);
    refused(spark, s, "file:" + s);
    refused(spark, s, "file://" + s);
    refused(spark, "file:" + s + "/", s);
    refused(spark, s, dir.resolve("lake/other/../events").toString());
    refused(spark, s, s + "/event_date=2024-01-01"); // inside
    refused(spark, s, dir.resolve("lake").toString()); // around
    Path link = Files.createSymbolicLink(dir.resolve("link"), dir.resolve("lake"));
    refused(spark, s, link.resolve("events").toString());
    refused(spark, s, link.resolve("events/new-part").toString());
  }

  @Test
  void relativePathsAreResolvedAgainstTheWorkingDirectory(SparkSession spark) {
    String cwd = Path.of("").toAbsolutePath().toString();
    refused(spark, cwd + "/target/some-table", "target/some-table");
  }

  @Test
  void objectStoreSchemesCompareByBucketAndKey(SparkSession spark) {
    refused(spark, "s3a://lake/sales", "s3a://lake/sales/");
    refused(spark, "s3a://lake/sales", "s3://lake/sales/2024");
    refused(spark, "s3a://lake/sales", "s3a://LAKE/sales");
    assertThatCode(() -> new SourceGuard(spark).table("s3a://lake/sales", "src").check("out", "s3a://other/sales"))
        .doesNotThrowAnyException();
  }

  @Test
  void siblingsAndPrefixesThatAreNotFoldersAreAllowed(SparkSession spark) {
    String s = dir.resolve("sales").toString();
    SourceGuard g = new SourceGuard(spark).table(s, "src").table("", "blank is ignored").table(null, "null too");
    assertThatCode(() -> g.check("out", s + "_synthetic")).doesNotThrowAnyException();
    assertThatCode(() -> g.check("out", dir.resolve("synthetic").toString())).doesNotThrowAnyException();
    assertThatCode(() -> g.check("out", "")).doesNotThrowAnyException();
  }

  @Test
  void everyKnownTableIsChecked(SparkSession spark) {
    String a = dir.resolve("a").toString();
    String b = dir.resolve("b").toString();
    SourceGuard g = new SourceGuard(spark).table(a, "configured").table(b, "recorded in profile.json");
    assertThatThrownBy(() -> g.check("the generate output", b + "/x"))
        .hasMessageContaining("recorded in profile.json").hasMessageContaining(b);
  }
}
