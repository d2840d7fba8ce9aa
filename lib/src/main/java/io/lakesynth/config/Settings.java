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
    EvaluateSettings evaluate) {

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

  public record CsvSettings(
      boolean header, String delimiter, String nullValue, boolean inferSchema, boolean trim, boolean strict) {}

  public record SourceSettings(String name, String path, TableFormat format, String filter, CsvSettings csv) {}

  public record HistorySettings(String path, TableFormat format) {}

  public record ProfileSettings(
      String path,
      int topK,
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
      HistorySettings history) {}

  /** engine: "em" (lakesynth's EM on the driver sample, the default) or "mllib" (Spark MLlib GaussianMixture). */
  public record GmmSettings(int minComponents, int maxComponents, int maxIterations, double tolerance,
      String engine) {}

  public record DpSettings(boolean enabled, double epsilon, double structureShare) {}

  public record ModelSettings(
      String path,
      ModelType type,
      long seed,
      int maxParents,
      int sampleRows,
      double smoothing,
      List<String> roots,
      long maxCptCells,
      GmmSettings gmm,
      DpSettings dp) {}

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
      Map<String, Map<String, Double>> conditions) {}

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
