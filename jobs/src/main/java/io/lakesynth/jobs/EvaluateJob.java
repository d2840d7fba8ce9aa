package io.lakesynth.jobs;

import io.lakesynth.config.Settings;
import io.lakesynth.error.ErrorCode;
import io.lakesynth.error.LakesynthException;
import org.apache.spark.sql.SparkSession;

/** {@code lakesynth evaluate}: not built yet. */
final class EvaluateJob implements Job {
  @Override
  public String name() {
    return "evaluate";
  }

  @Override
  public String summary() {
    return "Compare real and synthetic tables: fidelity, ML utility, privacy -> report.json + report.html";
  }

  @Override
  public String help() {
    return "(not available yet in this build)";
  }

  @Override
  public void validate(Settings settings) {
    throw new LakesynthException(ErrorCode.NOT_IMPLEMENTED, name(), "it is being built; see the README's status");
  }

  @Override
  public int run(Settings settings, SparkSession spark) {
    throw new LakesynthException(ErrorCode.NOT_IMPLEMENTED, name(), "it is being built; see the README's status");
  }
}
