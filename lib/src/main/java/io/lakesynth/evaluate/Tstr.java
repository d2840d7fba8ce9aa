package io.lakesynth.evaluate;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import io.lakesynth.config.Settings.EvaluateSettings;
import io.lakesynth.error.ErrorCode;
import io.lakesynth.error.LakesynthException;
import io.lakesynth.evaluate.EvaluationReport.Utility;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.classification.GBTClassifier;
import org.apache.spark.ml.classification.RandomForestClassifier;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.ml.evaluation.RegressionEvaluator;
import org.apache.spark.ml.feature.Imputer;
import org.apache.spark.ml.feature.StringIndexer;
import org.apache.spark.ml.feature.StringIndexerModel;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.regression.GBTRegressor;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ML utility: the same MLlib pipeline is trained on the seeded sample of the real training split (TRTR) and on an
 * equally large part of the seeded synthetic sample (TSTR); both are scored on the seeded sample of the real holdout
 * (at most evaluate.tstr-rows rows with a target value each, taken from the samples evaluate draws once for every
 * metric), next to the majority-class (or train-mean) baseline. The two models are fitted as concurrent Spark jobs.
 *
 * <p>Learners, chosen by measurement on the zoo tables (TRTR weighted F1, see the README): gradient-boosted trees for
 * binary targets (adult income 0.861, against 0.857 for the forest below and 0.846 for the former 30-tree depth-8
 * forest) and continuous ones, a random forest for multi-class targets: 50 trees of depth 12 beat the former 30 of
 * depth 8 (zipcodes state 0.996 vs 0.962, cars origin 0.785 vs 0.772, seattle weather 0.833 vs 0.831; penguins
 * species 0.932 vs 0.945) but cost too much on the 2.4M-row bench (two minutes per model at 50,000 rows and 32
 * classes): 20 trees of depth 10 on evaluate.tstr-rows (20,000) rows (30 trees scored the same to 0.001 on that
 * table's 32-class target and took twice as long). Categorical features keep their
 * {@link #LEVELS} most frequent real values (the rest one level), indexed as tree categories; a categorical target
 * keeps its {@link #MAX_CLASSES} - 1 most frequent real classes (the rest one class); continuous features
 * have nulls replaced by the real training mean. Each learner's rows are one partition in sample order, so the
 * models, and the scores, are the same on any cluster (at most evaluate.tstr-rows rows: one task per forest stage,
 * and the two models train concurrently; on the 2.4M-row bench one partition each beat two and four).
 */
final class Tstr {
  private static final Logger LOG = LoggerFactory.getLogger(Tstr.class);
  static final int LEVELS = 64;
  /** Classification targets keep their most frequent real classes, the rest one class (bounded forest cost). */
  static final int MAX_CLASSES = 32;
  static final int GBT_ITERATIONS = 20;
  static final int GBT_DEPTH = 5;
  static final int RF_TREES = 20;
  static final int RF_DEPTH = 10;
  /** The real model must beat the baseline by this much (F1 or R²) for the utility ratio to mean anything. */
  static final double MARGIN = 0.05;
  static final double SUSPICIOUS_RATIO = 1.05;
  static final double WEAK_RATIO = 0.9;
  private static final String OTHER = "\u2205other";

  private final EvaluateSettings settings;

  Tstr(EvaluateSettings settings) {
    this.settings = settings;
  }

  /**
   * The index of the target among cols, checked before any Spark job: a categorical or continuous column, and a real
   * holdout to test on.
   */
  static int check(List<EvalColumn> cols, Dataset<Row> holdout, String target) {
    int t = -1;
    for (int i = 0; i < cols.size(); i++) {
      if (cols.get(i).name().equals(target) && Pairs.paired(cols.get(i))) {
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
    return t;
  }

  /**
   * train, holdout, synthetic: the seeded samples of the three tables (columns cols, in hash order); the first
   * evaluate.tstr-rows rows with a target value of each are the learners' sets. cols: the compared continuous and
   * categorical columns; t: the target's index ({@link #check}); levels: the real sample the categorical levels and
   * classes are counted on.
   */
  Utility run(SparkSession spark, Sample train, Sample holdout, Sample synthetic, List<EvalColumn> cols,
      Sample levels, int t) {
    String target = cols.get(t).name();
    boolean classification = !cols.get(t).continuous();
    List<Integer> features = new ArrayList<>();
    for (int i = 0; i < cols.size(); i++) {
      if (i != t && Pairs.paired(cols.get(i))) {
        features.add(i);
      }
    }
    Column[] sel = select(cols, features, t, levels);
    int n = settings.tstrRows();
    List<Row> trainRowList = rows(train, cols.size(), t, n);
    List<Row> testRowList = rows(holdout, cols.size(), t, n);
    List<Row> synRowList = rows(synthetic, cols.size(), t, Math.max(1, trainRowList.size()));
    long trainRows = trainRowList.size();
    long testRows = testRowList.size();
    long synRows = synRowList.size();
    if (trainRows == 0 || testRows == 0 || synRows == 0) {
      throw new LakesynthException(ErrorCode.EVALUATE_INVALID, target,
          "ML utility needs rows with a target value in the real train split, the holdout and the synthetic table");
    }
    LOG.info("evaluate: TSTR on {}: {} real and {} synthetic training rows, {} holdout rows", target, trainRows,
        synRows, testRows);
    List<Broadcast<List<Row>>> shipped = new ArrayList<>();
    try {
      Dataset<Row> realTrain = frame(spark, trainRowList, cols, sel, shipped);
      Dataset<Row> test = frame(spark, testRowList, cols, sel, shipped);
      Dataset<Row> synTrain = frame(spark, synRowList, cols, sel, shipped);
      return classification ? classify(realTrain, synTrain, test, features, target)
          : regress(realTrain, synTrain, test, features, target);
    } finally {
      shipped.forEach(b -> b.destroy());
    }
  }

  /** The first n rows with a target value (column t) of a seeded sample, in sample order: at most n (tstr-rows). */
  private static List<Row> rows(Sample x, int width, int t, int n) {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < x.size() && rows.size() < n; i++) {
      if (x.isNull(t, i)) {
        continue;
      }
      Object[] v = new Object[width];
      for (int j = 0; j < width; j++) {
        v[j] = x.value(j, i);
      }
      rows.add(RowFactory.create(v));
    }
    return rows;
  }

  /**
   * The learners' frame of those rows: one partition in sample order (the same models on any cluster), read from a
   * broadcast of the rows, so that the forests' many tasks stay small (a frame built from a local list carries its
   * rows in every task) and nothing is left cached; the broadcast is added to {@code shipped} to destroy.
   */
  private static Dataset<Row> frame(SparkSession spark, List<Row> rows, List<EvalColumn> cols, Column[] sel,
      List<Broadcast<List<Row>>> shipped) {
    StructField[] fields = new StructField[cols.size()];
    for (int j = 0; j < fields.length; j++) {
      fields[j] = DataTypes.createStructField("c" + j, cols.get(j).continuous() ? DataTypes.DoubleType
          : DataTypes.StringType, true);
    }
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    Broadcast<List<Row>> b = jsc.broadcast(rows);
    shipped.add(b);
    FlatMapFunction<Integer, Row> all = i -> b.value().iterator();
    JavaRDD<Row> one = jsc.parallelize(List.of(0), 1).flatMap(all);
    return spark.createDataFrame(one, DataTypes.createStructType(fields)).select(sel);
  }

  /** Label "y" and features f{i}: categorical ones with rare levels merged, continuous ones as doubles. */
  private static Column[] select(List<EvalColumn> cols, List<Integer> features, int t, Sample realSample) {
    List<Column> out = new ArrayList<>();
    Column y = col("c" + t);
    if (!cols.get(t).continuous()) {
      // bounded cost: a forest's statistics grow with the classes; rare classes are one class
      List<Object> classes = top(realSample, t, MAX_CLASSES - 1);
      if (classes.size() == MAX_CLASSES - 1) {
        y = when(y.isNull(), y).when(y.isin(classes.toArray()), y).otherwise(lit(OTHER));
      }
    }
    out.add(y.as("y"));
    for (int i : features) {
      Column c = col("c" + i);
      if (!cols.get(i).continuous()) {
        List<Object> keep = top(realSample, i, LEVELS);
        c = when(c.isNull(), lit(Sample.NULL)).when(c.isin(keep.toArray()), c).otherwise(lit(OTHER));
      }
      out.add(c.as("f" + i));
    }
    return out.toArray(new Column[0]);
  }

  /** The n most frequent non-null values of a column in the real sample (ties by value). */
  private static List<Object> top(Sample realSample, int j, int n) {
    return realSample.counts(j).entrySet().stream().filter(e -> !Sample.NULL.equals(e.getKey()))
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
        .limit(n).map(e -> (Object) e.getKey()).toList();
  }

  private Utility classify(Dataset<Row> realTrain, Dataset<Row> synTrain, Dataset<Row> test, List<Integer> features,
      String target) {
    StringIndexerModel labels = new StringIndexer().setInputCol("y").setOutputCol("label")
        .setStringOrderType("frequencyDesc").setHandleInvalid("keep").fit(realTrain);
    int classes = labels.labelsArray()[0].length;
    Dataset<Row> rt = labels.transform(realTrain).filter(col("label").lt(classes));
    Dataset<Row> st = labels.transform(synTrain).filter(col("label").lt(classes));
    Dataset<Row> te = labels.transform(test);
    boolean binary = classes == 2;
    String learner = binary ? "gradient-boosted trees (" + GBT_ITERATIONS + " x depth " + GBT_DEPTH + ")"
        : "random forest (" + RF_TREES + " trees, depth " + RF_DEPTH + ")";
    PipelineStage model = binary
        ? new GBTClassifier().setMaxIter(GBT_ITERATIONS).setMaxDepth(GBT_DEPTH).setMaxBins(LEVELS + 4)
            .setSeed(settings.seed())
        : new RandomForestClassifier().setNumTrees(RF_TREES).setMaxDepth(RF_DEPTH).setMaxBins(LEVELS + 4)
            .setSeed(settings.seed());
    MulticlassClassificationEvaluator f1 = new MulticlassClassificationEvaluator().setLabelCol("label")
        .setPredictionCol("prediction").setMetricName("f1");
    Pipeline pr = pipeline(features, rt, model);
    Pipeline ps = pipeline(features, rt, model);
    double[] f = both(() -> classes < 2 ? Double.NaN : f1.evaluate(pr.fit(rt).transform(te)),
        () -> classes < 2 ? Double.NaN : f1.evaluate(ps.fit(st).transform(te)));
    double real = f[0];
    double syn = f[1];
    LOG.info("evaluate: TSTR on {}: weighted F1 trained on real {}, on synthetic {}", target, EvaluateAction.f(real),
        EvaluateAction.f(syn));
    double base = Math.max(f1.evaluate(te.withColumn("prediction", lit(0.0))), priorGuessF1(rt, te, classes));
    return utility(target, "classification", learner, "weighted F1", real, syn, base, Double.NaN, Double.NaN,
        Double.NaN, rt.count(), st.count(), te.count());
  }

  private Utility regress(Dataset<Row> realTrain, Dataset<Row> synTrain, Dataset<Row> test, List<Integer> features,
      String target) {
    Dataset<Row> rt = realTrain.withColumn("label", col("y"));
    Dataset<Row> st = synTrain.withColumn("label", col("y"));
    Dataset<Row> te = test.withColumn("label", col("y"));
    PipelineStage model = new GBTRegressor().setMaxIter(GBT_ITERATIONS).setMaxDepth(GBT_DEPTH)
        .setMaxBins(LEVELS + 4).setSeed(settings.seed());
    RegressionEvaluator r2 = new RegressionEvaluator().setLabelCol("label").setPredictionCol("prediction")
        .setMetricName("r2");
    RegressionEvaluator mae = new RegressionEvaluator().setLabelCol("label").setPredictionCol("prediction")
        .setMetricName("mae");
    Pipeline pipeR = pipeline(features, rt, model);
    Pipeline pipeS = pipeline(features, rt, model);
    PipelineModel[] fitted = new PipelineModel[2];
    both(() -> {
      fitted[0] = pipeR.fit(rt);
      return 0.0;
    }, () -> {
      fitted[1] = pipeS.fit(st);
      return 0.0;
    });
    Dataset<Row> pr = fitted[0].transform(te).cache();
    Dataset<Row> ps = fitted[1].transform(te).cache();
    double mean = rt.agg(functions.avg("label")).first().getDouble(0);
    Dataset<Row> pb = te.withColumn("prediction", lit(mean));
    try {
      double real = r2.evaluate(pr);
      double syn = r2.evaluate(ps);
      LOG.info("evaluate: TSTR on {}: R2 real {} synthetic {}", target, EvaluateAction.f(real),
          EvaluateAction.f(syn));
      return utility(target, "regression", "gradient-boosted trees (" + GBT_ITERATIONS + " x depth " + GBT_DEPTH
          + ")", "R2", real, syn, r2.evaluate(pb), mae.evaluate(pr), mae.evaluate(ps), mae.evaluate(pb), rt.count(),
          st.count(), te.count());
    } finally {
      pr.unpersist();
      ps.unpersist();
    }
  }

  /**
   * Both computations as concurrent Spark jobs (the real-trained and the synthetic-trained model: a forest is many
   * small latency-bound jobs, so two at once keep the cores busy); each result is what it would be alone.
   */
  private static double[] both(Callable<Double> a, Callable<Double> b) {
    ExecutorService pool = EvaluateAction.daemonPool(2, "lakesynth-tstr");
    try {
      Future<Double> fa = pool.submit(a);
      Future<Double> fb = pool.submit(b);
      return new double[] {EvaluateAction.await(fa), EvaluateAction.await(fb)};
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * Expected weighted F1 of guessing each class with its real training share q: class c (holdout share p) gets
   * precision p and recall q. For balanced classes this beats always answering the majority class (index 0, the most
   * frequent real training class), so the baseline is the better of the two. Label counts are bounded by the samples.
   */
  private static double priorGuessF1(Dataset<Row> rt, Dataset<Row> te, int classes) {
    double[] q = shares(rt, classes);
    double[] p = shares(te, classes);
    double f = 0;
    for (int c = 0; c < classes; c++) {
      f += p[c] + q[c] > 0 ? p[c] * 2 * p[c] * q[c] / (p[c] + q[c]) : 0;
    }
    return f;
  }

  /** Share of each label index below classes (unknown labels count in the total only). */
  private static double[] shares(Dataset<Row> labelled, int classes) {
    double[] out = new double[classes];
    long n = 0;
    for (Row r : labelled.groupBy("label").count().collectAsList()) { // at most classes + 1 rows
      int c = (int) r.getDouble(0);
      n += r.getLong(1);
      if (c < classes) {
        out[c] = r.getLong(1);
      }
    }
    for (int c = 0; c < classes; c++) {
      out[c] /= Math.max(1, n);
    }
    return out;
  }

  /**
   * Categorical features indexed (levels from the real training sample, unseen ones one more level), continuous ones
   * imputed with the real training mean, assembled, then the learner.
   */
  private static Pipeline pipeline(List<Integer> features, Dataset<Row> realTrain, PipelineStage learner) {
    List<PipelineStage> stages = new ArrayList<>();
    List<String> cat = new ArrayList<>();
    List<String> num = new ArrayList<>();
    for (int i : features) {
      (realTrain.schema().apply("f" + i).dataType().typeName().equals("string") ? cat : num).add("f" + i);
    }
    List<String> assembled = new ArrayList<>();
    if (!cat.isEmpty()) {
      String[] idx = cat.stream().map(c -> c + "_idx").toArray(String[]::new);
      StringIndexerModel indexer = new StringIndexer().setInputCols(cat.toArray(new String[0])).setOutputCols(idx)
          .setStringOrderType("alphabetAsc").setHandleInvalid("keep").fit(realTrain);
      stages.add(indexer);
      assembled.addAll(List.of(idx));
    }
    if (!num.isEmpty()) {
      String[] in = num.toArray(new String[0]);
      String[] out = num.stream().map(c -> c + "_num").toArray(String[]::new);
      stages.add(new Imputer().setInputCols(in).setOutputCols(out).setStrategy("mean")
          .fit(realTrain)); // the real training means, for both models
      assembled.addAll(List.of(out));
    }
    stages.add(new VectorAssembler().setInputCols(assembled.toArray(new String[0])).setOutputCol("features")
        .setHandleInvalid("keep"));
    stages.add(learner);
    return new Pipeline().setStages(stages.toArray(new PipelineStage[0]));
  }

  static Utility utility(String target, String task, String learner, String metric, double real, double syn,
      double base, double realMae, double synMae, double baseMae, long realRows, long synRows, long testRows) {
    double ratio = real > 0 ? syn / real : Double.NaN;
    boolean informative = real >= base + MARGIN;
    double lift = informative ? (syn - base) / (real - base) : Double.NaN;
    String verdict;
    if (!informative) {
      verdict = String.format(Locale.ROOT, "not informative: the model trained on real data (%s %.4f) does not beat"
          + " the %s baseline (%.4f) by %.2f, so the ratio says nothing about the synthetic data", metric, real,
          task.equals("classification") ? "majority-class or class-prior" : "train-mean", base, MARGIN);
    } else if (ratio > SUSPICIOUS_RATIO) {
      verdict = String.format(Locale.ROOT, "suspicious: the synthetic-trained model beats the real-trained one"
          + " (ratio %.4f > %.2f); usually a weak real model or a small holdout, not a success", ratio,
          SUSPICIOUS_RATIO);
    } else if (ratio < WEAK_RATIO) {
      verdict = String.format(Locale.ROOT, "weak: the synthetic-trained model keeps %.1f %% of the real model's score",
          100 * ratio);
    } else {
      verdict = "ok";
    }
    return new Utility(target, task, learner, metric, real, syn, base, ratio, lift, informative, verdict, realMae,
        synMae, baseMae, realRows, synRows, testRows);
  }

}
