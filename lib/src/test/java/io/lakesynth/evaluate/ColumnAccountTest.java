package io.lakesynth.evaluate;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.monotonically_increasing_id;
import static org.apache.spark.sql.functions.reverse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.lakesynth.evaluate.EvaluationReport.ColumnScore;
import io.lakesynth.model.Holdout;
import io.lakesynth.profile.ProfileAction;
import io.lakesynth.profile.TableProfile;
import io.lakesynth.testing.Fixtures;
import io.lakesynth.testing.SparkExtension;
import io.lakesynth.testing.TestData;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every column is accounted for, on the real airports table (3.4k rows): an identifier (iata), free text (name), text
 * that repeats like categories (city), categoricals and coordinates. Synthetic tables are the real one with single
 * columns altered in known ways, so each check has a known answer and fails when its metric is removed.
 */
@ExtendWith(SparkExtension.class)
class ColumnAccountTest {
  static SparkSession spark;
  static Dataset<Row> real;
  static Dataset<Row> train;
  static Dataset<Row> holdout;
  static TableProfile profile;

  @BeforeAll
  static void tables() {
    spark = SparkExtension.spark();
    real = spark.read().option("header", true).option("inferSchema", true)
        .csv(TestData.zoo("airports.csv").toString()).cache();
    train = Holdout.train(real, 0.2, 11).cache();
    holdout = Holdout.holdout(real, 0.2, 11).cache();
    profile = new ProfileAction(spark).source(real, "airports", "airports.csv", "csv")
        .settings(Fixtures.settings("profile.roles.iata=identifier", "profile.roles.name=text",
            "profile.roles.city=text", "profile.roles.state=text", "profile.top-k=20").profile()).execute();
  }

  static Map<String, ColumnScore> evaluate(Dataset<Row> synthetic) {
    EvaluationReport r = new EvaluateAction(spark).real(real, train, holdout, "airports", "airports.csv")
        .synthetic(synthetic, "syn").profile(profile).settings(Fixtures.settings().evaluate()).execute();
    assertThat(r.columns()).extracting(ColumnScore::column).containsExactly(real.columns());
    return r.columns().stream().collect(Collectors.toMap(ColumnScore::column, Function.identity()));
  }

  @Test
  void everyColumnHasItsRoleReasonAndScore() {
    Map<String, ColumnScore> c = evaluate(real);
    assertThat(c.values()).allSatisfy(s -> {
      assertThat(s.role()).as(s.column()).isNotBlank();
      assertThat(s.roleReason()).as(s.column()).isNotBlank();
      assertThat(s.score()).as(s.column()).isCloseTo(1.0, within(1e-12));
    });
    assertThat(c.get("iata").kind()).isEqualTo("identifier");
    assertThat(c.get("iata").inQuality()).isFalse();
    assertThat(c.get("iata").reason()).contains("not counted in Quality");
    assertThat(c.get("name").kind()).isEqualTo("text");
    assertThat(c.get("name").metric()).isEqualTo("TextSimilarity");
    // city names are mostly unique (2675 values in 3376 rows): text; states repeat: compared as categories
    assertThat(c.get("city").metric()).isEqualTo("TextSimilarity");
    assertThat(c.get("state").role()).isEqualTo("text");
    assertThat(c.get("state").kind()).isEqualTo("categorical");
    assertThat(c.get("state").metric()).isEqualTo("TVComplement");
    assertThat(c.get("latitude").metric()).isEqualTo("KSComplement");
    assertThat(c.get("country").metric()).isEqualTo("TVComplement");
    assertThat(c.values()).filteredOn(ColumnScore::inQuality).hasSize(real.columns().length - 1);
  }

  @Test
  void identifiersAreCheckedForUniquenessAndFormat() {
    // same values: every format known, as unique as the real ones
    ColumnScore same = evaluate(real).get("iata");
    assertThat(same.details()).containsEntry("formatMatch", 1.0).containsEntry("lengthMatch", 1.0);
    assertThat(same.details().get("distinctShareSynthetic")).isEqualTo(same.details().get("distinctShareReal"));
    // new ids of another shape: no real format, no real length
    ColumnScore other = evaluate(real.withColumn("iata", concat(lit("ID-"), monotonically_increasing_id()
        .cast("string")))).get("iata");
    assertThat(other.details().get("formatMatch")).isZero();
    assertThat(other.details().get("lengthMatch")).isLessThan(0.01);
    assertThat(other.score()).isZero();
    // one id repeated: format right, uniqueness gone
    ColumnScore repeated = evaluate(real.withColumn("iata", lit("ABC"))).get("iata");
    assertThat(repeated.details().get("formatMatch")).isEqualTo(1.0);
    assertThat(repeated.details().get("distinctShareSynthetic")).isLessThan(0.001);
    assertThat(repeated.score()).isLessThan(0.001);
  }

  @Test
  void textIsComparedByLengthAndCharacterBigrams() {
    // reversed names: the same lengths, other bigrams
    ColumnScore reversed = evaluate(real.withColumn("name", reverse(col("name")))).get("name");
    assertThat(reversed.details().get("lengthKSComplement")).isEqualTo(1.0);
    assertThat(reversed.details().get("bigramSimilarity")).isLessThan(0.8);
    assertThat(reversed.score()).isLessThan(0.9);
    // a placeholder for every name: wrong lengths and bigrams
    ColumnScore placeholder = evaluate(real.withColumn("name", lit("OTHER"))).get("name");
    assertThat(placeholder.score()).isLessThan(0.3);
    // a placeholder in a text column compared as categories counts as a mismatch: TVD = the share replaced
    Dataset<Row> half = real.withColumn("state", org.apache.spark.sql.functions.when(col("latitude").gt(38),
        lit("OTHER")).otherwise(col("state")));
    double replaced = real.filter(col("latitude").gt(38)).count() / (double) real.count();
    assertThat(evaluate(half).get("state").score()).isCloseTo(1.0 - replaced, within(1e-5));
  }

  @Test
  void ceilingIsOneMinusTheProfilesRareMass() {
    // state as the profile infers it (categorical), with fewer kept values than it has
    TableProfile profile = new ProfileAction(spark).source(real, "airports", "airports.csv", "csv")
        .settings(Fixtures.settings("profile.roles.iata=identifier", "profile.top-k=20").profile()).execute();
    assertThat(profile.column("state").orElseThrow().role().configName()).isEqualTo("categorical");
    EvaluationReport r = new EvaluateAction(spark).real(real, train, holdout, "airports", "airports.csv")
        .synthetic(real, "syn").profile(profile).settings(Fixtures.settings().evaluate()).execute();
    Map<String, ColumnScore> c = r.columns().stream().collect(Collectors.toMap(ColumnScore::column,
        Function.identity()));
    List<ColumnScore> withCeiling = c.values().stream().filter(s -> s.ceiling() != null).toList();
    for (ColumnScore s : withCeiling) {
      long other = profile.column(s.column()).orElseThrow().otherCount();
      assertThat(s.ceiling()).as(s.column()).isCloseTo(1.0 - (double) other / profile.rowCount(), within(1e-12));
    }
    // state has more values than the profile keeps (top-k 20): its ceiling is below 1; coordinates have none
    assertThat(c.get("state").ceiling()).isNotNull().isLessThan(0.9);
    assertThat(withCeiling).extracting(ColumnScore::column).contains("state").doesNotContain("latitude");
    // a pair is capped by its more protected column; pairs with a mostly protected column (airport names: nearly
    // every value is rare) leave the measurable strong-pair mean, pairs of unprotected columns stay in it
    for (EvaluationReport.PairScore p : r.pairs()) {
      Double ca = c.get(p.a()).ceiling();
      Double cb = c.get(p.b()).ceiling();
      Double both = ca == null ? cb : cb == null ? ca : Double.valueOf(Math.min(ca, cb));
      assertThat(p.ceiling()).as(p.a() + "/" + p.b()).isEqualTo(both);
    }
    assertThat(c.get("name").ceiling()).isLessThan(EvaluationReport.MEASURABLE_CEILING);
    long strongWithName = r.pairs().stream().filter(p -> p.strong() && (p.a().equals("name") || p.b().equals("name")))
        .count();
    assertThat(strongWithName).isPositive();
    assertThat(r.measurableStrongPairs()).isEqualTo(r.pairs().stream().filter(p -> p.strong()
        && (p.ceiling() == null || p.ceiling() >= EvaluationReport.MEASURABLE_CEILING)).count())
        .isLessThanOrEqualTo(r.strongPairs() - (int) strongWithName)
        .isPositive();
    assertThat(ReportWriter.json(new EvaluationReport("t", "", "", "", "", 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 0,
        List.of(c.get("latitude")), List.of(), null, null, null, List.of(), null, null))).doesNotContain("ceiling");
  }
}
