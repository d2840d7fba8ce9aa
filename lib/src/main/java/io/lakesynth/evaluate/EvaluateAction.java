package io.lakesynth.evaluate;

import io.lakesynth.Version;
import io.lakesynth.config.Settings.EvaluateSettings;
import io.lakesynth.error.ErrorCode;
import io.lakesynth.error.LakesynthException;
import io.lakesynth.evaluate.EvaluationReport.ColumnScore;
import io.lakesynth.evaluate.EvaluationReport.GateResult;
import io.lakesynth.evaluate.EvaluationReport.ModelSummary;
import io.lakesynth.evaluate.EvaluationReport.Node;
import io.lakesynth.evaluate.EvaluationReport.PairScore;
import io.lakesynth.evaluate.EvaluationReport.Privacy;
import io.lakesynth.evaluate.EvaluationReport.Utility;
import io.lakesynth.model.ModelMetadata;
import io.lakesynth.model.SynthModel;
import io.lakesynth.profile.TableProfile;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compares a real table with a synthetic one: SDMetrics Quality (column shapes, column pair trends), ML utility
 * (TSTR), privacy (exact copies, distance to closest record) and the configured gate.
 *
 * <p>Every source column is accounted for (see {@link Shapes}). Every metric but the copy count uses four seeded,
 * partitioning-independent samples of at most evaluate.sample-rows rows (the real table, the synthetic table, the
 * train split and the holdout; {@link Sample}), TSTR their first evaluate.tstr-rows rows with a target value per model
 * and for the test, DCR evaluate.dcr-sample-rows query rows; only exact-copy counting runs over the full tables, in
 * one shuffle ({@link Copies}). The cost is therefore one scan of each table for the samples, one shuffle for the
 * copies and bounded driver work, whatever the table size. ML utility, the copy count and
 * DCR run as concurrent Spark jobs.
 */
public final class EvaluateAction {
  private static final Logger LOG = LoggerFactory.getLogger(EvaluateAction.class);

  private final SparkSession spark;
  private Dataset<Row> real;
  private Dataset<Row> train;
  private Dataset<Row> holdout;
  private Dataset<Row> synthetic;
  private TableProfile profile;
  private SynthModel model;
  private EvaluateSettings settings;
  private String table = "source";
  private String realPath = "";
  private String syntheticPath = "";
  private String runDate = "";

  public EvaluateAction(SparkSession spark) {
    this.spark = spark;
  }

  /** The real table and its train/holdout split (train may equal real when there is no holdout). */
  public EvaluateAction real(Dataset<Row> all, Dataset<Row> trainRows, Dataset<Row> holdoutRows, String name,
      String path) {
    this.real = all;
    this.train = trainRows;
    this.holdout = holdoutRows;
    this.table = name;
    this.realPath = path == null ? "" : path;
    return this;
  }

  public EvaluateAction synthetic(Dataset<Row> value, String path) {
    this.synthetic = value;
    this.syntheticPath = path == null ? "" : path;
    return this;
  }

  /** Optional: roles from the profile (otherwise inferred from the Spark types). */
  public EvaluateAction profile(TableProfile value) {
    this.profile = value;
    return this;
  }

  /** Optional: the model, for the report's summary. */
  public EvaluateAction model(SynthModel value) {
    this.model = value;
    return this;
  }

  public EvaluateAction settings(EvaluateSettings value) {
    this.settings = value;
    return this;
  }

  public EvaluateAction runDate(String value) {
    this.runDate = value == null ? "" : value;
    return this;
  }

  public EvaluationReport execute() {
    List<EvalColumn> all = EvalColumn.plan(real, synthetic, profile, table, syntheticPath);
    List<EvalColumn> planned = all.stream().filter(EvalColumn::sampled).toList();
    if (planned.stream().noneMatch(c -> c.kind() != EvalColumn.Kind.IDENTIFIER)) {
      throw new LakesynthException(ErrorCode.EVALUATE_INVALID, table,
          "no column to compare: every column is an identifier, ignored or of a complex type");
    }
    long realRows = real.count();
    long synRows = synthetic.count();
    if (synRows == 0) {
      throw new LakesynthException(ErrorCode.EVALUATE_INVALID, syntheticPath, "the synthetic table has no rows");
    }
    if (realRows == 0) {
      throw new LakesynthException(ErrorCode.SOURCE_EMPTY, realPath, "; nothing to compare with");
    }
    long trainRows = train.count();
    long holdoutRows = holdout == null ? 0 : holdout.count();
    LOG.info("evaluate: {} real rows ({} train, {} holdout), {} synthetic rows, {} columns ({} compared)", realRows,
        trainRows, holdoutRows, synRows, all.size(), planned.size());
    long t0 = System.nanoTime();
    // every metric but the copy count works on four seeded samples, each one scan of its table: train, holdout and
    // synthetic for TSTR (their first tstr-rows rows with a target value) and DCR (train and holdout references, the
    // first dcr-sample-rows synthetic and holdout rows as queries); real and synthetic for Quality. ML utility (the
    // longest: two forests of many small jobs) starts as soon as its samples are drawn, the copy count (one full
    // shuffle) next to it, then Quality and DCR: concurrent Spark jobs, each result the same as when run alone
    boolean utility = !settings.target().isBlank();
    int n = settings.sampleRows();
    int big = Math.max(n, Math.max(settings.dcrSampleRows(), utility ? settings.tstrRows() : 0));
    Sample synAll = Sample.of(Sample.prepare(synthetic, planned), big, settings.seed() + 1, planned);
    Sample tr = Sample.of(Sample.prepare(train, planned), big, settings.seed() + 7, planned);
    Sample ho = holdout == null ? null : Sample.of(Sample.prepare(holdout, planned), big, settings.seed() + 10, planned);
    Sample trN = tr.head(n);
    List<EvalColumn> cols = Shapes.resolveText(planned, trN);
    List<EvalColumn> compared = cols.stream().filter(c -> c.kind() != EvalColumn.Kind.IDENTIFIER).toList();
    int target = utility ? Tstr.check(cols, holdout, settings.target()) : -1; // a bad target fails before the jobs
    Sample trT = utility ? withTarget(train, planned, tr, big, 7, target) : null;
    Sample hoT = utility ? withTarget(holdout, planned, ho, big, 10, target) : null;
    Sample synT = utility ? withTarget(synthetic, planned, synAll, big, 1, target) : null;
    ExecutorService pool = daemonPool(3, "lakesynth-evaluate-" + table);
    String tag = "lakesynth-evaluate-" + UUID.randomUUID();
    boolean done = false;
    try {
      Future<Utility> tstr = pool.submit(tagged(tag, () -> {
        Utility u = !utility ? null : new Tstr(settings).run(spark, trT, hoT, synT, cols, trN, target);
        LOG.info("evaluate: ML utility {} after {} s", u == null ? "skipped (no evaluate.target)" : u.verdict(),
            secs(t0));
        return u;
      }));
      Future<Copies.Result> copies = pool.submit(tagged(tag, () -> {
        Copies.Result c = Copies.count(train, synthetic, holdout, compared, trainRows, synRows, holdoutRows);
        LOG.info("evaluate: exact copies of training rows over {} columns: synthetic {} of {}, holdout {} of {} after"
            + " {} s", compared.size(), c.syntheticCopies(), c.syntheticRows(), c.holdoutCopies(), c.holdoutRows(),
            secs(t0));
        return c;
      }));
      int[] idx = IntStream.range(0, cols.size()).filter(j -> cols.get(j).kind() != EvalColumn.Kind.IDENTIFIER)
          .toArray();
      int q = settings.dcrSampleRows();
      Future<Dcr.Result> dcr = pool.submit(() -> {
        Dcr.Result d = new Dcr(compared).run(trN.columns(idx), synAll.head(q).columns(idx),
            ho == null ? null : ho.head(q).columns(idx), ho == null ? null : ho.head(n).columns(idx));
        LOG.info("evaluate: DCR median synthetic {} holdout {}, closer to train than holdout {} after {} s",
            f(d.synMedian()), f(d.holdoutMedian()), f(d.closerToTrainShare()), secs(t0));
        return d;
      });
      Sample r = Sample.of(Sample.prepare(real, planned), n, settings.seed(), planned);
      LOG.info("evaluate: 1/3 samples of {} real, {} synthetic, {} train and {} holdout rows in {} s", r.size(),
          synAll.size(), tr.size(), ho == null ? 0 : ho.size(), secs(t0));
      EvaluationReport report = measured(r, synAll.head(n), all, cols, compared, tstr, copies, dcr, realRows, synRows,
          t0);
      done = true;
      return report;
    } finally {
      if (!done) {
        // a failed metric fails evaluate: stop the others' Spark jobs too (an interrupt alone does not)
        spark.sparkContext().cancelJobsWithTag(tag);
      }
      pool.shutdownNow();
    }
  }

  /**
   * The rows ML utility learns from: the table's seeded sample x when it holds tstr-rows rows with a target value or is
   * the whole table; otherwise (a target that is mostly null) the seeded sample of the rows with a target value, one
   * more scan. Quality and DCR keep x.
   */
  private Sample withTarget(Dataset<Row> df, List<EvalColumn> planned, Sample x, int size, long salt, int target) {
    if (x.size() < size || x.nonNullCount(target) >= settings.tstrRows()) {
      return x;
    }
    LOG.info("evaluate: {} of {} sampled rows have a target value; sampling the rows with one", x.nonNullCount(target),
        x.size());
    return Sample.of(Sample.prepare(df, planned).filter(functions.col("c" + target).isNotNull()), size,
        settings.seed() + salt, planned);
  }

  /** A pool of daemon threads for concurrent Spark jobs (they never keep the JVM alive). */
  static ExecutorService daemonPool(int threads, String name) {
    return Executors.newFixedThreadPool(threads, task -> {
      Thread th = new Thread(task, name);
      th.setDaemon(true);
      return th;
    });
  }

  /** The task with its Spark jobs tagged, so that they can be cancelled together. */
  private <T> Callable<T> tagged(String tag, Callable<T> task) {
    return () -> {
      spark.sparkContext().addJobTag(tag);
      try {
        return task.call();
      } finally {
        spark.sparkContext().removeJobTag(tag);
      }
    };
  }

  /** Quality from the real and synthetic samples, then the concurrent metrics' results; the report with its gate. */
  private EvaluationReport measured(Sample r, Sample s, List<EvalColumn> all, List<EvalColumn> cols,
      List<EvalColumn> compared, Future<Utility> tstr, Future<Copies.Result> copies, Future<Dcr.Result> dcr,
      long realRows, long synRows, long t0) {
    List<ColumnScore> shapes = Shapes.score(all, cols, r, s);
    List<PairScore> pairs = Pairs.trends(cols, r, s);
    double shapeMean = mean(shapes.stream().filter(ColumnScore::inQuality).mapToDouble(ColumnScore::score).toArray());
    double pairMean = pairs.isEmpty() ? shapeMean : mean(pairs.stream().mapToDouble(PairScore::score).toArray());
    double[] strong = pairs.stream().filter(PairScore::strong).mapToDouble(PairScore::score).toArray();
    double strongMean = strong.length == 0 ? Double.NaN : mean(strong);
    double[] measurable = pairs.stream().filter(p -> p.strong() && p.measurable()).mapToDouble(PairScore::score)
        .toArray();
    double measurableMean = measurable.length == 0 ? Double.NaN : mean(measurable);
    double quality = (shapeMean + pairMean) / 2;
    LOG.info("evaluate: 2/3 quality {} (column shapes {}, pair trends {}, strong pairs {} over {}) in {} s",
        f(quality), f(shapeMean), f(pairMean), f(strongMean), strong.length, secs(t0));
    if (measurable.length < strong.length) {
      LOG.info("evaluate: strong pairs whose columns are not mostly protected rare values: {} over {}",
          f(measurableMean), measurable.length);
    }
    Utility utility = await(tstr);
    Privacy privacy = privacy(compared, await(copies), await(dcr));
    LOG.info("evaluate: 3/3 ML utility, exact copies and DCR in {} s", secs(t0));
    EvaluationReport draft = new EvaluationReport(table, realPath, syntheticPath, runDate, Version.VERSION, realRows,
        synRows, r.size(), s.size(), quality, shapeMean, pairMean, strongMean, strong.length, measurableMean,
        measurable.length, shapes, pairs, utility,
        privacy, new GateResult(true, List.of()), Overlays.of(cols, r, s), Pairs.correlations(cols, r, s),
        modelSummary());
    return withGate(draft, Gate.check(draft, settings.gate()));
  }

  /** Privacy figures: exact copies over every compared column but identifiers (full tables), DCR on samples. */
  private static Privacy privacy(List<EvalColumn> compared, Copies.Result copies, Dcr.Result dcr) {
    List<String> names = compared.stream().map(EvalColumn::name).toList();
    return new Privacy(names, copies.syntheticRate(), copies.holdoutRate(), dcr.synMedian(), dcr.synP5(),
        dcr.holdoutMedian(), dcr.holdoutP5(), dcr.ratio(), dcr.closerToTrainShare(), names, dcr.queryRows(),
        dcr.referenceRows());
  }

  /** The task's result; its failure rethrown as it was thrown (a LakesynthException keeps its code). */
  static <T> T await(Future<T> f) {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("evaluate interrupted", e);
    } catch (ExecutionException e) {
      Throwable c = e.getCause();
      if (c instanceof RuntimeException re) {
        throw re;
      }
      if (c instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(c);
    }
  }

  private static String secs(long t0) {
    return String.format(Locale.ROOT, "%.1f", (System.nanoTime() - t0) / 1e9);
  }

  private ModelSummary modelSummary() {
    if (model == null) {
      return null;
    }
    ModelMetadata m = model.metadata();
    List<Node> nodes = new ArrayList<>();
    for (int i = 0; i < m.nodeNames().size(); i++) {
      List<String> parents = new ArrayList<>();
      for (int p : m.parents()[i]) {
        parents.add(m.nodeNames().get(p));
      }
      nodes.add(new Node(m.nodeNames().get(i), parents));
    }
    int components = model.mixture() == null ? 0 : model.mixture().weights().length;
    return new ModelSummary(m.modelType(), nodes, components, m.dp().enabled() ? m.dp().epsilon() : 0,
        m.params().fitMillis());
  }

  private static EvaluationReport withGate(EvaluationReport d, GateResult g) {
    return new EvaluationReport(d.table(), d.realPath(), d.syntheticPath(), d.runDate(), d.lakesynthVersion(),
        d.realRows(), d.syntheticRows(), d.sampleRowsReal(), d.sampleRowsSynthetic(), d.quality(), d.columnShapes(),
        d.columnPairTrends(), d.strongPairTrends(), d.strongPairs(), d.measurableStrongPairTrends(),
        d.measurableStrongPairs(), d.columns(), d.pairs(), d.utility(), d.privacy(),
        g, d.overlays(), d.correlations(), d.model());
  }

  static double mean(double[] v) {
    double s = 0;
    int n = 0;
    for (double x : v) {
      if (!Double.isNaN(x)) {
        s += x;
        n++;
      }
    }
    return n == 0 ? Double.NaN : s / n;
  }

  static String f(double v) {
    return String.format(Locale.ROOT, "%.4f", v);
  }
}
