package io.lakesynth.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakesynth.profile.TableProfile;
import io.lakesynth.testing.Fixtures;
import io.lakesynth.testing.SparkExtension;
import io.lakesynth.testing.TestData;
import io.lakesynth.testing.TestProfiles;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * String models are counted on a seeded sample of model.text.sample-rows rows when the table is larger (fit cost
 * bounded in the table's size): earthquakes' free-text {@code place} (1,707 rows) counted on about 500 of them, the
 * same rows whatever the partitioning; every row when the table is smaller than the sample.
 */
@ExtendWith(SparkExtension.class)
class StringSampleTest {
  static SynthModel fit(SparkSession spark, Dataset<Row> df, TableProfile profile, String... overrides) {
    return new FitAction(spark).source(df).profile(profile).settings(Fixtures.settings(overrides).model()).execute();
  }

  @Test
  void theTextOfABigTableIsCountedOnASeededSample(SparkSession spark) {
    Dataset<Row> quakes = spark.read().option("header", true).option("inferSchema", true)
        .csv(TestData.zoo("earthquakes.csv").toString());
    TableProfile profile = TestProfiles.profile(spark, quakes, "earthquakes");
    long places = quakes.where("place IS NOT NULL").count();
    SynthModel all = fit(spark, quakes, profile);
    assertThat(all.strings().get("place").rows()).as("rows counted without sampling").isEqualTo(places);
    SynthModel sampled = fit(spark, quakes, profile, "model.text.sample-rows=500");
    long rows = sampled.strings().get("place").rows();
    // a Bernoulli(500 / 1707) pick of 1,707 rows: standard deviation about 19 rows
    double sd = Math.sqrt(places * (500.0 / 1707) * (1 - 500.0 / 1707));
    assertThat((double) rows).as("rows counted on the sample").isBetween(500 - 4 * sd, 500 + 4 * sd);
    SynthModel again = fit(spark, quakes.repartition(7), profile, "model.text.sample-rows=500");
    assertThat(again.strings().get("place")).as("the same sample in 7 partitions").isEqualTo(
        sampled.strings().get("place"));
  }
}
