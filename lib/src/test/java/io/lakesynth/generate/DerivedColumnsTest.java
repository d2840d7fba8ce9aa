package io.lakesynth.generate;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakesynth.config.Settings;
import io.lakesynth.model.FitAction;
import io.lakesynth.model.ModelColumn;
import io.lakesynth.model.SynthModel;
import io.lakesynth.profile.TableProfile;
import io.lakesynth.profile.TableProfile.Derivation;
import io.lakesynth.testing.Fixtures;
import io.lakesynth.testing.SparkExtension;
import io.lakesynth.testing.TestData;
import io.lakesynth.testing.TestProfiles;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exact dependencies of the real flights table (data/zoo/flights-20k.csv, partitioned by a day column derived from its
 * timestamp, plus a month column) hold on every synthetic row, and a slice keeps every timestamp inside its day.
 */
@ExtendWith(SparkExtension.class)
class DerivedColumnsTest {
  static SparkSession spark;
  static TableProfile profile;
  static SynthModel model;
  @TempDir
  static Path dir;

  @BeforeAll
  static void fitFlights() {
    spark = SparkExtension.spark();
    Dataset<Row> flights = spark.read().option("header", true).option("inferSchema", true)
        .csv(TestData.zoo("flights-20k.csv").toString())
        .withColumn("day", functions.to_date(functions.col("date")))
        .withColumn("month", functions.month(functions.col("date")));
    String source = dir.resolve("flights").toString();
    flights.write().partitionBy("day").parquet(source);
    Dataset<Row> table = spark.read().parquet(source);
    profile = TestProfiles.profile(spark, table, "flights", source, List.of("day"));
    model = new FitAction(spark).source(table).profile(profile).settings(Fixtures.settings().model()).execute();
  }

  @Test
  void theProfileFindsTheDependenciesAndTheModelComputesThem() {
    assertThat(profile.dependence().derivations()).contains(new Derivation("day", "date_of", "date"),
        new Derivation("month", "month_of", "date"));
    ModelColumn day = model.metadata().columns().stream().filter(c -> c.name().equals("day")).findFirst()
        .orElseThrow();
    assertThat(day.derived()).isTrue();
    assertThat(day.node()).isEqualTo(-1);
    assertThat(model.metadata().nodeNames()).doesNotContain("day", "month");
  }

  @Test
  void everySyntheticRowKeepsTheDependencies() {
    Settings s = Fixtures.settings("generate.rows=5000");
    for (boolean rowEncoder : List.of(false, true)) {
      Dataset<Row> out = new GenerateAction(spark).model(model).settings(s.generate()).viaRowEncoder(rowEncoder)
          .dataset();
      long broken = out.where(functions.not(functions.col("day").eqNullSafe(functions.to_date(functions.col("date"))))
          .or(functions.not(functions.col("month").eqNullSafe(functions.month(functions.col("date")))))).count();
      assertThat(broken).as("rows breaking day = to_date(date) or month = month(date)").isZero();
      // and the timestamps still spread over the whole quarter, not one day
      assertThat(out.select("day").distinct().count()).isGreaterThan(60);
    }
  }

  @Test
  void aSliceKeepsEveryTimestampInsideItsPartitionsDay() {
    Settings s = Fixtures.settings("generate.output.mode=slice", "generate.slice.column=day",
        "generate.slice.from=2001-01-10", "generate.slice.to=2001-01-16");
    for (boolean rowEncoder : List.of(false, true)) {
      Dataset<Row> out = new GenerateAction(spark).model(model).settings(s.generate()).viaRowEncoder(rowEncoder)
          .dataset().cache();
      assertThat(out.count()).isPositive();
      assertThat(out.where(functions.to_date(functions.col("date")).notEqual(functions.col("day"))).count())
          .as("timestamps outside their day partition").isZero();
      assertThat(out.select("day").distinct().count()).isEqualTo(7);
      // times of day keep their spread (the move keeps the generated time of day)
      assertThat(out.select(functions.hour(functions.col("date"))).distinct().count()).isGreaterThan(12);
      out.unpersist();
    }
  }
}
