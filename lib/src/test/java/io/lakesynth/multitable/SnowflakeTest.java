package io.lakesynth.multitable;

import static org.assertj.core.api.Assertions.assertThat;

import com.holdenkarau.spark.testing.JavaDataFrameSuiteBase;
import io.lakesynth.bench.BenchTables;
import io.lakesynth.config.MultiTableSettings;
import io.lakesynth.config.Settings;
import io.lakesynth.config.SettingsLoader;
import io.lakesynth.testing.SparkExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The three-level snowflake accounts -> users -> events of BenchTables (120 accounts, about 1,000 users and 24,000
 * events): keys join at every depth, children per parent follow the parent's attributes, and the children of a slice
 * of root rows regenerate alone equal to the same rows of the full run.
 */
@ExtendWith(SparkExtension.class)
class SnowflakeTest {
  @TempDir
  static Path dir;
  static Settings settings;
  static MultiTableSettings mt;
  static MultiTableRun.Result result;

  static Settings load(List<String> overrides) throws Exception {
    return load(dir, overrides);
  }

  /** The snowflake's three tables under {@code dir}/real, outputs under {@code dir}/work. */
  static Settings load(Path dir, List<String> overrides) throws Exception {
    Path conf = dir.resolve("snowflake.conf");
    Files.writeString(conf, """
        lakesynth {
          work-dir = "%1$s/work"
          generate.output.mode = overwrite
          evaluate { sample-rows = 5000, dcr-sample-rows = 200 }
          source.format = parquet
          tables {
            accounts { source.path = "%1$s/real/accounts", primary-key = account_id }
            users {
              source.path = "%1$s/real/users", primary-key = user_id
              foreign-keys = [{ column = account_id, references = accounts.account_id }]
            }
            events {
              source.path = "%1$s/real/events"
              foreign-keys = [{ column = user_id, references = users.user_id }]
            }
          }
        }
        """.formatted(dir));
    return SettingsLoader.load(Optional.of(conf), overrides);
  }

  @BeforeAll
  static void run() throws Exception {
    SparkSession spark = SparkExtension.spark();
    Dataset<Row>[] t = BenchTables.snowflake(spark, 120, 2);
    String[] names = {"accounts", "users", "events"};
    for (int i = 0; i < 3; i++) {
      t[i].write().parquet(dir.resolve("real/" + names[i]).toString());
    }
    settings = load(List.of());
    mt = settings.multiTable();
    result = new MultiTableRun(spark).settings(settings).execute();
  }

  private static Dataset<Row> synthetic(SparkSession spark, String table) {
    return spark.read().parquet(mt.table(table).settings().outputPath());
  }

  @Test
  void keysJoinAtEveryDepthAndCountsFollowTheParent(SparkSession spark) {
    Dataset<Row> accounts = synthetic(spark, "accounts");
    Dataset<Row> users = synthetic(spark, "users");
    Dataset<Row> events = synthetic(spark, "events");
    assertThat(accounts.count()).isEqualTo(120);
    assertThat(KeyChecks.orphanRows(users, "account_id", accounts, "account_id")).isZero();
    assertThat(KeyChecks.orphanRows(events, "user_id", users, "user_id")).isZero();
    assertThat(users.select("user_id").distinct().count()).isEqualTo(users.count());
    // events per user by the user's role: about 40 / 25 / 5 in the real tables (BenchTables)
    Map<String, Double> perRole = perParentMean(events, "user_id", users, "user_id", "role");
    assertThat(perRole.get("admin")).isGreaterThan(4 * perRole.get("viewer"));
    assertThat(perRole.get("member")).isGreaterThan(2.5 * perRole.get("viewer"));
    // users per account by plan: 2 / 9 / 50
    Map<String, Double> perPlan = perParentMean(users, "account_id", accounts, "account_id", "plan");
    assertThat(perPlan.get("enterprise")).isGreaterThan(3 * perPlan.get("pro"));
    // the parent's attribute as evidence: viewers' events are mostly views (90 %), admins' 40 %
    Dataset<Row> joined = events.join(users.select("user_id", "role"), "user_id");
    double viewerViews = share(joined.where("role = 'viewer'"), "event_type = 'view'");
    double adminViews = share(joined.where("role = 'admin'"), "event_type = 'view'");
    assertThat(viewerViews).isGreaterThan(0.8);
    assertThat(adminViews).isLessThan(0.55);
    for (MultiTableReport.LinkEntry l : result.report().links()) {
      assertThat(l.referentialIntegrity()).isEqualTo(1.0);
      assertThat(l.cardinalityShape()).as(l.child()).isGreaterThan(l.cardinalityShapeBaseline() + 0.2);
      assertThat(l.parentChildTrends().synthetic()).as(l.child()).isGreaterThan(l.parentChildTrends().baseline());
    }
  }

  @Test
  void aSliceOfRootRowsRegeneratesAloneEqualToTheFullRun(SparkSession spark) throws Exception {
    // another partitioning than the full run's, and only the descendants of root rows 30..59
    MultiTableSettings other = load(List.of("generate.partitions=3")).multiTable();
    MultiTableGenerate g = new MultiTableGenerate(spark).settings(other).fitted(result.fitted());
    Dataset<Row> slice = g.dataset("events", 30, 60);
    String path = dir.resolve("slice").toString();
    slice.write().parquet(path);
    Dataset<Row> alone = spark.read().parquet(path);
    Dataset<Row> users = g.dataset("users", 30, 60).select("user_id");
    Dataset<Row> full = synthetic(spark, "events").join(users, List.of("user_id").iterator().next(), "left_semi");
    assertThat(alone.count()).isGreaterThan(1000);
    String[] cols = full.columns();
    new JavaDataFrameSuiteBase().assertDataFrameEquals(full.orderBy("event_id").select(cols[0], rest(cols)),
        alone.orderBy("event_id").select(cols[0], rest(cols)));
  }

  @Test
  void aFailedPerTableGateIsReported(SparkSession spark) throws Exception {
    // the accounts table alone (cheap), evaluated again with a gate it cannot pass
    Path conf = dir.resolve("gate.conf");
    Files.writeString(conf, """
        lakesynth {
          work-dir = "%1$s/work"
          evaluate { sample-rows = 5000, dcr-sample-rows = 200, gate.min-quality = 0.999 }
          source.format = parquet
          tables.accounts { source.path = "%1$s/real/accounts", primary-key = account_id }
        }
        """.formatted(dir));
    MultiTableSettings strict = SettingsLoader.load(Optional.of(conf), List.of()).multiTable();
    MultiTableReport report = new MultiTableEvaluate(spark).settings(strict).fitted(result.fitted())
        .tables(Map.of("accounts", spark.read().parquet(dir.resolve("real/accounts").toString())),
            Map.of("accounts", synthetic(spark, "accounts"))).execute();
    assertThat(report.gateFailures()).hasSize(1);
    assertThat(report.gateFailures().get(0)).startsWith("accounts: quality ").contains("0.999");
  }

  private static String[] rest(String[] cols) {
    return java.util.Arrays.copyOfRange(cols, 1, cols.length);
  }

  private static double share(Dataset<Row> df, String predicate) {
    return (double) df.where(predicate).count() / df.count();
  }

  /** Mean children per parent row (parents without children included) per value of a parent column. */
  private static Map<String, Double> perParentMean(Dataset<Row> child, String fk, Dataset<Row> parent, String pk,
      String by) {
    Dataset<Row> counts = child.groupBy(functions.col(fk).as("__k")).count();
    Map<String, Double> out = new java.util.HashMap<>();
    for (Row r : parent.join(counts, parent.col(pk).equalTo(counts.col("__k")), "left")
        .groupBy(by).agg(functions.avg(functions.coalesce(functions.col("count"), functions.lit(0L))))
        .collectAsList()) {
      out.put(r.getString(0), r.getDouble(1));
    }
    return out;
  }
}
