package io.lakesynth.evaluate;

import java.util.List;

/**
 * Everything {@code lakesynth evaluate} measured; written as report.json and rendered into report.html.
 *
 * @param quality SDMetrics Quality score: mean of columnShapes and columnPairTrends
 * @param strongPairTrends mean pair-trend score over pairs whose real |r| > 0.5 or Cramér's V > 0.3 (NaN if none)
 * @param sampleRowsReal real rows the sample-based metrics used (all rows when the table is smaller than the sample)
 */
public record EvaluationReport(
    String table,
    String realPath,
    String syntheticPath,
    String runDate,
    String lakesynthVersion,
    long realRows,
    long syntheticRows,
    long sampleRowsReal,
    long sampleRowsSynthetic,
    double quality,
    double columnShapes,
    double columnPairTrends,
    double strongPairTrends,
    int strongPairs,
    List<ColumnScore> columns,
    List<PairScore> pairs,
    Utility utility,
    Privacy privacy,
    GateResult gate,
    List<Overlay> overlays,
    Correlations correlations,
    ModelSummary model) {

  /** KSComplement (continuous) or TVComplement (categorical) of one column. */
  public record ColumnScore(String column, String kind, String metric, double score, double realNullShare,
      double syntheticNullShare) {}

  /** CorrelationSimilarity or ContingencySimilarity of one pair; real/synthetic are r or Cramér's V. */
  public record PairScore(String a, String b, String metric, double score, double real, double synthetic,
      boolean strong) {}

  /** Train-synthetic-test-real against train-real-test-real on the same real holdout. */
  public record Utility(String target, String task, String metric, double realScore, double syntheticScore,
      double ratio, long realTrainRows, long syntheticTrainRows, long holdoutRows) {}

  /**
   * Exact copies are synthetic rows equal on every compared column to some real training row; the holdout's rate
   * is the natural one. DCR: mean per-column distance (numeric |a-b|/range, categorical 0/1) to the closest
   * training row, for sampled synthetic and holdout rows.
   */
  public record Privacy(List<String> comparedColumns, double exactCopyRate, double holdoutExactCopyRate,
      double dcrSyntheticMedian, double dcrSyntheticP5, double dcrHoldoutMedian, double dcrHoldoutP5,
      double dcrRatio, long dcrQueryRows, long dcrReferenceRows) {}

  /** Gate outcome: failures name the threshold and the measured value. */
  public record GateResult(boolean passed, List<String> failures) {}

  /** Distribution of one column in both tables, as shares per bin or category. */
  public record Overlay(String column, String kind, List<String> labels, double[] real, double[] synthetic) {}

  /** Pearson matrices of the continuous columns. */
  public record Correlations(List<String> columns, double[][] real, double[][] synthetic) {}

  /** What the model looks like, when the model directory is known. */
  public record ModelSummary(String type, List<Node> nodes, int components, double dpEpsilon, long fitMillis) {}

  /** A network node and its parents. */
  public record Node(String name, List<String> parents) {}
}
