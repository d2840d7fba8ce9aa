package io.lakesynth.testing;

import io.lakesynth.config.Settings;
import io.lakesynth.config.SettingsLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** Real tables and settings for pipeline tests. */
public final class Fixtures {
  private Fixtures() {}

  /** adult.csv as lakesynth reads it: header, inferred types, trimmed, '?' = null. */
  public static Dataset<Row> adult(SparkSession spark) {
    return spark.read().option("header", true).option("inferSchema", true).option("ignoreLeadingWhiteSpace", true)
        .option("ignoreTrailingWhiteSpace", true).option("nullValue", "?").csv(TestData.adult().toString());
  }

  public static Dataset<Row> penguins(SparkSession spark) {
    return spark.read().option("header", true).option("inferSchema", true).csv(TestData.zoo("penguins.csv")
        .toString());
  }

  public static Dataset<Row> seattle(SparkSession spark) {
    return spark.read().option("header", true).option("inferSchema", true).csv(TestData.zoo("seattle-weather.csv")
        .toString());
  }

  /** Defaults plus overrides ("generate.rows=10", ...). */
  public static Settings settings(String... overrides) {
    List<String> o = new ArrayList<>(List.of(overrides));
    return SettingsLoader.load(Optional.empty(), o);
  }
}
