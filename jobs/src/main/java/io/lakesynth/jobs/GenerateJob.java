package io.lakesynth.jobs;

import io.lakesynth.config.Settings;
import io.lakesynth.model.ModelStore;
import io.lakesynth.model.SynthModel;
import java.io.PrintStream;
import org.apache.spark.sql.SparkSession;

/** {@code lakesynth generate}: model directory -> synthetic table. */
final class GenerateJob implements Job {
  @Override
  public String name() {
    return "generate";
  }

  @Override
  public String summary() {
    return "Generate a synthetic table from a model -> Parquet or Delta";
  }

  @Override
  public String help() {
    return """
        Reads a model directory (model.path) and writes a synthetic table (generate.output.path,
        default <work-dir>/synthetic) with the source's schema and partitioning.

        Keys: generate.rows (-1 = generate.scale x source rows), generate.seed, generate.partitions,
        generate.rows-per-file, generate.partition-by = [cols],
        generate.output.format = parquet | delta,
        generate.output.mode = error-if-exists | overwrite | append | slice,
        generate.slice.{column,from,to,values,rows-per-partition} (mode slice: replace exactly those partitions),
        generate.conditions { col { value = probability } } (root columns only).
        Examples:
          lakesynth generate -c conf/local.conf --rows 1000000 --mode overwrite
          lakesynth generate -c my.conf --mode slice --set generate.slice.column=event_date \\
              --set generate.slice.from=2024-01-01 --set generate.slice.to=2024-03-31
        Same model + seed + slice => the same rows, whatever the partitioning.
        """;
  }

  @Override
  public int run(Settings settings, SparkSession spark, PrintStream out) {
    Stages.guardOutputs(spark, settings, Stages.Output.SYNTHETIC);
    SynthModel model = ModelStore.load(spark, settings.modelPath());
    Stages.generate(spark, settings, model, out);
    return 0;
  }
}
