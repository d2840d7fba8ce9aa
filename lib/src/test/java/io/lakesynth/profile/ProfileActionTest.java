package io.lakesynth.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakesynth.config.Settings.CsvSettings;
import io.lakesynth.config.TableFormat;
import io.lakesynth.error.ErrorCode;
import io.lakesynth.error.LakesynthException;
import io.lakesynth.io.TableReader;
import io.lakesynth.testing.Fixtures;
import io.lakesynth.testing.SparkExtension;
import io.lakesynth.testing.TestData;
import io.lakesynth.testing.TestProfiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Profiles of the shared datasets checked against values computed independently with plain Spark SQL. */
@ExtendWith(SparkExtension.class)
class ProfileActionTest {
  static SparkSession spark;
  static Dataset<Row> adult;
  static TableProfile profile;

  @TempDir
  Path dir;

  @BeforeAll
  static void profileAdult() {
    spark = SparkExtension.spark();
    adult = Fixtures.adult(spark).cache();
    profile = TestProfiles.profile(spark, adult, "adult");
  }

  @Test
  void countsMinMaxMomentsMatchSparkSql() {
    assertThat(profile.rowCount()).isEqualTo(adult.count());
    assertThat(profile.columns()).extracting(ColumnProfile::name).containsExactly(adult.columns());
    for (ColumnProfile c : profile.columns()) {
      Column col = functions.col("`" + c.name() + "`");
      Row exact = adult.agg(functions.count(col), functions.countDistinct(col)).first();
      assertThat(c.nullCount()).as(c.name()).isEqualTo(profile.rowCount() - exact.getLong(0));
      // HLL: within 4 relative standard errors (small counts are exact in its coupon modes, allow 1)
      long distinct = exact.getLong(1);
      assertThat((double) c.approxDistinct()).as(c.name() + " distinct").isCloseTo(distinct,
          org.assertj.core.data.Offset.offset(Math.max(1.0, 4 * ColumnStatistics.HLL_RELATIVE_SD * distinct)));
      if (c.numeric() != null) {
        Row m = adult.agg(functions.min(col), functions.max(col), functions.avg(col), functions.stddev_samp(col))
            .first();
        assertThat(c.numeric().min()).as(c.name()).isEqualTo(((Number) m.get(0)).doubleValue());
        assertThat(c.numeric().max()).as(c.name()).isEqualTo(((Number) m.get(1)).doubleValue());
        assertThat(c.numeric().mean()).as(c.name()).isCloseTo(m.getDouble(2), org.assertj.core.data.Offset.offset(
            1e-9 * Math.max(1, Math.abs(m.getDouble(2)))));
        assertThat(c.numeric().stddev()).as(c.name()).isCloseTo(m.getDouble(3), org.assertj.core.data.Offset.offset(
            1e-9 * Math.max(1, m.getDouble(3))));
      }
    }
  }

  @Test
  void quantilesAreWithinTheSketchRankError() {
    double eps = Fixtures.settings().profile().quantileRelativeError();
    long n = profile.rowCount();
    for (String name : List.of("age", "fnlwgt", "hours-per-week")) {
      ColumnProfile c = profile.column(name).orElseThrow();
      double[] q = c.quantiles();
      assertThat(q).hasSize(Fixtures.settings().profile().quantiles());
      // sort the column on the cluster, then count ranks: rank(q_i) must bracket p_i * n within eps * n
      Column col = functions.col("`" + name + "`").cast("double");
      for (int i = 1; i < q.length - 1; i += 10) {
        double p = (double) i / (q.length - 1);
        Row r = adult.agg(functions.sum(functions.when(col.lt(q[i]), 1L).otherwise(0L)),
            functions.sum(functions.when(col.leq(q[i]), 1L).otherwise(0L))).first();
        long below = r.getLong(0);
        long atOrBelow = r.getLong(1);
        double target = p * n;
        assertThat(target).as(name + " p=" + p).isBetween(below - eps * n - 1, atOrBelow + eps * n + 1);
      }
      assertThat(c.binEdges()).isSorted();
      assertThat(c.binEdges()[0]).isEqualTo(c.numeric().min());
      assertThat(c.binEdges()[c.binEdges().length - 1]).isEqualTo(c.numeric().max());
    }
  }

  @Test
  void smallTablesGetExactQuantilesAsSparksPercentileDisc() {
    // adult's numeric columns fit the sketch's exact buffer: each quantile is the value of rank max(1, ceil(p n)),
    // which is what percentile_disc computes (smallest value whose cumulative share reaches p)
    for (String name : List.of("age", "fnlwgt", "capital-gain")) {
      double[] q = profile.column(name).orElseThrow().quantiles();
      List<Column> disc = new ArrayList<>();
      for (int i = 1; i < q.length - 1; i += 4) {
        disc.add(functions.expr("percentile_disc(" + ((double) i / (q.length - 1)) + ") WITHIN GROUP (ORDER BY "
            + "CAST(`" + name + "` AS DOUBLE))"));
      }
      Row r = adult.agg(disc.get(0), disc.subList(1, disc.size()).toArray(new Column[0])).first();
      for (int i = 1, j = 0; i < q.length - 1; i += 4, j++) {
        assertThat(q[i]).as(name + " q" + i).isEqualTo(((Number) r.get(j)).doubleValue());
      }
    }
  }

  @Test
  void theProfileDoesNotDependOnPartitioningForSmallTables() {
    TableProfile one = TestProfiles.profile(spark, adult.repartition(1), "adult");
    // more partitions than ColumnScan.FAN_IN: partials are merged in groups on the executors first
    TableProfile five = TestProfiles.profile(spark, adult.repartition(ColumnScan.FAN_IN + 3, functions.col("fnlwgt")),
        "adult");
    for (ColumnProfile a : one.columns()) {
      ColumnProfile b = five.column(a.name()).orElseThrow();
      assertThat(b.quantiles()).as(a.name()).containsExactly(a.quantiles());
      assertThat(b.binEdges()).as(a.name()).containsExactly(a.binEdges());
      assertThat(b.approxDistinct()).as(a.name()).isEqualTo(a.approxDistinct());
      assertThat(b.topValues()).as(a.name()).isEqualTo(a.topValues());
      assertThat(b.role()).as(a.name()).isEqualTo(a.role());
      assertThat(b.nullCount()).as(a.name()).isEqualTo(a.nullCount());
      if (a.numeric() != null) {
        // sums in another order may differ in the last bits
        assertThat(b.numeric().mean()).isCloseTo(a.numeric().mean(),
            org.assertj.core.data.Offset.offset(1e-9 * Math.max(1, Math.abs(a.numeric().mean()))));
        assertThat(b.numeric().minValue()).isEqualTo(a.numeric().minValue());
        assertThat(b.numeric().maxValue()).isEqualTo(a.numeric().maxValue());
      }
    }
  }

  @Test
  void bigTablesUseTheSketchWithinItsErrorAndRepeatExactly() {
    // 4 numeric columns share the exact budget (2^20 values): 400k rows each is beyond it, so the KLL part runs
    long n = 400_000;
    Dataset<Row> big = spark.range(0, n, 1, 3).selectExpr("id", "randn(7) * 10 AS g", "exp(randn(8)) AS e",
        "CAST(id % 1000 AS DOUBLE) / 7 AS s").cache();
    ColumnScan.Partial scanned = ColumnScan.run(big, ColumnScan.Plan.of(big.schema(), 1, false, "UTC", 0.0025));
    assertThat(scanned.columns[1].quantiles.exact()).isFalse();
    assertThat(scanned.columns[1].quantiles.count()).isEqualTo(n);
    TableProfile first = TestProfiles.profile(spark, big, "big");
    TableProfile again = TestProfiles.profile(spark, big, "big");
    double eps = QuantileSketch.ERROR_TIMES_K / QuantileSketch.kFor(Fixtures.settings().profile().quantileRelativeError());
    assertThat(eps).isLessThanOrEqualTo(Fixtures.settings().profile().quantileRelativeError());
    for (String name : List.of("g", "e", "s")) {
      double[] q = first.column(name).orElseThrow().quantiles();
      assertThat(again.column(name).orElseThrow().quantiles()).as(name + " repeats").containsExactly(q);
      Column col = functions.col(name);
      List<Column> counts = new ArrayList<>();
      for (int i = 1; i < q.length - 1; i++) {
        counts.add(functions.sum(functions.when(col.lt(q[i]), 1L).otherwise(0L)));
        counts.add(functions.sum(functions.when(col.leq(q[i]), 1L).otherwise(0L)));
      }
      Row r = big.agg(counts.get(0), counts.subList(1, counts.size()).toArray(new Column[0])).first();
      for (int i = 1; i < q.length - 1; i++) {
        double target = (double) i / (q.length - 1) * n;
        assertThat(target).as(name + " q" + i).isBetween(r.getLong(2 * i - 2) - eps * n - 1,
            r.getLong(2 * i - 1) + eps * n + 1);
      }
    }
    big.unpersist();
  }

  @Test
  void topValuesOfEveryTypeAreSparksStringsAndManyDistinctStringsAreCountedInPassTwo() {
    Dataset<Row> typed = spark.range(0, 6000, 1, 3).selectExpr(
        "date_add(DATE'2024-01-01', CAST(id % 5 AS INT)) AS d", "CAST(id % 4 AS DOUBLE) / 4 AS x",
        "CAST(id % 3 AS DECIMAL(10,2)) AS m", "id % 7 < 3 AS b", "CAST(id % 9 AS SMALLINT) AS h",
        "concat('k', CAST(pmod(hash(id), 2000) AS STRING)) AS s").cache();
    TableProfile p = TestProfiles.profile(spark, typed, "typed");
    for (String name : List.of("x", "m", "b", "h", "s")) {
      ColumnProfile c = p.column(name).orElseThrow();
      assertThat(c.role()).as(name).isEqualTo(Role.CATEGORICAL);
      List<Row> exact = typed.select(functions.col(name).cast("string").alias("v")).groupBy("v").count()
          .orderBy(functions.desc("count"), functions.asc("v")).limit(c.topValues().size()).collectAsList();
      // rare-value protection: values held by fewer rows than the column's threshold (rare-threshold + 0..2) are no
      // states; the others are kept up to the state budget
      long threshold = TopValues.threshold(Fixtures.settings().profile(), name);
      long frequent = typed.groupBy(name).count().where(functions.col("count").geq(threshold)).count();
      assertThat(c.topValues()).as(name).hasSize((int) Math.min(Fixtures.settings().profile().topK(), frequent));
      assertThat(c.topValues()).as(name).allMatch(v -> v.count() >= threshold);
      for (int i = 0; i < exact.size(); i++) {
        assertThat(c.topValues().get(i)).as(name + " #" + i)
            .isEqualTo(new ColumnProfile.Category(exact.get(i).getString(0), exact.get(i).getLong(1)));
      }
    }
    // s has more distinct values than pass 1 counts: its top values took the grouped count (extra Spark jobs)
    assertThat(p.column("s").orElseThrow().approxDistinct()).isGreaterThan(ColumnScan.COUNTED_DISTINCT);
    TableProfile withoutS = TestProfiles.profile(spark, typed.drop("s"), "typed");
    assertThat(p.sparkJobs()).isGreaterThan(withoutS.sparkJobs());
    assertThat(p.column("d").orElseThrow().numeric().minValue()).isEqualTo("2024-01-01");
    assertThat(p.column("m").orElseThrow().numeric().maxValue()).isEqualTo("2.00");
    typed.unpersist();
  }

  @Test
  void topValuesAreExactCountsAndRolesAreSensible() {
    for (String name : List.of("workclass", "education", "sex", "race", "income")) {
      ColumnProfile c = profile.column(name).orElseThrow();
      List<Row> exact = adult.filter(functions.col(name).isNotNull()).groupBy(name).count()
          .orderBy(functions.desc("count"), functions.asc(name)).limit(c.topValues().size()).collectAsList();
      for (int i = 0; i < exact.size(); i++) {
        assertThat(c.topValues().get(i).count()).as(name + " #" + i).isEqualTo(exact.get(i).getLong(1));
      }
      long covered = c.topValues().stream().mapToLong(ColumnProfile.Category::count).sum();
      assertThat(covered + c.otherCount() + c.nullCount()).isEqualTo(profile.rowCount());
      assertThat(c.role()).as(name).isEqualTo(Role.CATEGORICAL);
    }
    assertThat(profile.column("age").orElseThrow().role()).isEqualTo(Role.CONTINUOUS);
    assertThat(profile.column("fnlwgt").orElseThrow().role()).isEqualTo(Role.CONTINUOUS);
    assertThat(profile.column("workclass").orElseThrow().nullCount()).isPositive(); // '?' read as null
    for (ColumnProfile c : profile.columns()) {
      assertThat(c.roleReason()).as(c.name()).isNotBlank();
    }
    // dependence: education and education-num are the same thing; sex and relationship strongly related
    double eduMi = profile.dependence().get("education", "education-num");
    double weak = profile.dependence().get("race", "hours-per-week");
    assertThat(eduMi).isGreaterThan(10 * weak);
  }

  @Test
  void otherSharedDatasetsProfile() {
    Dataset<Row> penguins = Fixtures.penguins(spark);
    TableProfile p = TestProfiles.profile(spark, penguins, "penguins");
    assertThat(p.rowCount()).isEqualTo(penguins.count());
    assertThat(p.column("Species").orElseThrow().topValues()).extracting(ColumnProfile.Category::value)
        .containsExactlyInAnyOrder("Adelie", "Gentoo", "Chinstrap");
    assertThat(p.column("Body Mass (g)").orElseThrow().nullCount())
        .isEqualTo(penguins.filter("`Body Mass (g)` IS NULL").count());
    Dataset<Row> seattle = Fixtures.seattle(spark);
    TableProfile s = TestProfiles.profile(spark, seattle, "seattle");
    ColumnProfile date = s.column("date").orElseThrow();
    assertThat(date.sparkType()).isEqualTo("DATE");
    assertThat(date.role()).isEqualTo(Role.CONTINUOUS);
    assertThat(date.numeric().minValue()).isEqualTo("2012-01-01");
    assertThat(date.numeric().maxValue()).isEqualTo(seattle.agg(functions.max("date")).first().get(0).toString());
  }

  @Test
  void jobCountDoesNotGrowWithWidth() {
    // 300 columns of mixed kinds over 5000 rows
    List<Column> cols = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      Column h = functions.pmod(functions.hash(functions.col("id"), functions.lit(i)), functions.lit(1000));
      cols.add(switch (i % 4) {
        case 0 -> h.alias("n" + i);
        case 1 -> h.mod(7).cast("string").alias("c" + i);
        case 2 -> h.cast("double").divide(3).alias("d" + i);
        default -> functions.when(h.lt(100), functions.lit(null)).otherwise(h.mod(3)).alias("z" + i);
      });
    }
    Dataset<Row> wide = spark.range(5000).select(cols.toArray(new Column[0])).cache();
    TableProfile w = TestProfiles.profile(spark, wide, "wide");
    assertThat(w.columns()).hasSize(300);
    assertThat(w.column("c1").orElseThrow().role()).isEqualTo(Role.CATEGORICAL);
    assertThat(w.column("z3").orElseThrow().nullCount()).isEqualTo(wide.filter("z3 IS NULL").count());
    Dataset<Row> narrow = wide.select("n0", "c1", "d2", "z3");
    TableProfile nw = TestProfiles.profile(spark, narrow, "narrow");
    // the same fixed set of passes whatever the width
    assertThat(w.sparkJobs()).isEqualTo(nw.sparkJobs()).isLessThanOrEqualTo(8);
    assertThat(profile.sparkJobs()).isLessThanOrEqualTo(8);
    wide.unpersist();
  }

  @Test
  void degenerateColumnsGetRolesWithReasons() {
    Dataset<Row> df = spark.range(500).selectExpr("id", "CAST(NULL AS STRING) AS all_null", "'x' AS single",
        "map('k', id) AS m", "named_struct('a', id) AS s", "id % 5 AS small");
    TableProfile p = TestProfiles.profile(spark, df, "odd");
    assertThat(p.column("all_null").orElseThrow().role()).isIn(Role.CONSTANT, Role.IGNORED);
    assertThat(p.column("all_null").orElseThrow().roleReason()).containsIgnoringCase("null");
    assertThat(p.column("single").orElseThrow().role()).isEqualTo(Role.CONSTANT);
    assertThat(p.column("m").orElseThrow().role()).isEqualTo(Role.IGNORED);
    assertThat(p.column("s").orElseThrow().role()).isEqualTo(Role.IGNORED);
    assertThat(p.column("id").orElseThrow().role()).isEqualTo(Role.IDENTIFIER);
    assertThat(p.column("small").orElseThrow().role()).isEqualTo(Role.CATEGORICAL);
    assertThatThrownBy(() -> new ProfileAction(spark).source(df, "odd", "", "parquet")
        .settings(Fixtures.settings("profile.model-complex-types=true").profile()).execute())
        .isInstanceOf(LakesynthException.class)
        .hasMessageContaining("odd").hasMessageContaining("'m'").hasMessageContaining("MAP");
  }

  @Test
  void badInputFailsWithCodes() throws Exception {
    Dataset<Row> empty = spark.range(0).selectExpr("id", "CAST(id AS STRING) AS s");
    assertThatThrownBy(() -> TestProfiles.profile(spark, empty, "empty"))
        .isInstanceOfSatisfying(LakesynthException.class, e -> {
          assertThat(e.errorCode()).isEqualTo(ErrorCode.SOURCE_EMPTY);
          assertThat(e.exitCode()).isEqualTo(3);
        }).hasMessageContaining("empty");
    CsvSettings csv = Fixtures.settings().source().csv();
    assertThatThrownBy(() -> TableReader.read(spark, dir.resolve("nope").toString(), TableFormat.PARQUET, csv, "t"))
        .isInstanceOfSatisfying(LakesynthException.class,
            e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.SOURCE_MISSING)).hasMessageContaining("nope");
    // a Parquet table whose second file is garbage: readable schema, failing scan
    Path table = dir.resolve("corrupt");
    spark.range(100).selectExpr("id", "id % 3 AS k").repartition(2).write().parquet(table.toString());
    Path victim;
    try (var files = Files.list(table)) {
      victim = files.filter(f -> f.getFileName().toString().endsWith(".parquet")).sorted().skip(1).findFirst()
          .orElseThrow();
    }
    byte[] junk = new byte[200];
    Arrays.fill(junk, (byte) 7);
    Files.write(victim, junk);
    byte[] before = Files.readAllBytes(victim);
    assertThatThrownBy(() -> {
      Dataset<Row> df = TableReader.read(spark, table.toString(), TableFormat.PARQUET, csv, "corrupt");
      new ProfileAction(spark).source(df, "corrupt", table.toString(), "parquet")
          .settings(Fixtures.settings().profile()).execute();
    }).isInstanceOfSatisfying(LakesynthException.class, e -> {
      assertThat(e.errorCode()).isIn(ErrorCode.SOURCE_UNREADABLE);
      assertThat(e.exitCode()).isEqualTo(3);
    }).hasMessageContaining(table.toString());
    assertThat(Files.readAllBytes(victim)).isEqualTo(before); // the source is never touched
  }

  @Test
  void historyKeepsOneRowPerTableAndRunDate() {
    String history = dir.resolve("history").toString();
    var hs = Fixtures.settings("profile.history.path=" + history, "profile.history.format=delta").profile().history();
    TableProfile small = TestProfiles.profile(spark, adult.limit(500), "adult");
    TableProfile d1 = withRunDate(small, "2024-01-01");
    ProfileHistory.append(spark, d1, hs, "r1");
    ProfileHistory.append(spark, d1, hs, "r1-retry");
    ProfileHistory.append(spark, withRunDate(small, "2024-01-02"), hs, "r2");
    Dataset<Row> h = spark.read().format("delta").load(history);
    assertThat(h.count()).isEqualTo(2);
    assertThat(h.filter("run_date = '2024-01-01'").first().<Long>getAs("row_count")).isEqualTo(500L);
    String json = h.filter("run_date = '2024-01-02'").first().getAs("profile_json");
    assertThat(ProfileJson.read(json, "history").rowCount()).isEqualTo(500);
    assertThatThrownBy(() -> ProfileHistory.append(spark, small, hs, "r3"))
        .isInstanceOf(LakesynthException.class).hasMessageContaining("run-date");
  }

  @Test
  void jsonRoundTrips() {
    TableProfile back = ProfileJson.read(ProfileJson.write(profile), "test");
    assertThat(ProfileJson.write(back)).isEqualTo(ProfileJson.write(profile));
    assertThatThrownBy(() -> ProfileJson.read("{\"formatVersion\": 99}", "p.json"))
        .isInstanceOf(LakesynthException.class).hasMessageContaining("p.json");
  }

  private static TableProfile withRunDate(TableProfile p, String date) {
    return new TableProfile(p.formatVersion(), p.lakesynthVersion(), p.table(), p.sourcePath(), p.sourceFormat(), date,
        p.rowCount(), p.schemaJson(), p.partitionColumns(), p.columns(), p.partitions(), p.partitionsTruncated(),
        p.dependence(), p.params(), p.sparkJobs());
  }

  @Test
  void csvOptionsAreHonoured() throws Exception {
    Path f = dir.resolve("semi.csv");
    Files.writeString(f, "a;b\n1;x\nNA;y\n3;NA\n");
    var csv = Fixtures.settings("source.csv.delimiter=\";\"", "source.csv.null-value=NA").source().csv();
    Dataset<Row> df = TableReader.read(spark, f.toString(), TableFormat.CSV, csv, "semi");
    TableProfile p = TestProfiles.profile(spark, df, "semi");
    assertThat(p.column("a").orElseThrow().nullCount()).isEqualTo(1);
    assertThat(p.column("b").orElseThrow().nullCount()).isEqualTo(1);
    assertThat(p.column("a").orElseThrow().sparkType()).isEqualTo("INT");
    assertThat(TestData.adult()).exists();
  }
}
