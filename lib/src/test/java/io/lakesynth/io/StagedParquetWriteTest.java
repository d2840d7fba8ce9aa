package io.lakesynth.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import io.lakesynth.testing.SparkExtension;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The staged Parquet write's swap and its recovery after a kill between the two renames (the kill mid-write is
 * ParquetOverwriteKillTest in jobs, with a real SIGKILL). */
@ExtendWith(SparkExtension.class)
class StagedParquetWriteTest {
  @TempDir
  Path dir;

  static java.util.List<String> names(Path p) throws Exception {
    try (Stream<Path> s = Files.list(p)) {
      return s.map(x -> x.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void swapReplacesTheTableAndLeavesNoSiblings(SparkSession spark) throws Exception {
    String out = dir.resolve("t").toString();
    StagedParquetWrite.write(spark, spark.range(10).toDF().write(), out);
    StagedParquetWrite.write(spark, spark.range(25).toDF().write(), out);
    assertThat(spark.read().parquet(out).count()).isEqualTo(25);
    assertThat(names(dir)).containsExactly("t");
  }

  @Test
  void aTableLeftAsPreviousIsPutBackAndStagingIsDropped(SparkSession spark) throws Exception {
    String out = dir.resolve("t").toString();
    StagedParquetWrite.write(spark, spark.range(10).toDF().write(), out);
    // a kill between "output -> previous" and "staging -> output", with an unfinished staging folder
    Files.move(dir.resolve("t"), dir.resolve(".t" + StagedParquetWrite.PREVIOUS));
    Files.createDirectories(dir.resolve(".t" + StagedParquetWrite.STAGING + "/_temporary/0"));
    StagedParquetWrite.recover(spark, out);
    assertThat(names(dir)).containsExactly("t");
    assertThat(spark.read().parquet(out).count()).isEqualTo(10);
    assertThat(StagedParquetWrite.supported(spark, out)).isTrue();
    assertThat(StagedParquetWrite.supported(spark, "s3a://bucket/t")).isFalse();
  }
}
