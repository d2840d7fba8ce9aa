package io.lakesynth.testing;

import io.lakesynth.profile.ProfileAction;
import io.lakesynth.profile.TableProfile;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** Profiles a table with default settings, for tests of later stages. */
public final class TestProfiles {
  private TestProfiles() {}

  public static TableProfile profile(SparkSession spark, Dataset<Row> df, String name) {
    return profile(spark, df, name, "", List.of());
  }

  public static TableProfile profile(SparkSession spark, Dataset<Row> df, String name, String path,
      List<String> partitionColumns) {
    return new ProfileAction(spark).source(df, name, path, "parquet").partitionColumns(partitionColumns)
        .settings(Fixtures.settings().profile()).execute();
  }
}
