package io.lakesynth.jobs;

import io.lakesynth.config.Settings;
import java.io.PrintStream;
import org.apache.spark.sql.SparkSession;

/** {@code lakesynth evaluate}: real + synthetic table -> report.json, report.html, gate. */
final class EvaluateJob implements Job {
  @Override
  public String name() {
    return "evaluate";
  }

  @Override
  public String summary() {
    return "Score a synthetic table against the real one (fidelity, ML utility, privacy) -> report";
  }

  @Override
  public String help() {
    return """
        Compares the real table (source.*) with the synthetic one (evaluate.synthetic-path, default
        generate.output.path; evaluate.synthetic-format) and writes report.json and a self-contained
        report.html (evaluate.report-dir, default <work-dir>/report):
          fidelity   SDMetrics Quality = mean(Column Shapes, Column Pair Trends), plus the pair-trend
                     mean over strongly related pairs (real |r| > 0.5 or Cramer's V > 0.3);
          columns    every source column with its role and reason, its score or why it has none:
                     KSComplement / TVComplement, text length + character-bigram similarity,
                     identifier uniqueness and format checks (not in Quality);
          utility    with evaluate.target: the same learner trained on synthetic (TSTR) and on the
                     real train split (TRTR), both tested on the real holdout, next to the majority
                     (or mean) baseline; "not informative" when TRTR does not beat it;
          privacy    exact copies of training rows vs the holdout's natural rate; distance to
                     closest record (median, 5th percentile) vs holdout->train; share of synthetic
                     rows closer to train than to the holdout.
        Samples are seeded and partitioning-independent (evaluate.sample-rows, evaluate.tstr-rows,
        evaluate.dcr-sample-rows): the same tables score the same on any cluster.
        The holdout is the same deterministic split fit used (evaluate.holdout-fraction, evaluate.seed).
        Gate (exit code 4 with the reasons): evaluate.gate.min-quality,
        evaluate.gate.max-exact-copy-ratio, evaluate.gate.min-dcr-ratio.
        Example:
          lakesynth evaluate -c conf/local.conf --target income --set evaluate.gate.min-quality=0.9
        """;
  }

  @Override
  public void validate(Settings settings) {
    Stages.requireSource(settings);
    io.lakesynth.config.StageChecks.evaluate(settings);
  }

  @Override
  public int run(Settings settings, SparkSession spark, PrintStream out) {
    Stages.guardOutputs(spark, settings, Stages.Output.REPORT);
    try (Stages.Split split = Stages.Split.of(settings, Stages.source(spark, settings))) {
      Stages.evaluate(spark, settings, split, Stages.profileIfPresent(spark, settings),
          Stages.modelIfPresent(spark, settings), out);
    }
    return 0;
  }
}
