package io.lakesynth.evaluate;

import io.lakesynth.Version;
import io.lakesynth.config.Settings.EvaluateSettings;
import io.lakesynth.error.ErrorCode;
import io.lakesynth.error.LakesynthException;
import io.lakesynth.evaluate.EvaluationReport.ColumnScore;
import io.lakesynth.evaluate.EvaluationReport.Correlations;
import io.lakesynth.evaluate.EvaluationReport.GateResult;
import io.lakesynth.evaluate.EvaluationReport.ModelSummary;
import io.lakesynth.evaluate.EvaluationReport.Node;
import io.lakesynth.evaluate.EvaluationReport.Overlay;
import io.lakesynth.evaluate.EvaluationReport.PairScore;
import io.lakesynth.evaluate.EvaluationReport.Privacy;
import io.lakesynth.evaluate.EvaluationReport.Utility;
import io.lakesynth.model.ModelFrames;
import io.lakesynth.model.ModelMetadata;
import io.lakesynth.model.SynthModel;
import io.lakesynth.profile.ColumnProfile;
import io.lakesynth.profile.Role;
import io.lakesynth.profile.RoleInference;
import io.lakesynth.profile.TableProfile;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.StructField;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compares a real table with a synthetic one: SDMetrics Quality (column shapes, column pair trends), ML utility
 * (TSTR), privacy (exact copies, distance to closest record) and the configured gate.
 *
 * <p>Metrics over distributions use seeded samples of at most evaluate.sample-rows rows of each table (the whole
 * table when smaller; the sizes are reported); exact-copy rates are computed on the full tables with Spark joins.
 */
public final class EvaluateAction {
  private static final Logger LOG = LoggerFactory.getLogger(EvaluateAction.class);
  static final int CONTINGENCY_BINS = 10;
  static final int OVERLAY_BINS = 20;
  static final int OVERLAY_CATEGORIES = 20;
  static final String NULL = "\u2205null";

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

  /** A column under evaluation: continuous (numeric space) or categorical (string, null as its own category). */
  record Col(String name, boolean continuous, String sparkType) {}

  public EvaluationReport execute() {
    List<Col> cols = columns();
    if (cols.isEmpty()) {
      throw new LakesynthException(ErrorCode.EVALUATE_INVALID, table, "no categorical or continuous columns to compare");
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
    LOG.info("evaluate: {} real rows ({} train, {} holdout), {} synthetic rows, {} columns", realRows, trainRows,
        holdoutRows, synRows, cols.size());
    Sample r = Sample.of(prepare(real, cols), realRows, settings.sampleRows(), settings.seed(), cols);
    Sample s = Sample.of(prepare(synthetic, cols), synRows, settings.sampleRows(), settings.seed() + 1, cols);
    List<ColumnScore> shapes = columnShapes(cols, r, s);
    List<PairScore> pairs = pairTrends(cols, r, s);
    double shapeMean = mean(shapes.stream().mapToDouble(ColumnScore::score).toArray());
    double pairMean = pairs.isEmpty() ? shapeMean : mean(pairs.stream().mapToDouble(PairScore::score).toArray());
    double[] strong = pairs.stream().filter(PairScore::strong).mapToDouble(PairScore::score).toArray();
    double strongMean = strong.length == 0 ? Double.NaN : mean(strong);
    double quality = (shapeMean + pairMean) / 2;
    LOG.info("evaluate: quality {} (column shapes {}, pair trends {}, strong pairs {} over {})", f(quality),
        f(shapeMean), f(pairMean), f(strongMean), strong.length);
    Utility utility = settings.target().isBlank() ? null
        : new Tstr(spark, settings).run(train, holdout, synthetic, cols, settings.target());
    Privacy privacy = privacy(cols, synRows, trainRows, holdoutRows);
    EvaluationReport draft = new EvaluationReport(table, realPath, syntheticPath, runDate, Version.VERSION, realRows,
        synRows, r.size(), s.size(), quality, shapeMean, pairMean, strongMean, strong.length, shapes, pairs, utility,
        privacy, new GateResult(true, List.of()), overlays(cols, r, s), correlations(cols, r, s), modelSummary());
    return withGate(draft, Gate.check(draft, settings.gate()));
  }

  private List<Col> columns() {
    List<Col> out = new ArrayList<>();
    List<String> synCols = List.of(synthetic.columns());
    for (StructField f : real.schema().fields()) {
      if (!synCols.contains(f.name())) {
        throw new LakesynthException(ErrorCode.EVALUATE_INVALID, syntheticPath,
            "it has no column '" + f.name() + "' of the real table " + table);
      }
      String type = f.dataType().sql();
      Role role = null;
      if (profile != null) {
        ColumnProfile c = profile.column(f.name()).orElse(null);
        role = c == null ? null : c.role();
      }
      if (role == null) {
        role = inferRole(type);
      }
      if (role == Role.CONTINUOUS || role == Role.CATEGORICAL) {
        out.add(new Col(f.name(), role == Role.CONTINUOUS, type));
      }
    }
    return out;
  }

  /** Without a profile: booleans and strings are categorical, numbers and dates continuous, the rest ignored. */
  private static Role inferRole(String type) {
    return switch (RoleInference.kindOf(type)) {
      case BOOLEAN, STRING -> Role.CATEGORICAL;
      case INTEGRAL, FRACTIONAL, DATETIME -> Role.CONTINUOUS;
      case COMPLEX -> Role.IGNORED;
    };
  }

  static Dataset<Row> prepare(Dataset<Row> df, List<Col> cols) {
    Column[] sel = new Column[cols.size()];
    for (int i = 0; i < sel.length; i++) {
      Col c = cols.get(i);
      sel[i] = ModelFrames.prepared(c.name(), c.sparkType(), c.continuous() ? Role.CONTINUOUS : Role.CATEGORICAL)
          .alias("c" + i);
    }
    return df.select(sel);
  }

  /** A bounded sample as columns: doubles (NaN = null) for continuous, strings (NULL marker) for categorical. */
  record Sample(double[][] numbers, String[][] strings, int size) {
    static Sample of(Dataset<Row> prepared, long rows, int limit, long seed, List<Col> cols) {
      double fraction = Math.min(1.0, 1.2 * limit / Math.max(1, rows));
      Dataset<Row> s = fraction >= 1.0 ? prepared : prepared.sample(false, fraction, seed);
      List<Row> list = s.limit(limit).collectAsList(); // bounded by evaluate.sample-rows
      int n = list.size();
      double[][] num = new double[cols.size()][];
      String[][] str = new String[cols.size()][];
      for (int j = 0; j < cols.size(); j++) {
        if (cols.get(j).continuous()) {
          num[j] = new double[n];
        } else {
          str[j] = new String[n];
        }
      }
      for (int i = 0; i < n; i++) {
        Row row = list.get(i);
        for (int j = 0; j < cols.size(); j++) {
          if (num[j] != null) {
            num[j][i] = row.isNullAt(j) ? Double.NaN : row.getDouble(j);
          } else {
            str[j][i] = row.isNullAt(j) ? NULL : row.getString(j);
          }
        }
      }
      return new Sample(num, str, n);
    }

    double[] nonNull(int j) {
      return java.util.Arrays.stream(numbers[j]).filter(x -> !Double.isNaN(x)).toArray();
    }

    double nullShare(int j) {
      if (size == 0) {
        return 0;
      }
      long nulls = numbers[j] != null ? java.util.Arrays.stream(numbers[j]).filter(Double::isNaN).count()
          : java.util.Arrays.stream(strings[j]).filter(NULL::equals).count();
      return (double) nulls / size;
    }

    Map<String, Long> counts(int j) {
      Map<String, Long> m = new HashMap<>();
      for (String v : strings[j]) {
        m.merge(v, 1L, Long::sum);
      }
      return m;
    }
  }

  static List<ColumnScore> columnShapes(List<Col> cols, Sample r, Sample s) {
    List<ColumnScore> out = new ArrayList<>();
    for (int j = 0; j < cols.size(); j++) {
      Col c = cols.get(j);
      double score;
      if (c.continuous()) {
        double[] a = r.nonNull(j);
        double[] b = s.nonNull(j);
        score = a.length == 0 && b.length == 0 ? 1.0 : a.length == 0 || b.length == 0 ? 0.0
            : Metrics.ksComplement(a, b);
      } else {
        score = Metrics.tvComplement(r.counts(j), s.counts(j));
      }
      out.add(new ColumnScore(c.name(), c.continuous() ? "continuous" : "categorical",
          c.continuous() ? "KSComplement" : "TVComplement", score, r.nullShare(j), s.nullShare(j)));
    }
    return out;
  }

  /** Codes for contingency tables: categories by a shared dictionary, continuous values in 10 bins of the real range. */
  static int[][] codes(List<Col> cols, Sample r, Sample s, boolean realSide) {
    int[][] out = new int[cols.size()][];
    for (int j = 0; j < cols.size(); j++) {
      Sample x = realSide ? r : s;
      out[j] = new int[x.size()];
      if (cols.get(j).continuous()) {
        double[] ref = r.nonNull(j);
        double lo = java.util.Arrays.stream(ref).min().orElse(0);
        double hi = java.util.Arrays.stream(ref).max().orElse(0);
        for (int i = 0; i < x.size(); i++) {
          double v = x.numbers()[j][i];
          out[j][i] = Double.isNaN(v) ? -1 : Metrics.equalWidthBin(v, lo, hi, CONTINGENCY_BINS);
        }
      } else {
        Map<String, Integer> dict = new HashMap<>();
        for (String v : r.strings()[j]) {
          dict.putIfAbsent(v, dict.size());
        }
        for (int i = 0; i < x.size(); i++) {
          String v = x.strings()[j][i];
          Integer code = dict.get(v);
          out[j][i] = code == null ? -2 - (v.hashCode() & 0xFFFFFF) : code;
        }
      }
    }
    return out;
  }

  static List<PairScore> pairTrends(List<Col> cols, Sample r, Sample s) {
    int[][] rc = codes(cols, r, s, true);
    int[][] sc = codes(cols, r, s, false);
    List<PairScore> out = new ArrayList<>();
    for (int a = 0; a < cols.size(); a++) {
      for (int b = a + 1; b < cols.size(); b++) {
        Col ca = cols.get(a);
        Col cb = cols.get(b);
        if (ca.continuous() && cb.continuous()) {
          double rr = pairedPearson(r, a, b);
          double rs = pairedPearson(s, a, b);
          if (Double.isNaN(rr) || Double.isNaN(rs)) {
            continue; // SDMetrics skips pairs where a correlation is undefined (constant column)
          }
          out.add(new PairScore(ca.name(), cb.name(), "CorrelationSimilarity", Metrics.correlationSimilarity(rr, rs),
              rr, rs, Math.abs(rr) > 0.5));
        } else {
          double score = Metrics.contingencySimilarity(rc[a], rc[b], sc[a], sc[b]);
          double vr = Metrics.cramersV(rc[a], rc[b]);
          double vs = Metrics.cramersV(sc[a], sc[b]);
          out.add(new PairScore(ca.name(), cb.name(), "ContingencySimilarity", score, vr, vs, vr > 0.3));
        }
      }
    }
    return out;
  }

  static double pairedPearson(Sample x, int a, int b) {
    double[] va = x.numbers()[a];
    double[] vb = x.numbers()[b];
    int n = 0;
    for (int i = 0; i < x.size(); i++) {
      if (!Double.isNaN(va[i]) && !Double.isNaN(vb[i])) {
        n++;
      }
    }
    double[] pa = new double[n];
    double[] pb = new double[n];
    int k = 0;
    for (int i = 0; i < x.size(); i++) {
      if (!Double.isNaN(va[i]) && !Double.isNaN(vb[i])) {
        pa[k] = va[i];
        pb[k++] = vb[i];
      }
    }
    return Metrics.pearson(pa, pb);
  }

  private Privacy privacy(List<Col> cols, long synRows, long trainRows, long holdoutRows) {
    List<String> names = cols.stream().map(Col::name).toList();
    Dataset<Row> trainKeys = rowKeys(train, cols).distinct();
    long synCopies = rowKeys(synthetic, cols).join(trainKeys, "k", "left_semi").count();
    double synRate = (double) synCopies / Math.max(1, synRows);
    double holdoutRate = Double.NaN;
    if (holdoutRows > 0) {
      holdoutRate = (double) rowKeys(holdout, cols).join(trainKeys, "k", "left_semi").count() / holdoutRows;
    }
    LOG.info("evaluate: exact copies of training rows: synthetic {} holdout {}", f(synRate), f(holdoutRate));
    Dcr.Result dcr = new Dcr(cols, settings).run(train, trainRows, synthetic, synRows, holdout, holdoutRows);
    return new Privacy(names, synRate, holdoutRate, dcr.synMedian(), dcr.synP5(), dcr.holdoutMedian(),
        dcr.holdoutP5(), dcr.ratio(), dcr.queryRows(), dcr.referenceRows());
  }

  /** One string per row over the compared columns (null-safe, type-normalised). */
  static Dataset<Row> rowKeys(Dataset<Row> df, List<Col> cols) {
    Dataset<Row> p = prepare(df, cols);
    return p.select(ModelFrames.rowJson(p).alias("k"));
  }

  private static List<Overlay> overlays(List<Col> cols, Sample r, Sample s) {
    List<Overlay> out = new ArrayList<>();
    for (int j = 0; j < cols.size(); j++) {
      Col c = cols.get(j);
      if (c.continuous()) {
        double[] a = r.nonNull(j);
        double[] b = s.nonNull(j);
        double lo = java.util.Arrays.stream(a).min().orElse(0);
        double hi = java.util.Arrays.stream(a).max().orElse(0);
        double[] ha = new double[OVERLAY_BINS];
        double[] hb = new double[OVERLAY_BINS];
        for (double v : a) {
          ha[Metrics.equalWidthBin(v, lo, hi, OVERLAY_BINS)] += 1.0 / Math.max(1, a.length);
        }
        for (double v : b) {
          hb[Metrics.equalWidthBin(v, lo, hi, OVERLAY_BINS)] += 1.0 / Math.max(1, b.length);
        }
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < OVERLAY_BINS; i++) {
          labels.add(String.format(Locale.ROOT, "%.4g", lo + (hi - lo) * i / OVERLAY_BINS));
        }
        out.add(new Overlay(c.name(), "continuous", labels, ha, hb));
      } else {
        Map<String, Long> ca = r.counts(j);
        Map<String, Long> cb = s.counts(j);
        List<String> top = ca.entrySet().stream().sorted((x, y) -> Long.compare(y.getValue(), x.getValue()))
            .limit(OVERLAY_CATEGORIES).map(Map.Entry::getKey).toList();
        double[] ha = new double[top.size() + 1];
        double[] hb = new double[top.size() + 1];
        for (int i = 0; i < top.size(); i++) {
          ha[i] = ca.get(top.get(i)) / (double) r.size();
          hb[i] = cb.getOrDefault(top.get(i), 0L) / (double) s.size();
        }
        ha[top.size()] = Math.max(0, 1 - java.util.Arrays.stream(ha).sum());
        hb[top.size()] = Math.max(0, 1 - java.util.Arrays.stream(hb).sum());
        List<String> labels = new ArrayList<>(top.stream().map(v -> NULL.equals(v) ? "(null)" : v).toList());
        labels.add("(other)");
        out.add(new Overlay(c.name(), "categorical", labels, ha, hb));
      }
    }
    return out;
  }

  private static Correlations correlations(List<Col> cols, Sample r, Sample s) {
    List<Integer> idx = new ArrayList<>();
    for (int j = 0; j < cols.size(); j++) {
      if (cols.get(j).continuous()) {
        idx.add(j);
      }
    }
    int k = idx.size();
    double[][] cr = new double[k][k];
    double[][] cs = new double[k][k];
    for (int a = 0; a < k; a++) {
      for (int b = 0; b < k; b++) {
        cr[a][b] = a == b ? 1.0 : pairedPearson(r, idx.get(a), idx.get(b));
        cs[a][b] = a == b ? 1.0 : pairedPearson(s, idx.get(a), idx.get(b));
      }
    }
    return new Correlations(idx.stream().map(i -> cols.get(i).name()).toList(), cr, cs);
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
        d.columnPairTrends(), d.strongPairTrends(), d.strongPairs(), d.columns(), d.pairs(), d.utility(), d.privacy(),
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
