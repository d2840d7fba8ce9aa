package io.lakesynth.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakesynth.config.ModelType;
import io.lakesynth.config.Settings;
import io.lakesynth.error.LakesynthException;
import io.lakesynth.generate.GenerateAction;
import io.lakesynth.profile.TableProfile;
import io.lakesynth.testing.Fixtures;
import io.lakesynth.testing.SparkExtension;
import io.lakesynth.testing.TestProfiles;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.StructField;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Fit and generate on the real adult table: types, marginals, determinism, persistence. */
@ExtendWith(SparkExtension.class)
class FitGenerateTest {
  static SparkSession spark;
  static Dataset<Row> adult;
  static TableProfile profile;
  static SynthModel hybrid;

  @BeforeAll
  static void fitOnce() {
    spark = SparkExtension.spark();
    adult = Fixtures.adult(spark).cache();
    profile = TestProfiles.profile(spark, adult, "adult");
    hybrid = new FitAction(spark).source(adult).profile(profile).settings(Fixtures.settings("model.type=hybrid").model())
        .execute();
  }

  static Dataset<Row> generate(SynthModel model, long rows, int partitions, long seed) {
    Settings s = Fixtures.settings("generate.rows=" + rows, "generate.partitions=" + partitions,
        "generate.seed=" + seed);
    return new GenerateAction(spark).model(model).settings(s.generate()).output("unused").dataset();
  }

  @Test
  void outputHasTheSourceSchemaAndValidValues() {
    Dataset<Row> syn = generate(hybrid, 4000, 3, 1).cache();
    assertThat(syn.schema().fieldNames()).containsExactly(adult.schema().fieldNames());
    for (StructField f : adult.schema().fields()) {
      assertThat(syn.schema().apply(f.name()).dataType()).as(f.name()).isEqualTo(f.dataType());
    }
    assertThat(syn.count()).isEqualTo(4000);
    Row ageRange = syn.agg(functions.min("age"), functions.max("age")).first();
    assertThat(ageRange.getInt(0)).isGreaterThanOrEqualTo(17);
    assertThat(ageRange.getInt(1)).isLessThanOrEqualTo(90);
    // every categorical value is one the source has
    List<Row> unknown = syn.select("education").distinct().except(adult.select("education").distinct())
        .collectAsList();
    assertThat(unknown).isEmpty();
    syn.unpersist();
  }

  @Test
  void marginalsAndNullRatesFollowTheSource() {
    long n = 20_000;
    Dataset<Row> syn = generate(hybrid, n, 2, 3).cache();
    // income share: tolerance 4 sigma of a binomial share on n rows plus the model's smoothing
    double realRich = share(adult, functions.col("income").equalTo(">50K"));
    double synRich = share(syn, functions.col("income").equalTo(">50K"));
    assertThat(synRich).isCloseTo(realRich, org.assertj.core.api.Assertions.within(
        4 * Math.sqrt(realRich * (1 - realRich) / n) + 0.005));
    double realNull = share(adult, functions.col("occupation").isNull());
    double synNull = share(syn, functions.col("occupation").isNull());
    assertThat(synNull).isCloseTo(realNull, org.assertj.core.api.Assertions.within(
        4 * Math.sqrt(realNull * (1 - realNull) / n) + 0.005));
    // the age mean within 4 standard errors (sd of age is about 13.6)
    double realMean = adult.agg(functions.avg("age")).first().getDouble(0);
    double synMean = syn.agg(functions.avg("age")).first().getDouble(0);
    assertThat(synMean).isCloseTo(realMean, org.assertj.core.api.Assertions.within(4 * 13.7 / Math.sqrt(n) + 0.3));
    // the strongest dependence survives: married men are far more often >50K than never-married people
    double marriedRich = share(syn.filter("`marital-status` = 'Married-civ-spouse'"),
        functions.col("income").equalTo(">50K"));
    double neverRich = share(syn.filter("`marital-status` = 'Never-married'"), functions.col("income").equalTo(">50K"));
    assertThat(marriedRich - neverRich).isGreaterThan(0.25);
    syn.unpersist();
  }

  @Test
  void rowsDoNotDependOnPartitioning() {
    Dataset<Row> a = generate(hybrid, 3000, 1, 9);
    Dataset<Row> b = generate(hybrid, 3000, 7, 9);
    assertThat(a.exceptAll(b).count()).isZero();
    assertThat(b.exceptAll(a).count()).isZero();
    Dataset<Row> other = generate(hybrid, 3000, 1, 10);
    assertThat(a.exceptAll(other).count()).isGreaterThan(2500);
  }

  @Test
  void saveAndLoadGiveIdenticalSamples(@TempDir Path dir) {
    String path = dir.resolve("model").toString();
    ModelStore.save(spark, hybrid, path);
    SynthModel loaded = ModelStore.load(spark, path);
    assertThat(loaded.metadata().nodeNames()).isEqualTo(hybrid.metadata().nodeNames());
    Dataset<Row> a = generate(hybrid, 2000, 2, 5);
    Dataset<Row> b = generate(loaded, 2000, 3, 5);
    assertThat(a.exceptAll(b).count()).isZero();
  }

  @Test
  void everyModelTypeFits() {
    for (ModelType type : ModelType.values()) {
      Settings s = Fixtures.settings("model.type=" + type.configName(), "model.sample-rows=5000");
      SynthModel m = new FitAction(spark).source(adult).profile(profile).settings(s.model()).execute();
      assertThat(m.metadata().modelType()).isEqualTo(type.configName());
      assertThat(generate(m, 500, 2, 1).count()).isEqualTo(500);
      if (type == ModelType.BAYESNET) {
        assertThat(m.mixture()).isNull();
      } else {
        assertThat(m.mixture().components()).isGreaterThanOrEqualTo(1);
      }
    }
  }

  @Test
  void conditionsRebalanceARootColumn() {
    Settings s = Fixtures.settings("model.roots=[income]");
    SynthModel m = new FitAction(spark).source(adult).profile(profile).settings(s.model()).execute();
    assertThat(m.metadata().parents()[m.metadata().nodeNames().indexOf("income")]).isEmpty();
    Map<String, Map<String, Double>> cond = new HashMap<>();
    cond.put("income", Map.of(">50K", 0.5, "<=50K", 0.5));
    Settings g = Fixtures.settings("generate.rows=10000", "generate.conditions={ income { \">50K\" = 0.5, \"<=50K\" = 0.5 } }");
    Dataset<Row> syn = new GenerateAction(spark).model(m).settings(g.generate()).output("unused").dataset().cache();
    double rich = share(syn, functions.col("income").equalTo(">50K"));
    assertThat(rich).isCloseTo(0.5, org.assertj.core.api.Assertions.within(4 * Math.sqrt(0.25 / 10000)));
    // the rebalanced class keeps its profile: rich people stay older on average
    double richAge = syn.filter("income = '>50K'").agg(functions.avg("age")).first().getDouble(0);
    double poorAge = syn.filter("income = '<=50K'").agg(functions.avg("age")).first().getDouble(0);
    assertThat(richAge - poorAge).isGreaterThan(5);
    syn.unpersist();
    // a column with parents cannot be conditioned exactly: the error says how to refit
    ModelMetadata meta = hybrid.metadata();
    String child = categoricalWithParents(meta);
    assertThat(child).isNotNull();
    String value = meta.columns().stream().filter(c -> c.name().equals(child)).findFirst().orElseThrow()
        .categories().get(0);
    Settings bad = Fixtures.settings("generate.rows=10",
        "generate.conditions={ \"" + child + "\" { \"" + value + "\" = 1.0 } }");
    assertThatThrownBy(() -> new GenerateAction(spark).model(hybrid).settings(bad.generate()).output("x").dataset())
        .isInstanceOf(LakesynthException.class)
        .hasMessageContaining("lakesynth.generate.conditions." + child)
        .hasMessageContaining("not a root of the model; refit with model.roots");
  }

  @Test
  void fitRefusesATableThatNoLongerMatchesTheProfile() {
    Dataset<Row> changed = adult.drop("fnlwgt").withColumn("age", functions.col("age").cast("string"));
    assertThatThrownBy(() -> new FitAction(spark).source(changed).profile(profile)
        .settings(Fixtures.settings().model()).execute())
        .isInstanceOf(LakesynthException.class)
        .hasMessageContaining("Table adult does not match the model profile")
        .hasMessageContaining("column 'fnlwgt' was dropped")
        .hasMessageContaining("column 'age' changed type from INT to STRING");
  }

  @Test
  void fitDoesNotDependOnPartitioning() {
    Settings s = Fixtures.settings("model.type=hybrid", "model.sample-rows=5000"); // below the row count: sampled
    SynthModel a = new FitAction(spark).source(adult.repartition(3)).profile(profile).settings(s.model()).execute();
    SynthModel b = new FitAction(spark).source(adult.coalesce(1)).profile(profile).settings(s.model()).execute();
    assertThat(b.metadata().parents()).isDeepEqualTo(a.metadata().parents());
    assertThat(b.network().cpt()).isDeepEqualTo(a.network().cpt());
    assertThat(b.mixture().means()).isDeepEqualTo(a.mixture().means());
  }

  private static String categoricalWithParents(ModelMetadata meta) {
    for (ModelColumn c : meta.columns()) {
      if (c.node() >= 0 && c.role() == io.lakesynth.profile.Role.CATEGORICAL && meta.parents()[c.node()].length > 0) {
        return c.name();
      }
    }
    return null;
  }

  static double share(Dataset<Row> df, org.apache.spark.sql.Column cond) {
    Row r = df.agg(functions.avg(functions.when(cond, 1.0).otherwise(0.0))).first();
    return r.getDouble(0);
  }
}
