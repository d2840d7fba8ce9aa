package io.lakesynth.model;

import io.lakesynth.config.ModelType;
import io.lakesynth.config.StageChecks;
import io.lakesynth.config.Settings.ModelSettings;
import io.lakesynth.error.ErrorCode;
import io.lakesynth.error.LakesynthException;
import io.lakesynth.model.ModelMetadata.DpAccount;
import io.lakesynth.model.ModelMetadata.FitParams;
import io.lakesynth.model.bn.BayesNet;
import io.lakesynth.model.bn.Cpt;
import io.lakesynth.model.bn.GreedyBayes;
import io.lakesynth.model.bn.NetworkStructure;
import io.lakesynth.model.gmm.MixtureFitter;
import io.lakesynth.model.gmm.MixtureMath;
import io.lakesynth.model.gmm.MixtureParams;
import io.lakesynth.profile.ProfileJson;
import io.lakesynth.profile.TableProfile;
import io.lakesynth.util.RowRandom;
import io.lakesynth.model.text.StringModel;
import io.lakesynth.model.text.StringModelFitter;
import io.lakesynth.model.text.TextModelParams;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fits a synthesizer on a source table and its profile: a seeded bounded sample for the mixture
 * (MLlib GaussianMixture, components by BIC) and the structure search (GreedyBayes), then all
 * conditional probability tables counted over the full table in one distributed aggregation.
 */
public final class FitAction {
  private static final Logger LOG = LoggerFactory.getLogger(FitAction.class);
  private static final long MAX_TOTAL_CELLS = 50_000_000L;

  private final SparkSession spark;
  private Dataset<Row> source;
  private TableProfile profile;
  private ModelSettings settings;

  public FitAction(SparkSession spark) {
    this.spark = spark;
  }

  public FitAction source(Dataset<Row> value) {
    this.source = value;
    return this;
  }

  public FitAction profile(TableProfile value) {
    this.profile = value;
    return this;
  }

  public FitAction settings(ModelSettings value) {
    this.settings = value;
    return this;
  }

  public SynthModel execute() {
    if (source == null || profile == null || settings == null) {
      throw new IllegalStateException("source, profile and settings are required");
    }
    StageChecks.fitModel(settings); // also checked by the CLI before Spark starts
    SchemaCheck.requireMatches(source.schema(), profile);
    long t0 = System.currentTimeMillis();
    try (io.lakesynth.io.JobGroup g = io.lakesynth.io.JobGroup.set(spark, "lakesynth-fit",
        "lakesynth fit " + profile.table())) {
      return fit(t0);
    }
  }

  private SynthModel fit(long t0) {
    // small tables get fewer bins (about the cube root of the row count, the usual histogram rule), so that a
    // continuous node with a parent still has rows in its cells; tables over ~14k rows keep profile.bins
    int bins = Math.max(4, Math.min(profile.params().bins(), (int) Math.round(Math.cbrt(profile.rowCount()))));
    ModelLayout base = ModelLayout.plan(profile, settings, bins, 0);
    if (base.nodeCount() == 0) {
      LOG.warn("fit: table {} has no categorical or continuous columns; the model only regenerates "
          + "identifiers/text/constants", profile.table());
    }
    Map<String, StringModel> strings = fitStrings(base);
    Map<String, String> fallbacks = new HashMap<>();
    for (ModelColumn c : base.columns()) {
      if (ModelColumn.GENERATE.equals(c.tail()) && !strings.containsKey(c.name())) {
        // no string model (too little support): the rare mass goes to the kept values instead
        fallbacks.put(c.name(), ModelColumn.REDISTRIBUTE);
        LOG.warn("fit: column {} of {}: too little support for a string model; its rare values are redistributed "
            + "over its {} kept values", c.name(), profile.table(), c.categories().size());
      }
    }
    base = base.withTails(fallbacks);
    Dataset<Row> prepared = ModelFrames.prepare(source, base);
    List<Row> sample = sample(prepared);
    LOG.info("fit: {} sample rows of {} for structure search{}", sample.size(), profile.rowCount(),
        settings.type() == ModelType.BAYESNET ? "" : " and the Gaussian mixture");

    MixtureParams mixture = null;
    if (settings.type() != ModelType.BAYESNET && !base.gmmColumns().isEmpty()) {
      mixture = new MixtureFitter(spark).settings(settings.gmm()).seed(settings.seed())
          .fit(base.gmmColumns(), normalScores(sample, base));
      LOG.info("fit: Gaussian mixture over {} columns: {} components (BIC {})", base.gmmColumns().size(),
          mixture.components(), String.format("%.1f", mixture.bic()));
    }
    ModelLayout layout = (mixture == null ? base
        : ModelLayout.plan(profile, settings, bins, mixture.components())).withTails(fallbacks);
    MixtureMath math = mixture == null ? null : new MixtureMath(mixture);
    RowCoder coder = new RowCoder(layout, math);
    int[] cards = layout.cardinalities();

    int[] roots = roots(layout);
    boolean dp = settings.dp().enabled();
    int k = settings.type() == ModelType.GMM ? 0
        : settings.maxParents() >= 0 ? settings.maxParents()
        // at least one parent from 200 rows: without edges the network keeps no dependence at all
        : Math.max(profile.rowCount() >= 200 && cards.length > 1 ? 1 : 0, dp
            ? GreedyBayes.chooseMaxParents(profile.rowCount(), cards)
            : GreedyBayes.maxParentsWithSelection(profile.rowCount(), cards));
    double epsStructure = dp ? settings.dp().epsilon() * settings.dp().structureShare() : 0;
    double epsCounts = dp ? settings.dp().epsilon() - epsStructure : 0;
    // the mechanisms' coins come from the operating system's secure generator, never from model.seed (stored in
    // metadata.json, so anyone holding the model could replay and subtract the noise)
    java.security.SecureRandom dpRandom = dp ? new java.security.SecureRandom() : null;
    int[] determinant = dp || k == 0 ? null : determinants(layout, roots);
    int[][] sampleCodes = codes(sample, coder, layout.nodeCount());
    NetworkStructure structure = searchStructure(sampleCodes, cards, k, roots, determinant, dpRandom, epsStructure);
    LOG.info("fit: network over {} nodes with at most {} parents: {}", cards.length, k,
        describe(structure, layout.nodeNames()));
    // within-bin shapes are a summary of the sample that no DP mechanism noises: off under DP
    BinRefinement refinement = settings.refine().enabled() && settings.type() == ModelType.BAYESNET && !dp
        ? BinRefinement.fit(sample, sampleCodes, layout, structure, cards, settings.refine().minRows(),
            settings.refine().maxCells())
        : BinRefinement.none();
    if (!refinement.isEmpty()) {
      LOG.info("fit: {} (parent configuration, bin) cells of continuous columns keep their own shape within the bin",
          refinement.cells());
    }

    long[][] counts = CptCounter.count(prepared, coder, structure, cards, MAX_TOTAL_CELLS);
    double laplaceScale = 0;
    if (dp) {
      laplaceScale = 2.0 * cards.length / epsCounts;
      for (int node = 0; node < cards.length; node++) {
        counts[node] = toLongs(Cpt.laplaceNoise(counts[node], laplaceScale, dpRandom));
      }
    }
    double[][] cpts = new double[cards.length][];
    List<ModelColumn> nodeColumns = layout.nodeColumns();
    for (int node = 0; node < cards.length; node++) {
      ModelColumn col = node < nodeColumns.size() ? nodeColumns.get(node) : null;
      // a redistributed OTHER state is never sampled: rare values never reach the output, and their mass goes to
      // the kept values of the same parent configuration
      int excluded = col != null && ModelColumn.REDISTRIBUTE.equals(col.tail()) ? col.otherCode() : -1;
      int nullState = col != null && col.nullState() ? col.nullCode() : -1;
      cpts[node] = !dp
          ? Cpt.estimateKeepingMarginal(counts[node], cards[node], settings.smoothing(), settings.adaptiveSmoothing(),
              excluded, nullState)
          : settings.adaptiveSmoothing()
          ? Cpt.estimateAdaptive(counts[node], cards[node], settings.smoothing(), excluded, nullState)
          : Cpt.estimateTowardMarginal(counts[node], cards[node], settings.smoothing(), excluded, nullState);
      if (determinant != null && determinant[node] >= 0) {
        // a function of its only parent: the rows of the parent's kept values are the observed mapping, unsmoothed
        // (smoothing would give a code another code's label); the parent's rare and null rows stay smoothed
        double[] exact = Cpt.estimateTowardMarginal(counts[node], cards[node], 0.0, excluded, nullState);
        int values = nodeColumns.get(determinant[node]).categories().size();
        System.arraycopy(exact, 0, cpts[node], 0, values * cards[node]);
      }
    }
    BayesNet net = new BayesNet(layout.nodeNames().toArray(new String[0]), cards, structure, cpts);
    long fitMillis = System.currentTimeMillis() - t0;
    ModelMetadata meta = new ModelMetadata(ModelMetadata.FORMAT_VERSION, io.lakesynth.Version.VERSION,
        settings.type().configName(), profile.table(), profile.schemaJson(), profile.rowCount(), layout.columns(),
        layout.nodeNames(), cards, structure.order(), structure.parents(), layout.componentNode(),
        new FitParams(settings.seed(), k, settings.smoothing(), settings.sampleRows(), bins, names(roots, layout),
            fitMillis),
        new DpAccount(dp, dp ? settings.dp().epsilon() : 0, epsStructure, epsCounts, laplaceScale),
        Checksums.sha256(ProfileJson.write(profile)), profile.partitionColumns(), profile.partitions(), 0, "", "",
        profile.sourcePath(), "");
    LOG.info("fit: {} model for {} fitted in {} s", settings.type().configName(), profile.table(),
        String.format("%.1f", fitMillis / 1000.0));
    return new SynthModel(meta, net, mixture, strings, refinement);
  }

  /**
   * String models (character n-grams, one Spark job for all columns) of text columns and of categorical columns whose
   * rare values are generated; a column whose model has too little support is left out.
   */
  private Map<String, StringModel> fitStrings(ModelLayout layout) {
    List<String> columns = new ArrayList<>();
    for (ModelColumn c : layout.columns()) {
      if (c.usesStringModel()) {
        columns.add(c.name());
      }
    }
    Map<String, StringModel> out = new TreeMap<>();
    if (columns.isEmpty()) {
      return out;
    }
    TextModelParams params = new TextModelParams(settings.text().order(),
        Math.max(1, profile.params().rareThreshold()), settings.text().maxTransitions(), settings.text().maxLength());
    long t0 = System.currentTimeMillis();
    for (Map.Entry<String, StringModel> e : new StringModelFitter(params).fit(textRows(), columns).entrySet()) {
      if (e.getValue().isEmpty()) {
        LOG.warn("fit: column {} of {} has no character n-gram held by {} rows: no string model", e.getKey(),
            profile.table(), params.rareThreshold());
      } else {
        out.put(e.getKey(), e.getValue());
      }
    }
    LOG.info("fit: string models of {} columns ({} transitions kept) in {} s", out.size(),
        out.values().stream().mapToLong(StringModel::size).sum(),
        String.format("%.1f", (System.currentTimeMillis() - t0) / 1000.0));
    return out;
  }

  /**
   * The rows string models are counted on: every row, or a seeded sample of about model.text.sample-rows rows picked
   * by a hash of each row's atomic values (the same rows whatever the partitioning; duplicates of a whole row go
   * together, which leaves value frequencies unbiased).
   */
  private Dataset<Row> textRows() {
    long limit = settings.text().sampleRows();
    long rows = profile.rowCount();
    if (limit <= 0 || rows <= limit) {
      return source;
    }
    List<org.apache.spark.sql.Column> hashed = new ArrayList<>();
    hashed.add(functions.lit(settings.seed()));
    for (org.apache.spark.sql.types.StructField f : source.schema().fields()) {
      org.apache.spark.sql.types.DataType t = f.dataType();
      if (!(t instanceof org.apache.spark.sql.types.MapType || t instanceof org.apache.spark.sql.types.ArrayType
          || t instanceof org.apache.spark.sql.types.StructType)) {
        hashed.add(functions.col(ModelFrames.quote(f.name())));
      }
    }
    long keep = Math.max(1, Math.round(1_000_000.0 * limit / rows));
    LOG.info("fit: string models counted on a seeded sample of about {} of {} rows (model.text.sample-rows)", limit,
        rows);
    return source.where(functions.pmod(functions.xxhash64(hashed.toArray(new org.apache.spark.sql.Column[0])),
        functions.lit(1_000_000L)).lt(keep));
  }

  private List<Row> sample(Dataset<Row> prepared) {
    long rows = Math.max(1, profile.rowCount());
    int limit = settings.sampleRows();
    double fraction = Math.min(1.0, 1.1 * limit / rows);
    // a seeded hash of each row's values picks and orders the sample, so the fit is the same whatever the
    // partitioning or the order rows arrive in after a shuffle (Spark's sample() and limit() are not)
    String key = "__lakesynth_sample_key";
    Dataset<Row> keyed = prepared.withColumn(key, functions.xxhash64(functions.lit(settings.seed()),
        ModelFrames.rowJson(prepared)));
    if (fraction < 1.0) {
      keyed = keyed.filter(functions.pmod(functions.col(key), functions.lit(1_000_000L))
          .lt(Math.round(fraction * 1_000_000)));
    }
    // top-N by key: Spark plans orderBy + limit as a bounded take-ordered, never a full sort
    return keyed.orderBy(key).limit(limit).drop(key).collectAsList(); // bounded by model.sample-rows
  }

  /** Standard deviation of the tie-breaking noise added to normal scores (their own scale is 1). */
  static final double JITTER = 1e-3;

  /** Normal scores of the mixture columns; point masses spread by a seeded randomised PIT. */
  private double[][] normalScores(List<Row> sample, ModelLayout layout) {
    List<ModelColumn> gmmCols = new ArrayList<>();
    List<Integer> positions = new ArrayList<>();
    List<ModelColumn> nodeCols = layout.nodeColumns();
    for (String name : layout.gmmColumns()) {
      for (int i = 0; i < nodeCols.size(); i++) {
        if (nodeCols.get(i).name().equals(name)) {
          gmmCols.add(nodeCols.get(i));
          positions.add(i);
        }
      }
    }
    int limit = Math.min(sample.size(), 20_000);
    double[][] points = new double[limit][gmmCols.size()];
    RowRandom rng = RowRandom.of(settings.seed(), RowRandom.hash("gmm-pit"), 0);
    for (int r = 0; r < limit; r++) {
      Row row = sample.get(r);
      rng.reset(settings.seed(), RowRandom.hash("gmm-pit"), r);
      for (int d = 0; d < gmmCols.size(); d++) {
        int pos = positions.get(d);
        if (row.isNullAt(pos)) {
          // nulls are modelled by the network's NULL state; here they must not form an atom at one point, on which
          // an EM component can collapse (zero variance, NaN covariance): draw them from the standard normal
          points[r][d] = rng.nextGaussian();
        } else {
          double p = Binning.probabilityOf(gmmCols.get(d).quantiles(), row.getDouble(pos), rng.nextDouble());
          points[r][d] = io.lakesynth.model.gmm.Normal.inverseCdf(Math.min(Math.max(p, 1e-6), 1 - 1e-6))
              + JITTER * rng.nextGaussian(); // breaks exact ties between values that fall between two quantiles
        }
      }
    }
    return points;
  }

  private static int[][] codes(List<Row> sample, RowCoder coder, int nodes) {
    int[][] byNode = new int[nodes][sample.size()];
    int[] codes = new int[nodes];
    double[] z = new double[Math.max(1, nodes)];
    double[] scratch = new double[Math.max(1, nodes)];
    for (int r = 0; r < sample.size(); r++) {
      coder.encode(sample.get(r), codes, z, scratch);
      for (int n = 0; n < nodes; n++) {
        byNode[n][r] = codes[n];
      }
    }
    return byNode;
  }

  /**
   * The profile's {@code function_of} dependencies between two network nodes as {@code sourceOf[node]} (-1: none);
   * forced roots (partition columns, model.roots) are never determined. Null when there are none.
   */
  private int[] determinants(ModelLayout layout, int[] roots) {
    if (profile.dependence() == null) {
      return null;
    }
    int[] sourceOf = new int[layout.nodeCount()];
    java.util.Arrays.fill(sourceOf, -1);
    boolean any = false;
    for (TableProfile.Derivation d : profile.dependence().derivations()) {
      int target = layout.nodeNames().indexOf(d.column());
      int source = layout.nodeNames().indexOf(d.source());
      if (d.computed() || target < 0 || source < 0 || contains(roots, target)
          || layout.nodeColumns().get(source).role() != io.lakesynth.profile.Role.CATEGORICAL) {
        continue;
      }
      sourceOf[target] = source;
      any = true;
      LOG.info("fit: {} is a function of {} (profile): its only parent, table unsmoothed", d.column(), d.source());
    }
    return any ? sourceOf : null;
  }

  private static boolean contains(int[] values, int v) {
    for (int x : values) {
      if (x == v) {
        return true;
      }
    }
    return false;
  }

  private NetworkStructure searchStructure(int[][] codes, int[] cards, int k, int[] roots, int[] determinant,
      java.security.SecureRandom dpRandom, double eps) {
    int n = cards.length;
    if (k == 0 || n <= 1) {
      List<Integer> order = new ArrayList<>();
      for (int r : roots) {
        order.add(r);
      }
      for (int i = 0; i < n; i++) {
        if (!order.contains(i)) {
          order.add(i);
        }
      }
      return new NetworkStructure(order.stream().mapToInt(Integer::intValue).toArray(), new int[n][0]);
    }
    GreedyBayes search = new GreedyBayes(cards).maxParents(k).roots(roots).maxCptCells(settings.maxCptCells());
    if (determinant != null) {
      search.determined(determinant);
    }
    if (dpRandom != null) {
      search.dp(eps, dpRandom);
    }
    return search.search(codes);
  }

  private int[] roots(ModelLayout layout) {
    Set<String> names = new LinkedHashSet<>(profile.partitionColumns());
    names.addAll(settings.roots());
    List<Integer> out = new ArrayList<>();
    for (String name : names) {
      if (!layout.nodeNames().contains(name)) {
        if (settings.roots().contains(name)) {
          throw new LakesynthException(ErrorCode.CONFIG_INVALID_VALUE, "lakesynth.model.roots", name,
              "column '" + name + "' of table " + profile.table() + " is not modelled (role "
                  + profile.column(name).map(c -> c.role().configName()).orElse("unknown column") + ")");
        }
        continue;
      }
      out.add(layout.nodeOf(name));
    }
    return out.stream().mapToInt(Integer::intValue).toArray();
  }

  private static List<String> names(int[] nodes, ModelLayout layout) {
    List<String> out = new ArrayList<>();
    for (int n : nodes) {
      out.add(layout.nodeNames().get(n));
    }
    return out;
  }

  private static long[] toLongs(double[] noisy) {
    long[] out = new long[noisy.length];
    for (int i = 0; i < noisy.length; i++) {
      out[i] = Math.round(noisy[i]);
    }
    return out;
  }

  static String describe(NetworkStructure s, List<String> names) {
    StringBuilder sb = new StringBuilder();
    for (int node : s.order()) {
      if (sb.length() > 0) {
        sb.append("; ");
      }
      sb.append(names.get(node));
      int[] p = s.parents()[node];
      if (p.length > 0) {
        sb.append(" <- ");
        for (int i = 0; i < p.length; i++) {
          sb.append(i > 0 ? ", " : "").append(names.get(p[i]));
        }
      }
    }
    return sb.toString();
  }
}
