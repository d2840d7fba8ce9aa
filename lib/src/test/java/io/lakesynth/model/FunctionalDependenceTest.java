package io.lakesynth.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakesynth.generate.GenerateAction;
import io.lakesynth.profile.TableProfile;
import io.lakesynth.profile.TableProfile.Derivation;
import io.lakesynth.testing.Fixtures;
import io.lakesynth.testing.SparkExtension;
import io.lakesynth.testing.TestData;
import io.lakesynth.testing.TestProfiles;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A code and its label (adult's {@code education} and {@code education-num}, one to one) and a grouping of a column
 * (a degree flag computed from {@code education}) stay functions on every synthetic row; columns that merely depend on
 * each other (relationship and sex: "Husband" is male, "Own-child" is either) are not taken for functions.
 */
@ExtendWith(SparkExtension.class)
class FunctionalDependenceTest {
  static SparkSession spark;
  static TableProfile profile;
  static SynthModel model;

  @BeforeAll
  static void fitAdult() {
    spark = SparkExtension.spark();
    Dataset<Row> adult = spark.read().option("header", true).option("inferSchema", true)
        .option("ignoreLeadingWhiteSpace", true).csv(TestData.zoo("adult.csv").toString())
        .withColumn("degree", functions.when(functions.col("education").isin("Bachelors", "Masters", "Doctorate",
            "Prof-school"), "degree").otherwise("none"));
    profile = TestProfiles.profile(spark, adult, "adult");
    model = new FitAction(spark).source(adult).profile(profile).settings(Fixtures.settings().model()).execute();
  }

  @Test
  void theProfileFindsTheFunctionsAndOnlyThem() {
    List<Derivation> functionsOf = profile.dependence().derivations().stream()
        .filter(d -> d.kind().equals(Derivation.FUNCTION_OF)).toList();
    // one direction of the one-to-one pair (the later column is the function), the flag from the coarsest source
    assertThat(functionsOf).contains(new Derivation("education-num", Derivation.FUNCTION_OF, "education"));
    assertThat(functionsOf).anySatisfy(d -> {
      assertThat(d.column()).isEqualTo("degree");
      assertThat(d.source()).isIn("education", "education-num");
    });
    assertThat(functionsOf).noneMatch(d -> d.column().equals("education"));
    assertThat(functionsOf).noneMatch(d -> d.column().equals("sex") || d.column().equals("relationship")
        || d.column().equals("income") || d.column().equals("race"));
  }

  @Test
  void theFunctionIsTheNodesOnlyParent() {
    int edu = model.metadata().nodeNames().indexOf("education");
    int num = model.metadata().nodeNames().indexOf("education-num");
    assertThat(model.metadata().parents()[num]).containsExactly(edu);
  }

  @Test
  void everySyntheticRowKeepsTheMapping() {
    Dataset<Row> out = new GenerateAction(spark).model(model)
        .settings(Fixtures.settings("generate.rows=20000").generate()).dataset().cache();
    long codes = out.select("education", "education-num").distinct().count();
    long labels = out.select("education").distinct().count();
    assertThat(codes).as("distinct (education, education-num) pairs vs distinct education").isEqualTo(labels);
    long flagPairs = out.select("education", "degree").distinct().count();
    assertThat(flagPairs).as("distinct (education, degree) pairs vs distinct education").isEqualTo(labels);
    // and the function is the real one, not any function
    Dataset<Row> real = spark.read().option("header", true).option("inferSchema", true)
        .option("ignoreLeadingWhiteSpace", true).csv(TestData.zoo("adult.csv").toString())
        .select("education", "education-num").distinct();
    assertThat(out.select("education", "education-num").distinct().except(real).count()).isZero();
    out.unpersist();
  }
}
