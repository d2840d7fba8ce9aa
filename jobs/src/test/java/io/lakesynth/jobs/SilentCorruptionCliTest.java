package io.lakesynth.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakesynth.testing.SparkExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Issue 17, item 6: input that used to be read wrongly without a word now fails with the culprit named. */
@ExtendWith(SparkExtension.class)
@Timeout(300)
class SilentCorruptionCliTest {
  @TempDir
  static Path dir;

  @BeforeAll
  static void session() {
    SparkExtension.spark(); // Main reuses the shared local[2] session
  }

  static String csv(int rows, String delimiter) {
    StringBuilder sb = new StringBuilder("city" + delimiter + "n" + delimiter + "amount\n");
    String[] cities = {"Zürich", "Genève", "Bern", "Köln"};
    for (int i = 0; i < rows; i++) {
      sb.append(cities[i % 4]).append(delimiter).append(i % 5).append(delimiter).append(i * 1.5).append('\n');
    }
    return sb.toString();
  }

  @Test
  void latin1BytesAreRefusedAsUtf8AndReadRightWithTheEncodingKey() throws Exception {
    Path file = dir.resolve("latin1.csv");
    Files.write(file, csv(200, ",").getBytes(StandardCharsets.ISO_8859_1));
    CliTest.Result r = CliTest.run("profile", "--source", file.toString(), "--source-format", "csv",
        "--work-dir", dir.resolve("w-latin1").toString());
    assertThat(r.code()).as(r.err()).isEqualTo(3);
    // byte 15 (0-based): the 0xFC of "Zürich" after "city,n,amount\n" and "Z"
    assertThat(r.err()).contains("LS-SOURCE-ENCODING", file.toString(), "UTF-8", "at byte 15",
        "source.csv.encoding");
    CliTest.Result ok = CliTest.run("profile", "--source", file.toString(), "--source-format", "csv",
        "--work-dir", dir.resolve("w-latin1").toString(), "--set", "source.csv.encoding=ISO-8859-1");
    assertThat(ok.code()).as(ok.err()).isZero();
    String profile = Files.readString(dir.resolve("w-latin1/profile.json"), StandardCharsets.UTF_8);
    assertThat(profile).contains("Zürich", "Genève", "Köln").doesNotContain("\uFFFD");
    CliTest.Result bad = CliTest.run("profile", "--set", "source.csv.encoding=latin-42", "--print-config");
    assertThat(bad.code()).isEqualTo(2);
    assertThat(bad.err()).contains("lakesynth.source.csv.encoding", "latin-42");
  }

  @Test
  void aSemicolonFileReadWithCommasNamesTheDelimiter() throws Exception {
    Path file = dir.resolve("semicolons.csv");
    Files.writeString(file, csv(100, ";"));
    CliTest.Result r = CliTest.run("profile", "--source", file.toString(), "--source-format", "csv",
        "--work-dir", dir.resolve("w-semi").toString());
    assertThat(r.code()).as(r.err()).isEqualTo(3);
    assertThat(r.err()).contains("LS-CSV-DELIMITER", file.toString(), "city;n;amount",
        "source.csv.delimiter = \";\"");
    assertThat(dir.resolve("w-semi/profile.json")).doesNotExist();
  }

  @Test
  void aDuplicateColumnIsNamed() throws Exception {
    Path file = dir.resolve("dup.csv");
    Files.writeString(file, "id,Amount,amount\n1,2,3\n2,3,4\n");
    CliTest.Result r = CliTest.run("profile", "--source", file.toString(), "--source-format", "csv",
        "--work-dir", dir.resolve("w-dup").toString());
    assertThat(r.code()).as(r.err()).isEqualTo(3);
    assertThat(r.err()).contains("LS-SOURCE-COLUMN", "column 'amount'", "'Amount'", "twice");
  }

  @Test
  void fractionalRowCountsAreRefused() {
    for (String rows : new String[] {"1.5", "1e-1"}) {
      CliTest.Result r = CliTest.run("generate", "--rows", rows, "--print-config");
      assertThat(r.code()).as(r.err()).isEqualTo(2);
      assertThat(r.err()).contains("lakesynth.generate.rows", "whole number");
    }
    assertThat(CliTest.run("generate", "--rows", "2e3", "--print-config").out())
        .contains("lakesynth.generate.rows = 2000");
  }

  @Test
  void nullsUnseenByTheProfileAreNotCodedAsAValue() {
    org.apache.spark.sql.SparkSession spark = SparkExtension.spark();
    Path table = dir.resolve("nulls");
    Path work = dir.resolve("w-nulls");
    spark.range(400).selectExpr("CAST(id % 5 AS STRING) AS kind", "id * 2.0 AS amount").write()
        .parquet(table.toString());
    assertThat(CliTest.run("profile", "--source", table.toString(), "--work-dir", work.toString()).code()).isZero();
    // the table changes after profiling: same schema, now with nulls in 'kind'
    spark.range(400).selectExpr("CASE WHEN id % 4 = 0 THEN NULL ELSE CAST(id % 5 AS STRING) END AS kind",
        "id * 2.0 AS amount").write().mode("overwrite").parquet(table.toString());
    CliTest.Result r = CliTest.run("fit", "--source", table.toString(), "--work-dir", work.toString());
    assertThat(r.code()).as(r.err()).isEqualTo(3);
    assertThat(r.err()).contains("LS-SOURCE-COLUMN", "'kind'", "null values", "profile the table again");
  }
}
