package io.lakesynth.bench;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/**
 * The benchmark's mixed-type source table, built from {@code spark.range} with seeded hash
 * expressions (no rand(): the same n always gives the same table). 15 columns: 6 doubles,
 * 4 ints, 4 short strings, 1 date, with real dependencies between them so that fitting has
 * structure to find:
 * <ul>
 *   <li>{@code segment} (4 values, skewed), {@code region} (8 values) depends on segment,
 *       {@code channel} (3 values), {@code status} (5 values) depends on channel;</li>
 *   <li>{@code x1}..{@code x6}: approximately normal (sum of 4 hash uniforms), x2 = x1 + noise,
 *       x3 shifted by segment, x4 log-normal-ish, x5 with 10% nulls, x6 uniform;</li>
 *   <li>{@code n1}..{@code n4}: ints, n1 = age-like 18..90, n2 counts depending on status,
 *       n3 mostly zero (point mass), n4 wide range;</li>
 *   <li>{@code event_date}: 2024-01-01 + 0..89 days.</li>
 * </ul>
 */
public final class BenchTables {
  private BenchTables() {}

  /** Uniform in [0,1) from a seeded hash of the row id and a salt. */
  static Column u(String salt) {
    return functions.pmod(functions.xxhash64(functions.col("id"), functions.lit(salt)), functions.lit(1_000_003L))
        .divide(1_000_003.0);
  }

  /** Approximately standard normal: (sum of 4 uniforms - 2) * sqrt(3). */
  static Column normal(String salt) {
    return u(salt + "a").plus(u(salt + "b")).plus(u(salt + "c")).plus(u(salt + "d")).minus(2.0)
        .multiply(Math.sqrt(3.0));
  }

  public static Dataset<Row> mixed(SparkSession spark, long rows, int partitions) {
    Column seg = functions.when(u("seg").lt(0.5), "retail").when(u("seg").lt(0.8), "smb")
        .when(u("seg").lt(0.95), "enterprise").otherwise("public");
    return spark.range(0, rows, 1, partitions)
        .withColumn("segment", seg)
        .withColumn("region", functions.concat(functions.lit("R"), functions.pmod(
            functions.floor(u("reg").multiply(4)).plus(functions.length(functions.col("segment"))), functions.lit(8))))
        .withColumn("channel", functions.when(u("ch").lt(0.6), "web").when(u("ch").lt(0.9), "store").otherwise("phone"))
        .withColumn("status", functions.concat(functions.lit("S"), functions.floor(u("st").multiply(3))
            .plus(functions.when(functions.col("channel").equalTo("web"), 2).otherwise(0))))
        .withColumn("x1", normal("x1").multiply(10).plus(50))
        .withColumn("x2", functions.col("x1").multiply(0.8).plus(normal("x2").multiply(4)))
        .withColumn("x3", normal("x3").plus(functions.when(functions.col("segment").equalTo("enterprise"), 3.0)
            .otherwise(0.0)))
        .withColumn("x4", functions.exp(normal("x4").multiply(0.7)).multiply(100))
        .withColumn("x5", functions.when(u("x5n").lt(0.1), functions.lit(null).cast("double"))
            .otherwise(normal("x5")))
        .withColumn("x6", u("x6").multiply(1000))
        .withColumn("n1", functions.floor(u("n1").multiply(73)).plus(18).cast("int"))
        .withColumn("n2", functions.floor(u("n2").multiply(10)).plus(functions.length(functions.col("status")))
            .cast("int"))
        .withColumn("n3", functions.when(u("n3").lt(0.9), 0).otherwise(functions.floor(u("n3b").multiply(5000)))
            .cast("int"))
        .withColumn("n4", functions.floor(u("n4").multiply(1_000_000)).cast("int"))
        .withColumn("event_date", functions.date_add(functions.lit(java.sql.Date.valueOf("2024-01-01")),
            functions.floor(u("d").multiply(90)).cast("int")))
        .drop("id");
  }

  /**
   * The baseline of the generate benchmark: the same schema built from Spark's own rand()
   * expressions (seeded), i.e. the cheapest way Spark can produce such a table.
   */
  public static Dataset<Row> randBaseline(SparkSession spark, long rows, int partitions) {
    Column r = functions.rand(1);
    return spark.range(0, rows, 1, partitions)
        .withColumn("segment", functions.when(functions.rand(2).lt(0.5), "retail").otherwise("smb"))
        .withColumn("region", functions.concat(functions.lit("R"), functions.floor(functions.rand(3).multiply(8))))
        .withColumn("channel", functions.when(functions.rand(4).lt(0.6), "web").otherwise("store"))
        .withColumn("status", functions.concat(functions.lit("S"), functions.floor(functions.rand(5).multiply(5))))
        .withColumn("x1", functions.randn(6).multiply(10).plus(50))
        .withColumn("x2", functions.randn(7))
        .withColumn("x3", functions.randn(8))
        .withColumn("x4", functions.exp(functions.randn(9)))
        .withColumn("x5", functions.randn(10))
        .withColumn("x6", r.multiply(1000))
        .withColumn("n1", functions.floor(functions.rand(11).multiply(73)).plus(18).cast("int"))
        .withColumn("n2", functions.floor(functions.rand(12).multiply(10)).cast("int"))
        .withColumn("n3", functions.floor(functions.rand(13).multiply(5000)).cast("int"))
        .withColumn("n4", functions.floor(functions.rand(14).multiply(1_000_000)).cast("int"))
        .withColumn("event_date", functions.date_add(functions.lit(java.sql.Date.valueOf("2024-01-01")),
            functions.floor(functions.rand(15).multiply(90)).cast("int")))
        .drop("id");
  }

  /** Uniform in [0,1) from a seeded hash of an arbitrary key column and a salt. */
  static Column u(Column key, String salt) {
    return functions.pmod(functions.xxhash64(key, functions.lit(salt)), functions.lit(1_000_003L)).divide(1_000_003.0);
  }

  /**
   * A three-level snowflake for multi-table tests and the bench, deterministic in {@code accounts}: accounts (plan
   * free/pro/enterprise 60/30/10 %, region R0..R4, seats depending on plan) -> users (per account 1-3 for free, 3-15
   * for pro, 20-80 for enterprise; role admin/member/viewer depending on plan, age) -> events (per user 0-79 for
   * admins, 0-49 for members, 0-9 for viewers, i.e. about 23 per user; event_type depending on role, amount on type,
   * a day of 2024-Q1). Keys: account_id, user_id (account_id * 1000 + k), event_id (user_id * 1000 + j).
   * Returns {accounts, users, events}.
   */
  @SuppressWarnings("unchecked")
  public static Dataset<Row>[] snowflake(SparkSession spark, long accounts, int partitions) {
    Column a = functions.col("account_id");
    Dataset<Row> acc = spark.range(0, accounts, 1, partitions).withColumnRenamed("id", "account_id")
        .withColumn("plan", functions.when(u(a, "plan").lt(0.6), "free").when(u(a, "plan").lt(0.9), "pro")
            .otherwise("enterprise"))
        .withColumn("region", functions.concat(functions.lit("R"), functions.floor(u(a, "region").multiply(5))
            .cast("int")))
        .withColumn("seats", functions.when(functions.col("plan").equalTo("free"), 1)
            .when(functions.col("plan").equalTo("pro"), functions.floor(u(a, "seats").multiply(20)).plus(5))
            .otherwise(functions.floor(u(a, "seats").multiply(200)).plus(50)).cast("int"));
    Column nUsers = functions.when(functions.col("plan").equalTo("free"),
            functions.floor(u(a, "nu").multiply(3)).plus(1))
        .when(functions.col("plan").equalTo("pro"), functions.floor(u(a, "nu").multiply(13)).plus(3))
        .otherwise(functions.floor(u(a, "nu").multiply(61)).plus(20)).cast("int");
    Column uid = functions.col("user_id");
    Dataset<Row> users = acc.select(a, functions.col("plan"), functions.explode(functions.sequence(functions.lit(0),
            nUsers.minus(1))).as("k"))
        .withColumn("user_id", a.multiply(1000).plus(functions.col("k")))
        .withColumn("role", functions.when(u(uid, "role").lt(functions.when(functions.col("plan").equalTo("free"), 0.7)
            .otherwise(0.15)), "admin").when(u(uid, "role").lt(0.75), "member").otherwise("viewer"))
        .withColumn("age", functions.floor(u(uid, "age").plus(u(uid, "age2")).multiply(25)).plus(18).cast("int"))
        .select(uid, a, functions.col("role"), functions.col("age"));
    Column nEvents = functions.floor(u(uid, "ne").multiply(functions.when(functions.col("role").equalTo("admin"), 80)
        .when(functions.col("role").equalTo("member"), 50).otherwise(10))).cast("int");
    Column eid = functions.col("event_id");
    Column type = functions.when(functions.col("role").equalTo("viewer"),
            functions.when(u(eid, "t").lt(0.9), "view").otherwise("comment"))
        .otherwise(functions.when(u(eid, "t").lt(0.4), "view").when(u(eid, "t").lt(0.7), "edit")
            .when(u(eid, "t").lt(0.9), "comment").otherwise("purchase"));
    Dataset<Row> events = users.where(nEvents.gt(0))
        .select(uid, functions.col("role"), functions.explode(functions.sequence(functions.lit(0), nEvents.minus(1)))
            .as("j"))
        .withColumn("event_id", uid.multiply(1000).plus(functions.col("j")))
        .withColumn("event_type", type)
        .withColumn("amount", functions.when(functions.col("event_type").equalTo("purchase"),
            functions.round(functions.exp(normal(eid, "amt")).multiply(50), 2)).otherwise(functions.lit(0.0)))
        .withColumn("event_date", functions.date_add(functions.lit(java.sql.Date.valueOf("2024-01-01")),
            functions.floor(u(eid, "d").multiply(90)).cast("int")))
        .select(eid, uid, functions.col("event_type"), functions.col("amount"), functions.col("event_date"));
    return new Dataset[] {acc, users, events};
  }

  static Column normal(Column key, String salt) {
    return u(key, salt + "a").plus(u(key, salt + "b")).plus(u(key, salt + "c")).plus(u(key, salt + "d")).minus(2.0)
        .multiply(Math.sqrt(3.0));
  }
}
