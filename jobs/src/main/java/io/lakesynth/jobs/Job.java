package io.lakesynth.jobs;

import io.lakesynth.config.Settings;
import java.io.PrintStream;
import org.apache.spark.sql.SparkSession;

/** One subcommand: thin glue from settings to one lib action. */
interface Job {
  /** Subcommand name. */
  String name();

  /** One line for the overview. */
  String summary();

  /** The subcommand's --help text (after the common options). */
  String help();

  /** Checks settings before Spark starts; throw a LakesynthException for what is missing. */
  default void validate(Settings settings) {}

  /** Runs the stage, printing its one-line summary to {@code out}; returns the exit code (0 ok). */
  int run(Settings settings, SparkSession spark, PrintStream out);
}
