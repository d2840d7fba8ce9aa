package io.lakesynth.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakesynth.testing.Fixtures;
import io.lakesynth.testing.SparkExtension;
import java.nio.file.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(SparkExtension.class)
class SynthesizerTest {
  @Test
  void fitSampleSaveLoad(SparkSession spark, @TempDir Path dir) {
    Dataset<Row> penguins = Fixtures.penguins(spark);
    Synthesizer.Model m = new Synthesizer().setModelType("bayesnet").setSeed(3).fit(penguins);
    Dataset<Row> a = m.sample(500, 9);
    assertThat(a.schema()).isEqualTo(penguins.schema());
    assertThat(a.count()).isEqualTo(500);
    String path = dir.resolve("m").toString();
    m.save(path);
    assertThat(dir.resolve("m/metadata.json")).isRegularFile();
    Synthesizer.Model back = Synthesizer.Model.load(spark, path);
    assertThat(back.synthModel().network().cpt()).isDeepEqualTo(m.synthModel().network().cpt());
    assertThat(back.sample(500, 9).exceptAll(a).count()).isZero();
    assertThat(a.exceptAll(back.sample(500, 9)).count()).isZero();
    assertThat(m.sample(500, 10).exceptAll(a).count()).isPositive();
  }
}
