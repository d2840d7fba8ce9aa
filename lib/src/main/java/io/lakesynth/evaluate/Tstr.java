package io.lakesynth.evaluate;

import io.lakesynth.config.Settings.EvaluateSettings;
import io.lakesynth.error.ErrorCode;
import io.lakesynth.error.LakesynthException;
import io.lakesynth.evaluate.EvaluateAction.Col;
import io.lakesynth.evaluate.EvaluationReport.Utility;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.classification.RandomForestClassifier;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.ml.evaluation.RegressionEvaluator;
import org.apache.spark.ml.feature.OneHotEncoder;
import org.apache.spark.ml.feature.StringIndexer;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.regression.RandomForestRegressor;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Train-synthetic-test-real: the same MLlib pipeline (categorical features one-hot encoded, continuous ones with
 * nulls filled by the real training mean, a random forest) is trained once on the real training split and once on
 * as many synthetic rows, and both are scored on the real holdout: weighted F1 for a categorical target, R² for a
 * continuous one.
 */
final class Tstr {
  private static final Logger LOG = LoggerFactory.getLogger(Tstr.class);
  static final int TREES = 30;
  static final int DEPTH = 8;

  private final SparkSession spark;
  private final EvaluateSettings settings;

  Tstr(SparkSession spark, EvaluateSettings settings) {
    this.spark = spark;
    this.settings = settings;
  }

  Utility run(Dataset<Row> train, Dataset<Row> holdout, Dataset<Row> synthetic, List<Col> cols, String target) {
    int t = -1;
    for (int i = 0; i < cols.size(); i++) {
      if (cols.get(i).name().equals(target)) {
        t = i;
      }
    }
    if (t < 0) {
      throw new LakesynthException(ErrorCode.CONFIG_INVALID_VALUE, "lakesynth.evaluate.target", target,
          "not a categorical or continuous column of the table (identifiers, text and PII cannot be targets)");
    }
    if (holdout == null) {
      throw new LakesynthException(ErrorCode.CONFIG_INVALID_VALUE, "lakesynth.evaluate.holdout-fraction", "0",
          "ML utility needs a real holdout");
    }
    boolean classification = !cols.get(t).continuous();
    Dataset<Row> realTrain = EvaluateAction.prepare(train, cols).filter(functions.col("c" + t).isNotNull()).cache();
    Dataset<Row> test = EvaluateAction.prepare(holdout, cols).filter(functions.col("c" + t).isNotNull()).cache();
    long trainRows = realTrain.count();
    long testRows = test.count();
    Dataset<Row> synAll = EvaluateAction.prepare(synthetic, cols).filter(functions.col("c" + t).isNotNull());
    long synRows = synAll.count();
    Dataset<Row> synTrain = synRows > trainRows
        ? synAll.sample(false, Math.min(1.0, 1.1 * trainRows / synRows), settings.seed()).limit((int) trainRows)
        : synAll;
    synTrain = synTrain.cache();
    long synUsed = synTrain.count();
    if (trainRows == 0 || testRows == 0 || synUsed == 0) {
      throw new LakesynthException(ErrorCode.EVALUATE_INVALID, target,
          "ML utility needs rows with a target value in the real train split, the holdout and the synthetic table");
    }
    Map<String, Object> fill = new HashMap<>();
    Column[] mc = meanColumns(cols, t);
    if (mc.length > 0) {
      Row means = realTrain.agg(mc[0], Arrays.copyOfRange(mc, 1, mc.length)).first();
      int m = 0;
      for (int i = 0; i < cols.size(); i++) {
        if (i != t && cols.get(i).continuous()) {
          Object v = means.get(m++);
          fill.put("c" + i, v == null ? 0.0 : v);
        }
      }
    }
    Pipeline pipeline = pipeline(cols, t, classification);
    String label = "c" + t;
    double realScore = score(pipeline.fit(realTrain.na().fill(fill)), test.na().fill(fill), classification, label);
    double synScore = score(pipeline.fit(synTrain.na().fill(fill)), test.na().fill(fill), classification, label);
    realTrain.unpersist();
    test.unpersist();
    synTrain.unpersist();
    String metric = classification ? "weighted F1 (random forest)" : "R2 (random forest)";
    LOG.info("evaluate: TSTR on {}: real {} synthetic {} ({})", target, EvaluateAction.f(realScore),
        EvaluateAction.f(synScore), metric);
    return new Utility(target, classification ? "classification" : "regression", metric, realScore, synScore,
        realScore > 0 ? synScore / realScore : Double.NaN, trainRows, synUsed, testRows);
  }

  private static Column[] meanColumns(List<Col> cols, int t) {
    List<Column> out = new ArrayList<>();
    for (int i = 0; i < cols.size(); i++) {
      if (i != t && cols.get(i).continuous()) {
        out.add(functions.avg("c" + i));
      }
    }
    return out.toArray(new Column[0]);
  }

  private Pipeline pipeline(List<Col> cols, int t, boolean classification) {
    List<PipelineStage> stages = new ArrayList<>();
    List<String> cat = new ArrayList<>();
    List<String> features = new ArrayList<>();
    for (int i = 0; i < cols.size(); i++) {
      if (i == t) {
        continue;
      }
      if (cols.get(i).continuous()) {
        features.add("c" + i);
      } else {
        cat.add("c" + i);
      }
    }
    if (!cat.isEmpty()) {
      String[] in = cat.toArray(new String[0]);
      String[] idx = cat.stream().map(c -> c + "_idx").toArray(String[]::new);
      String[] hot = cat.stream().map(c -> c + "_hot").toArray(String[]::new);
      stages.add(new StringIndexer().setInputCols(in).setOutputCols(idx).setHandleInvalid("keep"));
      stages.add(new OneHotEncoder().setInputCols(idx).setOutputCols(hot).setHandleInvalid("keep"));
      features.addAll(List.of(hot));
    }
    stages.add(new VectorAssembler().setInputCols(features.toArray(new String[0])).setOutputCol("features")
        .setHandleInvalid("keep"));
    if (classification) {
      stages.add(new StringIndexer().setInputCol("c" + t).setOutputCol("label").setHandleInvalid("keep"));
      stages.add(new RandomForestClassifier().setNumTrees(TREES).setMaxDepth(DEPTH).setSeed(settings.seed())
          .setLabelCol("label").setFeaturesCol("features"));
    } else {
      stages.add(new RandomForestRegressor().setNumTrees(TREES).setMaxDepth(DEPTH).setSeed(settings.seed())
          .setLabelCol("c" + t).setFeaturesCol("features"));
    }
    return new Pipeline().setStages(stages.toArray(new PipelineStage[0]));
  }

  /**
   * Scores on the holdout. For classification the label index of the holdout comes from the fitted pipeline, so a
   * model trained on synthetic data is scored against the real labels mapped through the synthetic indexer (labels it
   * never saw get the "unknown" index and count as misses).
   */
  private static double score(PipelineModel model, Dataset<Row> test, boolean classification, String label) {
    Dataset<Row> predicted = model.transform(test);
    if (classification) {
      return new MulticlassClassificationEvaluator().setLabelCol("label").setPredictionCol("prediction")
          .setMetricName("f1").evaluate(predicted);
    }
    return new RegressionEvaluator().setLabelCol(label).setPredictionCol("prediction")
        .setMetricName("r2").evaluate(predicted);
  }
}
