package io.lakesynth.evaluate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.holdenkarau.spark.testing.JavaDataFrameSuiteBase;
import io.lakesynth.model.Holdout;
import io.lakesynth.testing.Fixtures;
import io.lakesynth.testing.SparkExtension;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The evaluator on tables whose answers are known: the real table against a copy of its own training split (perfect
 * fidelity, every row an exact copy, DCR 0) and against a column-shuffled copy (same marginals, no dependence).
 */
@ExtendWith(SparkExtension.class)
class EvaluateActionTest {
  static SparkSession spark;
  static Dataset<Row> real;
  static Dataset<Row> train;
  static Dataset<Row> holdout;

  @BeforeAll
  static void tables() {
    spark = SparkExtension.spark();
    real = Fixtures.adult(spark).cache();
    train = Holdout.train(real, 0.2, 11).cache();
    holdout = Holdout.holdout(real, 0.2, 11).cache();
  }

  static EvaluationReport evaluate(Dataset<Row> synthetic, String... overrides) {
    return new EvaluateAction(spark).real(real, train, holdout, "adult", "adult.csv").synthetic(synthetic, "syn")
        .settings(Fixtures.settings(overrides).evaluate()).execute();
  }

  @Test
  void holdoutSplitIsDisjointAndSized() {
    long n = real.count();
    assertThat(train.count() + holdout.count()).isEqualTo(n);
    // binomial: 0.2 n +- 4 sd
    assertThat((double) holdout.count()).isCloseTo(0.2 * n, within(4 * Math.sqrt(n * 0.2 * 0.8)));
    // deterministic whatever the partitioning
    Dataset<Row> again = Holdout.holdout(real.repartition(3), 0.2, 11);
    assertThat(again.count()).isEqualTo(holdout.count());
    assertThat(again.exceptAll(holdout).count()).isZero();
    // the cached split (the window computed once, train and holdout as filters of it) is the same split
    try (Holdout.Cached c = Holdout.cached(real.repartition(5), 0.2, 11)) {
      JavaDataFrameSuiteBase frames = new JavaDataFrameSuiteBase();
      frames.assertDataFrameNoOrderEquals(train, c.train());
      frames.assertDataFrameNoOrderEquals(holdout, c.holdout());
    }
    try (Holdout.Cached none = Holdout.cached(real, 0, 11)) {
      assertThat(none.train()).isSameAs(real);
      assertThat(none.holdout()).isNull();
    }
  }

  @Test
  void copyOfTrainingDataScoresPerfectFidelityAndFailsPrivacy() {
    EvaluationReport r = evaluate(train, "evaluate.gate.max-exact-copy-ratio=1.0", "evaluate.gate.min-dcr-ratio=0.5");
    // train vs the whole real table: same distributions up to the 20% holdout; sampling error only
    assertThat(r.columnShapes()).isGreaterThan(0.97);
    assertThat(r.privacy().exactCopyRate()).isEqualTo(1.0);
    assertThat(r.privacy().dcrSyntheticMedian()).isZero();
    assertThat(r.privacy().holdoutExactCopyRate()).isLessThan(0.01);
    assertThat(r.gate().passed()).isFalse();
    assertThat(r.gate().failures()).anySatisfy(f -> assertThat(f).contains("exact-copy rate 1.00000"))
        .anySatisfy(f -> assertThat(f).contains("min-dcr-ratio"));
  }

  /** The table with the given columns (all when none) permuted independently by a seeded shuffle. */
  static Dataset<Row> shuffled(Dataset<Row> table, long seed, String... columns) {
    List<Row> rows = table.collectAsList(); // adult is small test data
    List<String> names = List.of(table.columns());
    int k = names.size();
    List<List<Object>> cols = new ArrayList<>();
    Random rnd = new Random(seed);
    for (int j = 0; j < k; j++) {
      List<Object> c = new ArrayList<>();
      for (Row row : rows) {
        c.add(row.get(j));
      }
      if (columns.length == 0 || List.of(columns).contains(names.get(j))) {
        Collections.shuffle(c, rnd);
      }
      cols.add(c);
    }
    List<Row> out = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      Object[] v = new Object[k];
      for (int j = 0; j < k; j++) {
        v[j] = cols.get(j).get(i);
      }
      out.add(RowFactory.create(v));
    }
    return spark.createDataFrame(out, table.schema());
  }

  @Test
  void shuffledColumnsKeepShapesButLoseTrends() {
    Dataset<Row> syn = shuffled(real, 5);
    EvaluationReport r = evaluate(syn, "evaluate.gate.min-quality=0.97");
    // identical multisets per column: KS and TV distances are exactly 0
    assertThat(r.columns()).allSatisfy(c -> assertThat(c.score()).as(c.column()).isCloseTo(1.0, within(1e-12)));
    assertThat(r.strongPairs()).isGreaterThan(3);
    // education x education-num are the same variable: shuffling destroys that pair
    EvaluationReport.PairScore edu = r.pairs().stream().filter(p -> p.a().equals("education")
        && p.b().equals("education-num")).findFirst().orElseThrow();
    assertThat(edu.strong()).isTrue();
    assertThat(edu.synthetic()).isLessThan(0.1);
    assertThat(r.strongPairTrends()).isLessThan(r.columnPairTrends());
    assertThat(r.strongPairTrends()).isLessThan(0.8);
    assertThat(r.quality()).isEqualTo((r.columnShapes() + r.columnPairTrends()) / 2);
    // the plain Quality barely notices (it stays above 0.95): why the strong-pair mean is reported
    assertThat(r.gate().passed()).isFalse();
    assertThat(r.gate().failures().get(0)).contains("min-quality 0.9700");
  }

  @Test
  void reportRendersOfflineWithChartsAndData() {
    EvaluationReport r = evaluate(train.limit(3000));
    String html = ReportWriter.html(r);
    assertThat(html).startsWith("<!DOCTYPE html>").contains("<title>lakesynth evaluation: adult</title>");
    for (int i = 0; i < r.overlays().size(); i++) {
      assertThat(html).contains("<canvas id=\"overlay-" + i + "\"");
    }
    assertThat(html).contains("Chart.js " + ReportWriter.chartJsVersion()).contains("new Chart(");
    assertThat(html).doesNotContain("src=\"http").doesNotContain("href=\"http"); // nothing fetched from the network
    int start = html.indexOf("<script id=\"report-data\" type=\"application/json\">");
    int end = html.indexOf("</script>", start);
    String json = html.substring(html.indexOf('>', start) + 1, end).replace("<\\/", "</");
    EvaluationReport back = ReportWriter.read(json);
    assertThat(back.quality()).isEqualTo(r.quality());
    assertThat(back.columns()).isEqualTo(r.columns());
    assertThat(html).contains("KSComplement", "TVComplement", "age", "income", "PASSED");
    assertThat(ReportWriter.read(ReportWriter.json(r)).privacy()).isEqualTo(r.privacy());
  }

  @Test
  void tstrTellsUsefulFromUselessTrainingData() {
    EvaluationReport same = evaluate(train, "evaluate.target=income");
    EvaluationReport.Utility u = same.utility();
    // the real training rows as "synthetic" data: the same skill (the two samples differ in order only)
    assertThat(u.informative()).isTrue();
    assertThat(u.realScore()).isGreaterThan(0.8);
    assertThat(u.ratio()).isCloseTo(1.0, within(0.02));
    assertThat(u.verdict()).isEqualTo("ok");
    assertThat(u.holdoutRows()).isEqualTo(holdout.filter("income is not null").count());
    // baseline: majority class (<=50K, share p of the holdout): weighted F1 = p * 2p / (1 + p), or prior guessing
    double p = holdout.filter("income = '<=50K'").count() / (double) u.holdoutRows();
    double q = train.filter("income = '<=50K'").count() / (double) train.filter("income is not null").count();
    double prior = p * 2 * p * q / (p + q) + (1 - p) * 2 * (1 - p) * (1 - q) / (2 - p - q);
    assertThat(u.baselineScore()).isCloseTo(Math.max(p * 2 * p / (1 + p), prior), within(1e-9));
    // the labels shuffled against the features: the synthetic-trained model learns nothing
    EvaluationReport noise = evaluate(shuffled(train, 7, "income"), "evaluate.target=income");
    assertThat(noise.utility().realScore()).isEqualTo(u.realScore());
    assertThat(noise.utility().syntheticScore()).isLessThan(u.baselineScore() + 0.03);
    assertThat(noise.utility().lift()).isLessThan(0.15);
    assertThat(noise.utility().verdict()).startsWith("weak");
  }

  @Test
  void aMostlyNullTargetStillGetsItsTstrRows() {
    // income kept on about one row in five: a 2,000-row sample holds about 400 labelled rows, fewer than tstr-rows
    org.apache.spark.sql.Column keep = org.apache.spark.sql.functions.pmod(org.apache.spark.sql.functions.xxhash64(
        org.apache.spark.sql.functions.col("fnlwgt"), org.apache.spark.sql.functions.col("age")),
        org.apache.spark.sql.functions.lit(5)).equalTo(0);
    Dataset<Row> sparse = real.withColumn("income", org.apache.spark.sql.functions.when(keep,
        org.apache.spark.sql.functions.col("income")));
    Dataset<Row> tr = Holdout.train(sparse, 0.2, 11).cache();
    Dataset<Row> ho = Holdout.holdout(sparse, 0.2, 11).cache();
    try {
      EvaluationReport r = new EvaluateAction(spark).real(sparse, tr, ho, "adult", "adult.csv").synthetic(tr, "syn")
          .settings(Fixtures.settings("evaluate.target=income", "evaluate.sample-rows=2000", "evaluate.tstr-rows=1000")
              .evaluate()).execute();
      assertThat(ho.filter("income is not null").count()).isGreaterThan(1000);
      // the seeded samples of the labelled rows: tstr-rows each, not the ~400 a plain sample holds
      assertThat(r.utility().realTrainRows()).isEqualTo(1000);
      assertThat(r.utility().syntheticTrainRows()).isEqualTo(1000);
      assertThat(r.utility().holdoutRows()).isEqualTo(1000);
      // Quality still compares the unfiltered samples: income is null on about 80 % of both
      assertThat(r.sampleRowsReal()).isEqualTo(2000);
    } finally {
      tr.unpersist();
      ho.unpersist();
    }
  }

  @Test
  void aTargetNoModelCanLearnIsNotInformative() {
    // a fair coin derived from a hash of the row: no learner does better than guessing
    Dataset<Row> withCoin = real.withColumn("coin", org.apache.spark.sql.functions.pmod(
        org.apache.spark.sql.functions.xxhash64(org.apache.spark.sql.functions.col("fnlwgt"),
            org.apache.spark.sql.functions.col("age")), org.apache.spark.sql.functions.lit(2)).cast("string"));
    Dataset<Row> tr = Holdout.train(withCoin, 0.2, 11);
    Dataset<Row> ho = Holdout.holdout(withCoin, 0.2, 11);
    EvaluationReport r = new EvaluateAction(spark).real(withCoin, tr, ho, "adult", "adult.csv").synthetic(tr, "syn")
        .settings(Fixtures.settings("evaluate.target=coin", "evaluate.tstr-rows=5000").evaluate()).execute();
    assertThat(r.utility().informative()).as(r.utility().toString()).isFalse();
    assertThat(r.utility().verdict()).startsWith("not informative");
    assertThat(r.utility().lift()).isNaN();
    assertThat(r.utility().realTrainRows()).isEqualTo(5000);
  }

  @Test
  void utilityVerdicts() {
    assertThat(Tstr.utility("t", "classification", "l", "F1", 0.30, 0.32, 0.29, 0, 0, 0, 1, 1, 1).verdict())
        .startsWith("not informative");
    EvaluationReport.Utility high = Tstr.utility("t", "classification", "l", "F1", 0.60, 0.66, 0.30, 0, 0, 0, 1, 1, 1);
    assertThat(high.verdict()).startsWith("suspicious").contains("1.1000");
    assertThat(high.lift()).isCloseTo(1.2, within(1e-12));
    assertThat(Tstr.utility("t", "classification", "l", "F1", 0.80, 0.70, 0.30, 0, 0, 0, 1, 1, 1).verdict())
        .startsWith("weak");
    assertThat(Tstr.utility("t", "regression", "l", "R2", 0.80, 0.79, -0.001, 0, 0, 0, 1, 1, 1).verdict())
        .isEqualTo("ok");
  }

  @Test
  void regressionTargetsGetR2AndMae() {
    EvaluationReport r = evaluate(train, "evaluate.target=age", "evaluate.tstr-rows=5000");
    EvaluationReport.Utility u = r.utility();
    assertThat(u.task()).isEqualTo("regression");
    assertThat(u.metric()).isEqualTo("R2");
    // the mean predicts nothing: R2 about 0; a model of age from the other columns does clearly better
    assertThat(u.baselineScore()).isCloseTo(0.0, within(0.01));
    assertThat(u.realScore()).isGreaterThan(0.3);
    assertThat(u.realMae()).isLessThan(u.baselineMae());
    assertThat(u.syntheticMae()).isGreaterThan(0);
  }
}
