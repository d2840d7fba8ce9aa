package io.lakesynth.profile;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakesynth.testing.SparkExtension;
import io.lakesynth.testing.TestProfiles;
import io.lakesynth.profile.TableProfile.PartitionCount;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Partition counts taken from pass 1's exact value counts equal those of the grouped count, in the same order. */
@ExtendWith(SparkExtension.class)
class PartitionCountsTest {
  @Test
  void aSinglePartitionColumnIsCountedByPassOneWithoutAScan(SparkSession spark) {
    // dates with a null day and values whose string order differs from insertion order
    Dataset<Row> df = spark.range(0, 3000, 1, 3).selectExpr("id",
        "CASE WHEN id % 97 = 0 THEN NULL ELSE date_add(DATE'2024-01-01', CAST((id * 7) % 40 AS INT)) END AS d",
        "CAST(id % 11 AS STRING) AS s");
    for (String column : List.of("d", "s")) {
      TableProfile p = TestProfiles.profile(spark, df, "t", "", List.of(column));
      List<PartitionCount> grouped = new ArrayList<>();
      assertThat(PartitionCounts.compute(df, List.of(column), 100_000, grouped)).isFalse();
      assertThat(p.partitions()).as(column).isEqualTo(grouped);
      assertThat(p.partitionsTruncated()).isFalse();
      TableProfile none = TestProfiles.profile(spark, df, "t", "", List.of());
      assertThat(p.sparkJobs()).as("no grouped count: the same jobs as without partitions, plus one tiny cast")
          .isLessThanOrEqualTo(none.sparkJobs() + 1);
    }
    assertThat(TestProfiles.profile(spark, df, "t", "", List.of("d")).partitions().get(0).values())
        .as("nulls first, as the grouped count orders them").containsEntry("d", null);
    List<PartitionCount> cut = new ArrayList<>();
    assertThat(PartitionCounts.fromCounts("s", List.of("b", "a", "c"), List.of(2L, 1L, 3L), 4, 2, cut)).isTrue();
    assertThat(cut).extracting(PartitionCount::rows).containsExactly(4L, 1L);
  }
}
