package io.lakesynth.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakesynth.error.ErrorCode;
import io.lakesynth.error.LakesynthException;
import io.lakesynth.profile.TableProfile;
import io.lakesynth.testing.Fixtures;
import io.lakesynth.testing.SparkExtension;
import io.lakesynth.testing.TestProfiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** metadata.json is checked against its checksum; the recorded source path survives save/load; old models load. */
@ExtendWith(SparkExtension.class)
class ModelStoreChecksumTest {
  @TempDir
  static Path dir;
  static SparkSession spark;
  static SynthModel model;
  static Path saved;

  @BeforeAll
  static void fit() {
    spark = SparkExtension.spark();
    Dataset<Row> df = spark.range(500).selectExpr("CAST(id % 80 AS INT) AS age", "CAST(id % 3 AS STRING) AS kind");
    TableProfile profile = TestProfiles.profile(spark, df, "people", "/lake/people", List.of());
    model = new FitAction(spark).source(df).profile(profile).settings(Fixtures.settings().model()).execute();
    saved = dir.resolve("model");
    ModelStore.save(spark, model, saved.toString());
  }

  static Path copy(String name) throws Exception {
    Path to = Files.createDirectories(dir.resolve(name));
    for (String f : List.of(ModelStore.METADATA, ModelStore.METADATA_SHA, ModelStore.CPTS)) {
      Files.copy(saved.resolve(f), to.resolve(f));
    }
    return to;
  }

  @Test
  void savedModelLoadsWithItsSourcePath() {
    SynthModel back = ModelStore.load(spark, saved.toString());
    assertThat(back.metadata().sourcePath()).isEqualTo("/lake/people");
    assertThat(back.metadata().sourceSchemaJson()).isEqualTo(model.metadata().sourceSchemaJson());
  }

  @Test
  void anEditedColumnTypeIsRefused() throws Exception {
    Path m = copy("edited");
    Path meta = m.resolve(ModelStore.METADATA);
    String json = Files.readString(meta);
    String edited = json.replace("\\\"type\\\":\\\"integer\\\"", "\\\"type\\\":\\\"date\\\"");
    assertThat(edited).isNotEqualTo(json);
    Files.writeString(meta, edited);
    assertThatThrownBy(() -> ModelStore.load(spark, m.toString()))
        .isInstanceOfSatisfying(LakesynthException.class, e -> assertThat(e.errorCode()).isEqualTo(
            ErrorCode.MODEL_INVALID))
        .hasMessageContaining(m.toString()).hasMessageContaining("metadata.json does not match its checksum");
  }

  @Test
  void aModelFromBeforeTheChecksumAndSourcePathStillLoads() throws Exception {
    Path m = copy("old");
    Files.delete(m.resolve(ModelStore.METADATA_SHA));
    Path meta = m.resolve(ModelStore.METADATA);
    String json = Files.readString(meta);
    String old = json.replaceAll(",\\s*\"sourcePath\"\\s*:\\s*\"[^\"]*\"", "");
    assertThat(old).doesNotContain("sourcePath");
    Files.writeString(meta, old);
    SynthModel back = ModelStore.load(spark, m.toString());
    assertThat(back.metadata().sourcePath()).isNull();
    assertThat(back.network().cpt()).isDeepEqualTo(model.network().cpt());
  }
}
