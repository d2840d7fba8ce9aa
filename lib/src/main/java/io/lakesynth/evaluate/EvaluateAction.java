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
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compares a real table with a synthetic one: SDMetrics Quality (column shapes, column pair trends), ML utility
 * (TSTR), privacy (exact copies, distance to closest record) and the configured gate.
 *
 * <p>Every source column is accounted for (see {@link Shapes}). Metrics over distributions use seeded,
 * partitioning-independent samples of at most evaluate.sample-rows rows of each table ({@link Sample}), TSTR at most
 * evaluate.tstr-rows rows per model and for the test, DCR evaluate.dcr-sample-rows query rows; only exact-copy counting
 * runs over the full tables, in one shuffle ({@link Copies}). The cost is therefore one scan of each table for the
 * samples, one shuffle for the copies and bounded driver work, whatever the table size.
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
    Sample r = Sample.of(Sample.prepare(real, planned), settings.sampleRows(), settings.seed(), planned);
    Sample s = Sample.of(Sample.prepare(synthetic, planned), settings.sampleRows(), settings.seed() + 1, planned);
    List<EvalColumn> cols = Shapes.resolveText(planned, r);
    LOG.info("evaluate: 1/5 samples of {} real and {} synthetic rows in {} s", r.size(), s.size(), secs(t0));
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
    LOG.info("evaluate: 2/5 quality {} (column shapes {}, pair trends {}, strong pairs {} over {}) in {} s",
        f(quality), f(shapeMean), f(pairMean), f(strongMean), strong.length, secs(t0));
    if (measurable.length < strong.length) {
      LOG.info("evaluate: strong pairs whose columns are not mostly protected rare values: {} over {}",
          f(measurableMean), measurable.length);
    }
    Utility utility = settings.target().isBlank() ? null
        : new Tstr(settings).run(train, holdout, synthetic, cols, r, settings.target());
    LOG.info("evaluate: 3/5 ML utility {} in {} s", utility == null ? "skipped (no evaluate.target)"
        : utility.verdict(), secs(t0));
    Privacy privacy = privacy(cols, t0);
    EvaluationReport draft = new EvaluationReport(table, realPath, syntheticPath, runDate, Version.VERSION, realRows,
        synRows, r.size(), s.size(), quality, shapeMean, pairMean, strongMean, strong.length, measurableMean,
        measurable.length, shapes, pairs, utility,
        privacy, new GateResult(true, List.of()), Overlays.of(cols, r, s), Pairs.correlations(cols, r, s),
        modelSummary());
    return withGate(draft, Gate.check(draft, settings.gate()));
  }

  /** Exact copies over every compared column but identifiers (full tables), then DCR on samples. */
  private Privacy privacy(List<EvalColumn> cols, long t0) {
    List<EvalColumn> compared = cols.stream().filter(c -> c.kind() != EvalColumn.Kind.IDENTIFIER).toList();
    List<String> names = compared.stream().map(EvalColumn::name).toList();
    Copies.Result copies = Copies.count(train, synthetic, holdout, compared);
    LOG.info("evaluate: 4/5 exact copies of training rows over {} columns: synthetic {} of {}, holdout {} of {} in {} s",
        names.size(), copies.syntheticCopies(), copies.syntheticRows(), copies.holdoutCopies(), copies.holdoutRows(),
        secs(t0));
    Dcr.Result dcr = new Dcr(compared, settings).run(train, synthetic, holdout);
    LOG.info("evaluate: 5/5 DCR median synthetic {} holdout {}, closer to train than holdout {} in {} s",
        f(dcr.synMedian()), f(dcr.holdoutMedian()), f(dcr.closerToTrainShare()), secs(t0));
    return new Privacy(names, copies.syntheticRate(), copies.holdoutRate(), dcr.synMedian(), dcr.synP5(),
        dcr.holdoutMedian(), dcr.holdoutP5(), dcr.ratio(), dcr.closerToTrainShare(), names, dcr.queryRows(),
        dcr.referenceRows());
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
