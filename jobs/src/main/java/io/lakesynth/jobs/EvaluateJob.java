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
          utility    with evaluate.target: random forests trained on synthetic and on the real train
                     split, both tested on the real holdout (TSTR ratio);
          privacy    exact copies of training rows vs the holdout's natural rate; distance to
                     closest record (median, 5th percentile) vs holdout->train.
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
    Stages.evaluate(spark, settings, Stages.source(spark, settings), Stages.profileIfPresent(spark, settings),
        Stages.modelIfPresent(spark, settings), out);
    return 0;
  }
}
