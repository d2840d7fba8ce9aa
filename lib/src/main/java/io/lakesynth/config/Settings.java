package io.lakesynth.config;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The whole validated configuration, immutable. Built once by {@link SettingsLoader} before
 * Spark starts; stages receive the record they need, never the raw Config.
 */
public record Settings(
    String runDate,
    String runId,
    String workDir,
    SparkSettings spark,
    SourceSettings source,
    ProfileSettings profile,
    ModelSettings model,
    GenerateSettings generate,
    EvaluateSettings evaluate,
    MultiTableSettings multiTable) {

  public String profilePath() {
    return orWork(profile.path(), "profile.json");
  }

  public String modelPath() {
    return orWork(model.path(), "model");
  }

  public String outputPath() {
    return orWork(generate.output().path(), "synthetic");
  }

  public String reportDir() {
    return orWork(evaluate.reportDir(), "report");
  }

  public String syntheticPath() {
    return evaluate.syntheticPath().isEmpty() ? outputPath() : evaluate.syntheticPath();
  }

  public TableFormat syntheticFormat() {
    return evaluate.syntheticFormat().orElse(generate.output().format());
  }

  private String orWork(String value, String child) {
    if (!value.isEmpty()) {
      return value;
    }
    return workDir.endsWith("/") ? workDir + child : workDir + "/" + child;
  }

  public record SparkSettings(String master, String appName, String logLevel, Map<String, String> conf) {}

  /** encoding: a Java charset name (UTF-8 by default; ISO-8859-1, windows-1252, ...). */
  public record CsvSettings(
      boolean header, String delimiter, String nullValue, boolean inferSchema, boolean trim, boolean strict,
      String encoding) {}

  public record SourceSettings(String name, String path, TableFormat format, String filter, CsvSettings csv) {}

  public record HistorySettings(String path, TableFormat format) {}

  /**
   * @param topK state budget: most frequent values kept per categorical column
   * @param rareThreshold values held by fewer rows than this (plus a seeded 0-2 per column) never become states
   */
  public record ProfileSettings(
      String path,
      int topK,
      int rareThreshold,
      int quantiles,
      double quantileRelativeError,
      int bins,
      int categoricalMaxDistinct,
      double identifierMinDistinctRatio,
      int dependenceSampleRows,
      long seed,
      int maxPartitions,
      boolean modelComplexTypes,
      Map<String, String> roles,
      HistorySettings history) {

    /** These settings with further role overrides (multi-table: keys and joined parent columns). */
    public ProfileSettings withRoles(Map<String, String> more) {
      Map<String, String> all = new java.util.LinkedHashMap<>(roles);
      all.putAll(more);
      return new ProfileSettings(path, topK, rareThreshold, quantiles, quantileRelativeError, bins,
          categoricalMaxDistinct, identifierMinDistinctRatio, dependenceSampleRows, seed, maxPartitions,
          modelComplexTypes, java.util.Collections.unmodifiableMap(all), history);
    }
  }

  /** engine: "em" (lakesynth's EM on the driver sample, the default) or "mllib" (Spark MLlib GaussianMixture). */
  public record GmmSettings(int minComponents, int maxComponents, int maxIterations, double tolerance,
      String engine) {}

  /**
   * @param publicDomain the user declares the profile's domain (category lists, min/max, quantiles, bin edges, row
   *     and partition counts) public knowledge; without it a DP fit is refused, because those come from the real
   *     table without noise
   */
  public record DpSettings(boolean enabled, double epsilon, double structureShare, boolean publicDomain) {}

  public record ModelSettings(
      String path,
      ModelType type,
      long seed,
      int maxParents,
      int sampleRows,
      double smoothing,
      boolean adaptiveSmoothing,
      List<String> roots,
      long maxCptCells,
      GmmSettings gmm,
      DpSettings dp,
      RareValueSettings rareValues,
      TextSettings text,
      RefineSettings refine) {

    /**
     * These settings with more forced roots and per-column rare-value policies (multi-table: a child's parent columns
     * are evidence, so roots, and keep their real values).
     */
    public ModelSettings withEvidence(List<String> moreRoots, Map<String, String> policies) {
      List<String> r = new java.util.ArrayList<>(roots);
      moreRoots.stream().filter(x -> !r.contains(x)).forEach(r::add);
      Map<String, String> cols = new java.util.LinkedHashMap<>(rareValues.columns());
      cols.putAll(policies);
      return new ModelSettings(path, type, seed, maxParents, sampleRows, smoothing, adaptiveSmoothing, List.copyOf(r),
          maxCptCells, gmm, dp, new RareValueSettings(rareValues.policy(), rareValues.generateAbove(),
              java.util.Collections.unmodifiableMap(cols)), text, refine);
    }
  }

  /**
   * What a categorical column's rare mass (values under the rare threshold or over the state budget) becomes.
   *
   * @param policy auto | redistribute (over kept values, conditionally on the parents) | generate (new values from
   *     the column's string model); auto = generate for string columns whose rare mass exceeds generateAbove,
   *     redistribute otherwise
   * @param generateAbove rare share of non-null rows above which auto generates
   * @param columns per-column policies
   */
  public record RareValueSettings(String policy, double generateAbove, Map<String, String> columns) {
    public String policyOf(String column) {
      return columns.getOrDefault(column, policy);
    }
  }

  /** The string model (character n-grams) of text columns and generated rare values. */
  public record TextSettings(int order, int maxTransitions, int maxLength, long sampleRows) {}

  /**
   * Within-bin refinement of continuous columns given their parents (bayesnet models without DP).
   *
   * @param enabled false = every bin keeps the column's marginal shape
   * @param minRows fewest fit-sample rows of a (parent configuration, bin) cell that gets its own shape
   * @param maxCells most cells kept over the whole model (the largest first)
   */
  public record RefineSettings(boolean enabled, int minRows, int maxCells) {}

  public record OutputSettings(String path, TableFormat format, WriteMode mode) {}

  public record SliceSettings(String column, String from, String to, List<String> values, long rowsPerPartition) {
    public boolean isSet() {
      return !column.isEmpty();
    }
  }

  public record GenerateSettings(
      long rows,
      double scale,
      int partitions,
      long seed,
      long rowsPerFile,
      Optional<List<String>> partitionBy,
      OutputSettings output,
      SliceSettings slice,
      Map<String, Map<String, Double>> conditions) {

    /** These settings with another scale factor. */
    public GenerateSettings withScale(double value) {
      return new GenerateSettings(rows, value, partitions, seed, rowsPerFile, partitionBy, output, slice, conditions);
    }

    /** These settings for the whole table: no slice, and overwrite where the mode was slice. */
    public GenerateSettings unsliced() {
      OutputSettings o = output.mode() == WriteMode.SLICE
          ? new OutputSettings(output.path(), output.format(), WriteMode.OVERWRITE) : output;
      return new GenerateSettings(rows, scale, partitions, seed, rowsPerFile, partitionBy, o,
          new SliceSettings("", "", "", List.of(), slice.rowsPerPartition()), conditions);
    }
  }

  public record GateSettings(double minQuality, double maxExactCopyRatio, double minDcrRatio) {}

  public record EvaluateSettings(
      String syntheticPath,
      Optional<TableFormat> syntheticFormat,
      String syntheticFilter,
      String reportDir,
      String target,
      int sampleRows,
      int dcrSampleRows,
      int tstrRows,
      double holdoutFraction,
      long seed,
      GateSettings gate) {}
}
