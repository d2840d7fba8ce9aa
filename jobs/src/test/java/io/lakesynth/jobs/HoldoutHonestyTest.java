package io.lakesynth.jobs;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import io.lakesynth.model.Holdout;
import io.lakesynth.model.ModelFrames;
import io.lakesynth.testing.Fixtures;
import io.lakesynth.testing.SparkExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The holdout stays unseen: two source tables with the same training rows and different holdout rows give the same
 * profile and the same model, byte for byte (apart from the recorded fit duration), through the standalone profile and
 * fit commands, which use the split run and evaluate use.
 */
@ExtendWith(SparkExtension.class)
class HoldoutHonestyTest {
  static final double FRACTION = 0.2;
  static final long SEED = 11;

  @TempDir
  Path work;

  @Test
  void changingOnlyHoldoutRowsChangesNoByteOfTheModel() throws Exception {
    SparkSession spark = SparkExtension.spark();
    Dataset<Row> a = Fixtures.adult(spark).cache();
    Dataset<Row> train = Holdout.train(a, FRACTION, SEED).cache();
    // other holdout rows: the real ones that occur once, aged by 100 years (no training row looks like them), kept
    // where the seeded split sends them to the holdout again. Copies of duplicated rows are split by their occurrence
    // number, so removing one copy would move another: duplicated holdout rows stay as they are.
    Dataset<Row> keyed = a.withColumn("k", ModelFrames.rowJson(a));
    Dataset<Row> counts = keyed.groupBy("k").count();
    Dataset<Row> ho = Holdout.holdout(a, FRACTION, SEED);
    Dataset<Row> hoCounted = ho.withColumn("k", ModelFrames.rowJson(ho)).join(counts, "k");
    Dataset<Row> duplicated = hoCounted.filter(col("count").gt(1)).drop("k", "count");
    Dataset<Row> other = Holdout.holdout(hoCounted.filter(col("count").equalTo(1)).drop("k", "count")
        .withColumn("age", col("age").plus(100)), FRACTION, SEED);
    Dataset<Row> b = train.unionByName(duplicated).unionByName(other);
    assertThat(other.count()).isGreaterThan(100);
    sameRows(Holdout.train(b, FRACTION, SEED), train);
    sameRows(Holdout.holdout(b, FRACTION, SEED), duplicated.unionByName(other));

    Path source = work.resolve("source");
    a.write().mode(SaveMode.Overwrite).parquet(source.toString());
    fit(source, work.resolve("a"));
    b.write().mode(SaveMode.Overwrite).parquet(source.toString());
    fit(source, work.resolve("b"));

    // the profiles agree, and so does every model file
    assertThat(Files.readString(work.resolve("b/profile.json"))).isEqualTo(Files.readString(work.resolve(
        "a/profile.json")));
    List<String> files;
    try (Stream<Path> s = Files.list(work.resolve("a/model"))) {
      files = s.map(p -> p.getFileName().toString()).sorted().toList();
    }
    assertThat(files).contains("metadata.json", "cpts.bin");
    for (String f : files) {
      if (f.equals("metadata.sha256")) {
        continue; // the digest of metadata.json, which differs only by the recorded fit duration (compared below)
      }
      byte[] x = Files.readAllBytes(work.resolve("a/model").resolve(f));
      byte[] y = Files.readAllBytes(work.resolve("b/model").resolve(f));
      if (f.equals("metadata.json")) {
        x = withoutFitMillis(x);
        y = withoutFitMillis(y);
      }
      assertThat(y).as(f).isEqualTo(x);
    }
    // and the holdout did change: the whole tables differ
    assertThat(a.exceptAll(b).count()).isGreaterThan(100);
  }

  private static void fit(Path source, Path dir) {
    String[] common = {"--source", source.toString(), "--source-format", "parquet", "--work-dir", dir.toString(),
        "--set", "model.gmm.max-components=3"};
    CliTest.Result p = CliTest.run(concat("profile", common));
    assertThat(p.code()).as(p.err()).isZero();
    CliTest.Result f = CliTest.run(concat("fit", common));
    assertThat(f.code()).as(f.err()).isZero();
  }

  private static String[] concat(String cmd, String[] rest) {
    String[] out = new String[rest.length + 1];
    out[0] = cmd;
    System.arraycopy(rest, 0, out, 1, rest.length);
    return out;
  }

  private static byte[] withoutFitMillis(byte[] json) {
    return new String(json, java.nio.charset.StandardCharsets.UTF_8).replaceAll("\"fitMillis\"\\s*:\\s*\\d+", "")
        .getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  /** Same multiset of rows. */
  private static void sameRows(Dataset<Row> x, Dataset<Row> y) {
    assertThat(x.count()).isEqualTo(y.count());
    assertThat(x.exceptAll(y).count()).isZero();
    assertThat(y.exceptAll(x).count()).isZero();
  }
}
