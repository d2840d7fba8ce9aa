package io.lakesynth.jobs;

import io.lakesynth.config.Settings;
import java.io.PrintStream;
import org.apache.spark.sql.SparkSession;

/** {@code lakesynth profile}: source table -> profile.json (+ a row in the profile history table). */
final class ProfileJob implements Job {
  @Override
  public String name() {
    return "profile";
  }

  @Override
  public String summary() {
    return "Profile a table: per-column statistics, roles, partitions, dependence -> profile.json";
  }

  @Override
  public String help() {
    return """
        Reads the source table (source.path, source.format = parquet | delta | csv, source.filter,
        source.csv.*) in a fixed number of Spark jobs and writes profile.json (profile.path, default
        <work-dir>/profile.json): per column its type, counts, distinct estimate (HLL), min/max,
        mean/stddev, quantiles, bin edges, top-K values, string lengths and formats, and an inferred
        role (categorical, continuous, identifier, pii, text, constant, ignored) with the reason;
        per-partition row counts; pairwise mutual information of the modelled columns.
        Only the train side of the deterministic holdout split is profiled (evaluate.holdout-fraction,
        evaluate.seed; 0 = every row), the same rows fit and run use, so the holdout evaluate compares
        against stays unseen.

        Keys: profile.top-k, profile.quantiles, profile.quantile-relative-error, profile.bins,
        profile.categorical-max-distinct, profile.dependence-sample-rows, profile.roles { col = role },
        profile.history.path / .format (one row per table and run date; needs --run-date).
        Example:
          lakesynth profile --source data/sample/adult.csv --source-format csv --set profile.top-k=100
        """;
  }

  @Override
  public void validate(Settings settings) {
    Stages.requireSource(settings);
  }

  @Override
  public int run(Settings settings, SparkSession spark, PrintStream out) {
    Stages.guardOutputs(spark, settings, Stages.Output.PROFILE);
    // the train side of the holdout split, like run: fit's profile never describes holdout rows
    Stages.profile(spark, settings, Stages.fitRows(settings, Stages.source(spark, settings)), out);
    return 0;
  }
}
