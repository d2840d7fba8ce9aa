package io.lakesynth.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.lakesynth.model.FitAction;
import io.lakesynth.model.SynthModel;
import io.lakesynth.profile.ColumnProfile.Category;
import io.lakesynth.profile.TableProfile;
import io.lakesynth.testing.Fixtures;
import io.lakesynth.testing.SparkExtension;
import io.lakesynth.testing.TestData;
import io.lakesynth.testing.TestProfiles;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The earthquakes table's event ids come in several shapes (ci37868143, ak0191tscz6a, us7000abcd, ...): synthetic ids
 * take the real shapes in their real proportions, stay unique, and no real id is reproduced.
 */
@ExtendWith(SparkExtension.class)
class IdentifierShapesTest {
  static SparkSession spark;
  static TableProfile profile;
  static SynthModel model;
  static Dataset<Row> real;

  @BeforeAll
  static void fit() {
    spark = SparkExtension.spark();
    real = spark.read().option("header", true).option("inferSchema", true)
        .csv(TestData.zoo("earthquakes.csv").toString()).select("id", "mag", "net", "magType");
    profile = TestProfiles.profile(spark, real, "earthquakes");
    model = new FitAction(spark).source(real).profile(profile).settings(Fixtures.settings().model()).execute();
  }

  @Test
  void syntheticIdsTakeTheRealShapesInTheirProportions() {
    List<Category> shapes = profile.column("id").orElseThrow().strings().shapes();
    assertThat(shapes).extracting(Category::value).contains("aa99999999", "aa9999aaaa");
    long realRows = real.count();
    int n = 20_000;
    List<String> ids = new GenerateAction(spark).model(model).settings(Fixtures.settings("generate.rows=" + n)
        .generate()).dataset().select("id").as(org.apache.spark.sql.Encoders.STRING()).collectAsList();
    assertThat(ids).hasSize(n).doesNotHaveDuplicates();
    Map<String, Integer> counts = new HashMap<>();
    for (String id : ids) {
      counts.merge(shape(id), 1, Integer::sum);
    }
    long kept = shapes.stream().mapToLong(Category::count).sum();
    for (Category s : shapes) {
      double expected = (double) s.count() / kept;
      // binomial share of n draws: 4 standard deviations
      double tol = 4 * Math.sqrt(expected * (1 - expected) / n);
      assertThat(counts.getOrDefault(s.value(), 0) / (double) n).as(s.value()).isCloseTo(expected, within(tol));
    }
    // no id outside the kept shapes, and no real id copied
    assertThat(counts.keySet()).allMatch(k -> shapes.stream().anyMatch(s -> s.value().equals(k)));
    Dataset<Row> syn = spark.createDataset(ids, org.apache.spark.sql.Encoders.STRING()).toDF("id");
    assertThat(syn.join(real, "id").count()).isZero();
    assertThat(realRows).isGreaterThan(1000);
  }

  private static String shape(String v) {
    StringBuilder b = new StringBuilder();
    for (char c : v.toCharArray()) {
      b.append(c >= '0' && c <= '9' ? '9' : c >= 'A' && c <= 'Z' ? 'A' : c >= 'a' && c <= 'z' ? 'a' : c);
    }
    return b.toString();
  }
}
