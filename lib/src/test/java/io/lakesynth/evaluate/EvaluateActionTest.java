package io.lakesynth.evaluate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

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

  @Test
  void shuffledColumnsKeepShapesButLoseTrends() {
    List<Row> rows = real.collectAsList(); // adult is small test data
    int k = real.columns().length;
    List<List<Object>> cols = new ArrayList<>();
    Random rnd = new Random(5);
    for (int j = 0; j < k; j++) {
      List<Object> c = new ArrayList<>();
      for (Row row : rows) {
        c.add(row.get(j));
      }
      Collections.shuffle(c, rnd);
      cols.add(c);
    }
    List<Row> shuffled = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      Object[] v = new Object[k];
      for (int j = 0; j < k; j++) {
        v[j] = cols.get(j).get(i);
      }
      shuffled.add(RowFactory.create(v));
    }
    Dataset<Row> syn = spark.createDataFrame(shuffled, real.schema());
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
  void tstrOnARealTableItself() {
    EvaluationReport r = evaluate(train, "evaluate.target=income");
    // trained on the same rows: the two models are the same model
    assertThat(r.utility().ratio()).isCloseTo(1.0, within(1e-9));
    assertThat(r.utility().realScore()).isGreaterThan(0.75);
    assertThat(r.utility().holdoutRows()).isEqualTo(holdout.count());
  }
}
