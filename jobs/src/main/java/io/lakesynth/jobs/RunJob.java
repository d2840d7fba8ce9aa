package io.lakesynth.jobs;

import io.lakesynth.config.Settings;
import io.lakesynth.config.TableFormat;
import io.lakesynth.model.SynthModel;
import io.lakesynth.multitable.MultiTableReport;
import io.lakesynth.multitable.MultiTableRun;
import io.lakesynth.profile.TableProfile;
import java.io.PrintStream;
import java.util.Locale;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code lakesynth run}: profile -> fit (without the holdout) -> generate -> evaluate. */
final class RunJob implements Job {
  private static final Logger LOG = LoggerFactory.getLogger(RunJob.class);

  @Override
  public String name() {
    return "run";
  }

  @Override
  public String summary() {
    return "The whole pipeline: profile, fit, generate, evaluate";
  }

  @Override
  public String help() {
    return """
        Runs profile, fit, generate and evaluate in one Spark application with one configuration:
        profile.json, the model directory, the synthetic table and the report land under
        work-dir unless their paths are set. profile and fit see only the train side of the
        deterministic holdout split (evaluate.holdout-fraction, evaluate.seed), so evaluate's
        privacy and TSTR numbers are honest.
        Exit code 4 when the evaluate gate fails (the synthetic table stays written; the report
        says why).
        Several tables linked by keys (lakesynth.tables { name { source, primary-key,
        foreign-keys, ... } }): parents first, every foreign key joins a synthetic parent, one
        work-dir/<table>/ per table plus work-dir/report/ (README "Multi-table"). With
        generate.output.mode = slice only the child tables that have the slice column are
        rewritten (the slice's rows of the full run); parents and other days stay as they are.
        Example:
          lakesynth run -c conf/local.conf
          lakesynth run --source s3a://lake/sales --output s3a://sandbox/sales --target churned
          lakesynth run -c conf/multitable.conf     # the airports + flights star
        """;
  }

  @Override
  public void validate(Settings settings) {
    if (settings.multiTable().enabled()) {
      return; // every table's source is checked when the settings are built
    }
    Stages.requireSource(settings);
    io.lakesynth.config.StageChecks.fit(settings);
    io.lakesynth.config.StageChecks.evaluate(settings);
  }

  @Override
  public int run(Settings settings, SparkSession spark, PrintStream out) {
    if (settings.multiTable().enabled()) {
      return runMultiTable(settings, spark, out);
    }
    Stages.guardOutputs(spark, settings, Stages.Output.PROFILE, Stages.Output.MODEL, Stages.Output.SYNTHETIC,
        Stages.Output.REPORT);
    // one read for the four stages; a CSV source is parsed once and kept for all of them
    Dataset<Row> source = Stages.source(spark, settings);
    Stages.checkTarget(settings, source.schema(), null); // before profile, fit and generate spend any time
    boolean csv = settings.source().format() == TableFormat.CSV;
    if (csv) {
      source = source.persist(StorageLevel.MEMORY_AND_DISK());
    }
    try (Stages.Split split = Stages.Split.of(settings, source)) {
      // profile and fit see the train split only: the holdout stays unseen until evaluate
      LOG.info("run: 1/4 profile (train split)");
      TableProfile profile = Stages.profile(spark, settings, split.train(), out);
      LOG.info("run: 2/4 fit (train split)");
      SynthModel model = Stages.fit(spark, settings, profile, split.train(), out);
      LOG.info("run: 3/4 generate");
      long sourceRows = split.holdout() == null ? profile.rowCount() : profile.rowCount() + split.holdout().count();
      Stages.generate(spark, settings, model, sourceRows, out);
      LOG.info("run: 4/4 evaluate");
      Stages.evaluate(spark, settings, split, profile, model, out);
      return 0;
    } finally {
      if (csv) {
        source.unpersist();
      }
    }
  }

  /** Every table of lakesynth.tables, parents first; one line per table and per link. */
  private static int runMultiTable(Settings settings, SparkSession spark, PrintStream out) {
    MultiTableRun.Result r = new MultiTableRun(spark).settings(settings).runId(Stages.runId(settings)).execute();
    r.generated().forEach((table, g) -> out.printf(Locale.ROOT, "generate: %s, %d rows -> %s (%s) in %.1f s%n", table,
        g.rows(), g.path(), g.format().sparkName(), g.seconds()));
    for (MultiTableReport.TableEntry t : r.report().tables()) {
      out.printf(Locale.ROOT, "evaluate: %s quality %.4f (shapes %.4f, pair trends %.4f); exact copies %.5f -> %s%n",
          t.table(), t.quality(), t.columnShapes(), t.columnPairTrends(), t.exactCopyRate(), t.reportDir());
    }
    for (MultiTableReport.LinkEntry l : r.report().links()) {
      out.printf(Locale.ROOT, "evaluate: %s.%s -> %s: referential integrity %.4f (real orphans %.4f); cardinality "
          + "shape %.4f (random parents %.4f); parent-child pair trends %.4f (random parents %.4f, parents permuted "
          + "%.4f)%n", l.child(), l.foreignKey(), l.parent(), l.referentialIntegrity(), l.realOrphanShare(),
          l.cardinalityShape(), l.cardinalityShapeBaseline(), l.parentChildTrends().synthetic(),
          l.parentChildTrends().baseline(), l.parentChildTrends().permutedBaseline());
    }
    out.printf(Locale.ROOT, "run: multi-table report -> %s/report.html%n", r.reportDir());
    return 0;
  }
}
