package io.lakesynth.jobs;

import io.lakesynth.config.Settings;
import io.lakesynth.error.ErrorCode;
import io.lakesynth.error.LakesynthException;
import org.apache.spark.sql.SparkSession;

/** {@code lakesynth profile}: not built yet. */
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
