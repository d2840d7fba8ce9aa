package io.lakesynth.multitable;

import static org.assertj.core.api.Assertions.assertThat;

import com.holdenkarau.spark.testing.JavaDataFrameSuiteBase;
import io.lakesynth.bench.BenchTables;
import io.lakesynth.config.MultiTableSettings;
import io.lakesynth.config.Settings;
import io.lakesynth.generate.GenerateAction;
import io.lakesynth.testing.SparkExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A backfill of a fact table's days in a multi-table schema: the snowflake's events, partitioned by day like their
 * real table, regenerated in slice mode for one week. The week's rows equal those of the full run (another
 * partitioning), no other day's files are touched, the parent tables are not rewritten, and a day of the slice that
 * gets no synthetic rows loses the files an earlier run left there.
 */
@ExtendWith(SparkExtension.class)
class ChildSliceTest {
  @TempDir
  static Path dir;

  static Settings load(List<String> overrides) throws Exception {
    return SnowflakeTest.load(dir, overrides);
  }

  static List<String> files(Path partition) throws IOException {
    try (Stream<Path> s = Files.list(partition)) {
      return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".parquet")).sorted().toList();
    }
  }

  @Test
  void aWeekOfEventsIsRewrittenAloneEqualToTheFullRun(SparkSession spark) throws Exception {
    Dataset<Row>[] t = BenchTables.snowflake(spark, 40, 2);
    t[0].write().parquet(dir.resolve("real/accounts").toString());
    t[1].write().parquet(dir.resolve("real/users").toString());
    t[2].write().partitionBy("event_date").parquet(dir.resolve("real/events").toString());
    MultiTableRun.Result full = new MultiTableRun(spark).settings(load(List.of())).execute();
    MultiTableSettings mt = load(List.of()).multiTable();
    Path events = Path.of(mt.table("events").settings().outputPath());
    Path users = Path.of(mt.table("users").settings().outputPath());
    Dataset<Row> before = spark.read().parquet(events.toString()).localCheckpoint(); // the full run's rows, held
    assertThat(events.resolve("event_date=2024-02-01")).isDirectory(); // partitioned like the real table
    List<String> outsideFiles = files(events.resolve("event_date=2024-01-15"));
    List<String> insideFiles = files(events.resolve("event_date=2024-02-03"));
    List<String> userFiles = files(users);
    // an earlier run's files in a day of the slice that this model gives no rows (the real events end on day 90)
    Path stale = events.resolve("event_date=2024-04-01");
    Files.createDirectories(stale);
    Files.copy(events.resolve("event_date=2024-01-15").resolve(outsideFiles.get(0)), stale.resolve("old.parquet"));

    MultiTableSettings slice = load(List.of("generate.output.mode=slice", "generate.slice.column=event_date",
        "generate.slice.values=[\"2024-02-01\",\"2024-02-02\",\"2024-02-03\",\"2024-02-04\",\"2024-02-05\","
            + "\"2024-02-06\",\"2024-02-07\",\"2024-04-01\"]", "generate.partitions=3")).multiTable();
    Map<String, GenerateAction.Result> written = new MultiTableGenerate(spark).settings(slice)
        .fitted(full.fitted()).execute();

    assertThat(written.keySet()).as("tables rewritten").containsExactly("events");
    assertThat(files(users)).as("the users table is not rewritten").isEqualTo(userFiles);
    assertThat(files(events.resolve("event_date=2024-01-15"))).as("a day outside the slice").isEqualTo(outsideFiles);
    assertThat(files(events.resolve("event_date=2024-02-03"))).as("a day of the slice").isNotEqualTo(insideFiles);
    assertThat(stale).as("a day of the slice without synthetic rows").doesNotExist();
    Dataset<Row> after = spark.read().parquet(events.toString());
    String week = "event_date BETWEEN DATE'2024-02-01' AND DATE'2024-02-07'";
    assertThat(after.where(week).count()).isGreaterThan(100);
    String[] cols = before.columns();
    List<org.apache.spark.sql.Column> order = new ArrayList<>();
    for (String c : cols) {
      order.add(org.apache.spark.sql.functions.col(c));
    }
    JavaDataFrameSuiteBase sb = new JavaDataFrameSuiteBase();
    sb.assertDataFrameNoOrderEquals(before.where(week).select(order.toArray(new org.apache.spark.sql.Column[0])),
        after.where(week).select(order.toArray(new org.apache.spark.sql.Column[0])));
    assertThat(after.count()).isEqualTo(before.count());
  }
}
