package io.lakesynth.profile;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakesynth.testing.SparkExtension;
import java.nio.ByteBuffer;
import org.apache.spark.SparkConf;
import org.apache.spark.serializer.JavaSerializer;
import org.apache.spark.serializer.KryoSerializer;
import org.apache.spark.serializer.SerializerInstance;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import scala.reflect.ClassTag;

/** Pass 1's partials travel between executors and driver with either of Spark's serializers. */
@ExtendWith(SparkExtension.class)
class ColumnScanTest {
  private static final double[] P = {0, 0.1, 0.5, 0.9, 1};

  @Test
  void partialsSurviveJavaAndKryoSerialisation() {
    SparkSession spark = SparkExtension.spark();
    Dataset<Row> df = spark.range(0, 20_000, 1, 2).selectExpr("id", "CAST(id % 17 AS DOUBLE) AS x",
        "concat('v', CAST(id % 5 AS STRING)) AS s", "CAST(id % 3 AS DECIMAL(12,2)) AS m", "DATE'2024-01-01' AS d");
    // exact limit 2,000 per column: the 20,000 values go through the KLL part too
    ColumnScan.Plan plan = new ColumnScan.Plan(ColumnScan.Plan.of(df.schema(), 3, true, "UTC", 0.0025).readers(),
        new int[] {0, 0, 0, 12, 0}, new int[] {0, 0, 0, 2, 0}, 3, true, "UTC", 0.0025, 2_000);
    ColumnScan.Partial original = ColumnScan.run(df, plan);
    assertThat(original.columns[0].quantiles.exact()).isFalse();
    for (SerializerInstance s : new SerializerInstance[] {new JavaSerializer(new SparkConf()).newInstance(),
        new KryoSerializer(new SparkConf()).newInstance()}) {
      ClassTag<ColumnScan.Partial> tag = scala.reflect.ClassTag$.MODULE$.apply(ColumnScan.Partial.class);
      ByteBuffer bytes = s.serialize(original, tag);
      ColumnScan.Partial copy = s.deserialize(bytes, tag);
      assertThat(copy.rows).isEqualTo(20_000);
      for (int c = 0; c < original.columns.length; c++) {
        ColumnScan.Acc a = original.columns[c];
        ColumnScan.Acc b = copy.columns[c];
        assertThat(b.nonNull).isEqualTo(a.nonNull);
        assertThat(b.distinct()).as(s.getClass().getSimpleName() + " column " + c).isEqualTo(a.distinct());
        if (a.quantiles != null) {
          assertThat(b.quantiles.quantiles(P)).containsExactly(a.quantiles.quantiles(P));
          assertThat(b.minRaw).isEqualTo(a.minRaw);
        }
        assertThat(b.counts == null).isEqualTo(a.counts == null);
      }
      assertThat(copy.columns[2].counts).hasSize(5);
      assertThat(copy.columns[2].hi.toString()).isEqualTo("v4");
      // merging a copy doubles the counts
      copy.merge(s.deserialize(s.serialize(original, tag), tag));
      assertThat(copy.columns[2].counts.values()).allSatisfy(n -> assertThat(n[0]).isEqualTo(8_000));
    }
  }

  @Test
  void sessionTimeZonesAreReadAsSparkReadsThem() {
    // Spark accepts short ids and unpadded offsets that java.time.ZoneId.of rejects
    org.apache.spark.sql.types.StructType schema = new org.apache.spark.sql.types.StructType().add("t", "timestamp_ntz");
    assertThat(ColumnScan.Plan.of(schema, 1, true, "PST", 0.0025).zone()).isEqualTo("America/Los_Angeles");
    assertThat(ColumnScan.Plan.of(schema, 1, true, "+8:00", 0.0025).zone()).isEqualTo("+08:00");
  }
}
