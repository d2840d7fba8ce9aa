package io.lakesynth.bench;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.count_distinct;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.to_date;
import static org.assertj.core.api.Assertions.assertThat;

import io.lakesynth.testing.SparkExtension;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The shape of the lake bench table at 100,000 rows: sizes, skew and the dependencies its doc promises. */
@ExtendWith(SparkExtension.class)
class LakeTableTest {
  static final long ROWS = 100_000;
  static Dataset<Row> t;

  @BeforeAll
  static void build() {
    t = LakeTable.table(SparkExtension.spark(), ROWS, 2, 7).cache();
  }

  static long n(String where) {
    return t.where(where).count();
  }

  @Test
  void columnsKeysAndCardinalities() {
    assertThat(t.columns()).hasSize(21).startsWith("event_id", "user_id").endsWith("event_time", "event_date");
    assertThat(t.schema().apply("amount").dataType().simpleString()).isEqualTo("decimal(12,2)");
    assertThat(t.schema().apply("event_time").dataType().simpleString()).isEqualTo("timestamp");
    Row d = t.agg(count("*"), count_distinct(col("event_id")), count_distinct(col("user_id")),
        count_distinct(col("country")), count_distinct(col("city")), count_distinct(col("event_date")),
        count_distinct(col("sku")), count_distinct(col("amount")), count("amount"), count_distinct(col("device"),
            col("os"), col("browser"))).first();
    assertThat(d.getLong(0)).isEqualTo(ROWS);
    assertThat(d.getLong(1)).as("event_id is unique").isEqualTo(ROWS);
    assertThat(d.getLong(2)).as("user_id: about rows/10 distinct").isBetween(ROWS / 20, ROWS / 10);
    assertThat(d.getLong(3)).as("countries").isBetween(150L, 200L);
    assertThat(d.getLong(4)).as("cities").isBetween(3_000L, 20_000L);
    assertThat(d.getLong(5)).as("days").isEqualTo(90);
    assertThat(d.getLong(6)).as("skus").isBetween(5_000L, 60_000L);
    assertThat((double) d.getLong(7) / d.getLong(8)).as("amount is nearly unique").isGreaterThan(0.4);
    assertThat(d.getLong(9)).as("device x os x browser stays small").isBetween(8L, 30L);
  }

  @Test
  void zipfHeads() {
    long topUser = t.where("user_id is not null").groupBy("user_id").count().agg(max("count")).first().getLong(0);
    long topSku = t.where("sku is not null").groupBy("sku").count().agg(max("count")).first().getLong(0);
    long topCity = t.groupBy("city").count().agg(max("count")).first().getLong(0);
    assertThat(topUser).as("the heaviest user holds > 1%% of rows").isGreaterThan(ROWS / 100);
    assertThat(topSku).as("the top SKU holds > 1%% of rows").isGreaterThan(ROWS / 100);
    assertThat(topCity).as("the top city holds > 1%% of rows").isGreaterThan(ROWS / 100);
  }

  @Test
  void dependenciesHold() {
    assertThat(t.groupBy("city").agg(count_distinct(col("country")).alias("c")).where("c > 1").count())
        .as("a city lies in one country").isZero();
    assertThat(n("device = 'desktop' and os in ('ios', 'android')")).isZero();
    assertThat(n("os in ('windows', 'linux', 'macos') and device <> 'desktop'")).isZero();
    assertThat(n("browser = 'safari' and os not in ('ios', 'macos')")).isZero();
    assertThat(n("(search_query is not null) <> (event_type = 'search')")).isZero();
    assertThat(n("(sku is null) <> (event_type = 'search')")).isZero();
    assertThat(n("(amount is not null) <> (event_type in ('cart', 'purchase'))")).isZero();
    assertThat(n("(coupon_code is not null) <> (discount > 0)")).isZero();
    assertThat(n("(user_id is null) = is_logged_in")).isZero();
    assertThat(n("discount = 0")).as("discount is mostly 0").isGreaterThan(ROWS * 9 / 10);
    assertThat(t.where(to_date(col("event_time")).notEqual(col("event_date"))).count()).isZero();
    // the same SKU costs about the same: amount / quantity varies by at most the discount and the noise
    assertThat(t.where("amount is not null and discount = 0").groupBy("sku")
        .agg(org.apache.spark.sql.functions.expr("max(amount / quantity) / min(amount / quantity)").alias("r"))
        .where("r > 1.25").count()).isZero();
  }

  @Test
  void deterministicForASeedWhateverThePartitioning() {
    SparkSession spark = SparkExtension.spark();
    Dataset<Row> again = LakeTable.table(spark, 5_000, 3, 7);
    Dataset<Row> first = t.limit(0).unionAll(LakeTable.table(spark, 5_000, 1, 7));
    assertThat(again.exceptAll(first).count()).isZero();
    assertThat(first.exceptAll(again).count()).isZero();
    assertThat(LakeTable.table(spark, 5_000, 1, 8).exceptAll(first).count()).as("another seed").isGreaterThan(4_000);
    assertThat(LakeTable.randBaseline(spark, 10, 1).schema().fieldNames()).containsExactly(t.columns());
  }
}
