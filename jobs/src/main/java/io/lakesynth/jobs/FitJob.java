package io.lakesynth.jobs;

import io.lakesynth.config.Settings;
import io.lakesynth.profile.TableProfile;
import java.io.PrintStream;
import org.apache.spark.sql.SparkSession;

/** {@code lakesynth fit}: source table + profile.json -> model directory. */
final class FitJob implements Job {
  @Override
  public String name() {
    return "fit";
  }

  @Override
  public String summary() {
    return "Fit a synthesizer (Bayesian network / Gaussian mixture / hybrid) -> model directory";
  }

  @Override
  public String help() {
    return """
        Reads the source table (source.*) and its profile (profile.path, default <work-dir>/profile.json)
        and writes a model directory (model.path, default <work-dir>/model): metadata.json,
        cpts.bin and, for hybrid/gmm models, mixture.json. The deterministic holdout
        (evaluate.holdout-fraction of the rows, by evaluate.seed; 0 = none) is kept out of fitting
        so that evaluate can compare against rows the model never saw.

        Keys: model.type = bayesnet (default) | hybrid | gmm, model.max-parents (-1 = from data size; without DP
        each column takes 1..max parents by held-out likelihood),
        model.roots = [cols] (partition keys / rebalancing targets), model.sample-rows,
        model.smoothing, model.gmm.{min,max}-components, model.gmm.engine = em (default) | mllib,
        model.dp.{enabled,epsilon,structure-share} (bayesnet only),
        model.refine.{enabled,min-rows,max-cells} (where a value sits inside its bin given its parents),
        model.text.sample-rows (rows the string models are counted on; 0 = all).
        Example:
          lakesynth fit -c conf/local.conf --set model.type=bayesnet --set 'model.roots=[income]'
        """;
  }

  @Override
  public void validate(Settings settings) {
    Stages.requireSource(settings);
    io.lakesynth.config.StageChecks.fit(settings);
  }

  @Override
  public int run(Settings settings, SparkSession spark, PrintStream out) {
    Stages.guardOutputs(spark, settings, Stages.Output.MODEL);
    TableProfile profile = Stages.readProfile(spark, settings);
    Stages.fit(spark, settings, profile, Stages.fitRows(settings, Stages.source(spark, settings)), out);
    return 0;
  }
}
