package io.lakesynth.io;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakesynth.profile.ProfileAction;
import io.lakesynth.testing.Fixtures;
import io.lakesynth.testing.SparkExtension;
import org.apache.spark.SparkContext;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** lakesynth used as a library gives the caller's Spark job group back after each action (STYLE.md). */
@ExtendWith(SparkExtension.class)
class JobGroupTest {
  @Test
  void anActionRestoresTheCallersGroup(SparkSession spark) {
    SparkContext sc = spark.sparkContext();
    sc.setJobGroup("nightly-etl", "the caller's own jobs", true);
    try {
      new ProfileAction(spark).source(spark.range(50).toDF(), "t", "", "parquet")
          .settings(Fixtures.settings().profile()).execute();
      assertThat(sc.getLocalProperty(JobGroup.ID)).isEqualTo("nightly-etl");
      assertThat(sc.getLocalProperty(JobGroup.DESCRIPTION)).isEqualTo("the caller's own jobs");
      assertThat(sc.getLocalProperty(JobGroup.INTERRUPT)).isEqualTo("true");
    } finally {
      sc.clearJobGroup();
    }
  }

  @Test
  void noGroupBeforeMeansNoGroupAfter(SparkSession spark) {
    SparkContext sc = spark.sparkContext();
    sc.clearJobGroup();
    try (JobGroup g = JobGroup.set(spark, "lakesynth-x", "x")) {
      assertThat(sc.getLocalProperty(JobGroup.ID)).isEqualTo("lakesynth-x");
    }
    assertThat(sc.getLocalProperty(JobGroup.ID)).isNull();
    assertThat(sc.getLocalProperty(JobGroup.DESCRIPTION)).isNull();
  }
}
