package io.lakesynth.evaluate;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * Everything {@code lakesynth evaluate} measured; written as report.json and rendered into report.html.
 *
 * @param quality SDMetrics Quality score: mean of columnShapes and columnPairTrends
 * @param columnShapes mean shape score over the columns counted in Quality (every column but identifiers and
 *     columns without a score)
 * @param strongPairTrends mean pair-trend score over pairs whose real |r| > 0.5 or bias-corrected Cramér's V > 0.3
 *     (NaN if none)
 * @param measurableStrongPairTrends the same mean over the strong pairs whose protected ceiling is at least
 *     {@link #MEASURABLE_CEILING}: a pair with a column whose values are mostly rare (protected, never copied) cannot
 *     keep its real contingency table without copying them, so its score measures the protection, not the model
 * @param measurableStrongPairs how many strong pairs that mean covers
 * @param sampleRowsReal real rows the sample-based metrics used (all rows when the table is smaller than the sample)
 * @param columns one entry per source column, in schema order, scored or with the reason it has no score
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
    double measurableStrongPairTrends,
    int measurableStrongPairs,
    List<ColumnScore> columns,
    List<PairScore> pairs,
    Utility utility,
    Privacy privacy,
    GateResult gate,
    List<Overlay> overlays,
    Correlations correlations,
    ModelSummary model) {

  /**
   * One source column: its role and the profile's reason, the metric and score (NaN with {@code reason} when there is
   * none), whether the score counts in Quality, and extra figures ({@code details}: identifier checks, text length and
   * n-gram similarity).
   *
   * @param kind how it was compared: continuous, categorical, text, identifier or none
   * @param ceiling the best shape score reachable under the model's rare-value protection (1 - rare mass), when the
   *     profile supplies the rare mass; absent otherwise
   */
  public record ColumnScore(String column, String role, String roleReason, String kind, String metric, double score,
      boolean inQuality, String reason, @JsonInclude(JsonInclude.Include.NON_NULL) Double ceiling,
      double realNullShare, double syntheticNullShare, Map<String, Double> details) {}

  /** Strong pairs with a protected ceiling below this are left out of {@code measurableStrongPairTrends}. */
  public static final double MEASURABLE_CEILING = 0.5;

  /**
   * CorrelationSimilarity or ContingencySimilarity of one pair; real/synthetic are r or Cramér's V.
   *
   * @param ceiling the best score reachable under rare-value protection: the lower of the two columns' ceilings
   *     (a pair's contingency table loses at least each column's rare mass); absent when neither column has one
   */
  public record PairScore(String a, String b, String metric, double score, double real, double synthetic,
      boolean strong, @JsonInclude(JsonInclude.Include.NON_NULL) Double ceiling) {

    /** Whether the pair counts in measurableStrongPairTrends. */
    public boolean measurable() {
      return ceiling == null || ceiling >= MEASURABLE_CEILING;
    }
  }

  /**
   * Train-synthetic-test-real (TSTR) against train-real-test-real (TRTR) on the same real holdout sample, next to the
   * baseline: for classification the better of always answering the majority class and guessing by the class
   * shares (weighted F1 favours the latter when classes are balanced); for regression the train mean.
   *
   * @param ratio syntheticScore / realScore (NaN when realScore is not positive)
   * @param lift (syntheticScore - baseline) / (realScore - baseline): the share of the real model's gain over the
   *     baseline that the synthetic-trained model keeps (NaN when not informative)
   * @param informative whether the real-trained model beats the baseline by the margin (otherwise the ratio means
   *     nothing)
   * @param verdict one line: "ok", "not informative: ...", "suspicious: ..." or "weak: ..."
   * @param realMae mean absolute error of the real-trained model (regression; NaN for classification)
   */
  public record Utility(String target, String task, String learner, String metric, double realScore,
      double syntheticScore, double baselineScore, double ratio, double lift, boolean informative, String verdict,
      double realMae, double syntheticMae, double baselineMae, long realTrainRows, long syntheticTrainRows,
      long holdoutRows) {}

  /**
   * Exact copies are synthetic rows equal on every compared column (every column but identifiers) to some real
   * training row, counted exactly over the full tables; the holdout's rate is the natural one. DCR: mean per-column
   * distance (numeric |a-b|/range, others 0/1) to the closest training row, for sampled synthetic and holdout rows.
   *
   * @param dcrRatio synthetic median / holdout median, NaN when the holdout median is below 0.001 (no division by ~0)
   * @param closerToTrainShare share of sampled synthetic rows closer to a training row than to a holdout row, against
   *     equal-size training and holdout references (ties count half); about 0.5 when the model does not memorise
   */
  public record Privacy(List<String> comparedColumns, double exactCopyRate, double holdoutExactCopyRate,
      double dcrSyntheticMedian, double dcrSyntheticP5, double dcrHoldoutMedian, double dcrHoldoutP5,
      double dcrRatio, double closerToTrainShare, List<String> dcrColumns, long dcrQueryRows,
      long dcrReferenceRows) {}

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
