package io.lakesynth.multitable;

import io.lakesynth.config.MultiTableSettings;
import io.lakesynth.config.MultiTableSettings.TableSettings;
import io.lakesynth.config.Settings;
import io.lakesynth.config.TableFormat;
import io.lakesynth.error.ErrorCode;
import io.lakesynth.error.LakesynthException;
import io.lakesynth.generate.GenerateAction;
import io.lakesynth.io.JobGroup;
import io.lakesynth.io.Paths;
import io.lakesynth.io.SourceGuard;
import io.lakesynth.io.TableReader;
import io.lakesynth.multitable.MultiTableFit.Fitted;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code lakesynth run} over a multi-table schema: read every table once, check the keys, fit parents before children,
 * generate, evaluate, and write the multi-table report to {@code <work-dir>/report/}. Every output is checked against
 * every real table before any work. A failed per-table gate (evaluate.gate.*) fails the run (exit 4) after every
 * report is written.
 */
public final class MultiTableRun {
  private static final Logger LOG = LoggerFactory.getLogger(MultiTableRun.class);

  /** What a run produced. */
  public record Result(Map<String, Fitted> fitted, Map<String, GenerateAction.Result> generated,
      MultiTableReport report, String reportDir, Map<String, Long> realOrphans) {}

  private final SparkSession spark;
  private Settings settings;
  private String runId = "run";

  public MultiTableRun(SparkSession spark) {
    this.spark = spark;
  }

  public MultiTableRun settings(Settings value) {
    this.settings = value;
    return this;
  }

  public MultiTableRun runId(String value) {
    this.runId = value;
    return this;
  }

  /** {@code <work-dir>/report}. */
  public static String reportDir(Settings s) {
    return s.workDir().replaceAll("/+$", "") + "/report";
  }

  public Result execute() {
    MultiTableSettings mt = settings.multiTable();
    guardOutputs(mt);
    Map<String, Dataset<Row>> real = new LinkedHashMap<>();
    Map<String, StructType> schemas = new LinkedHashMap<>();
    for (TableSettings t : mt.tables()) {
      Dataset<Row> df = TableReader.read(spark, t.settings().source());
      // every table is read by several stages (checks, profile, fit, counts, evaluate): parse it once
      real.put(t.name(), df.persist(StorageLevel.MEMORY_AND_DISK()));
      schemas.put(t.name(), df.schema());
    }
    try (JobGroup group = JobGroup.set(spark, "lakesynth-multitable", "lakesynth run (" + mt.tables().size()
        + " tables)")) {
      KeyChecks.columns(mt, schemas);
      KeyChecks.primaryKeys(mt, real);
      Map<String, Long> orphans = KeyChecks.orphans(mt, real);
      LOG.info("run: 1/3 profile and fit {} tables, parents first", mt.tables().size());
      Map<String, Fitted> fitted = new MultiTableFit(spark).settings(mt).tables(real).orphans(orphans)
          .runDate(settings.runDate()).execute();
      LOG.info("run: 2/3 generate");
      Map<String, GenerateAction.Result> generated = new MultiTableGenerate(spark).settings(mt).fitted(fitted)
          .runId(runId).execute();
      LOG.info("run: 3/3 evaluate");
      Map<String, Dataset<Row>> synthetic = new LinkedHashMap<>();
      for (TableSettings t : mt.tables()) {
        Settings s = t.settings();
        synthetic.put(t.name(), TableReader.read(spark, s.outputPath(), s.generate().output().format(),
            s.source().csv(), "synthetic " + t.name()));
      }
      MultiTableReport report = new MultiTableEvaluate(spark).settings(mt).fitted(fitted).tables(real, synthetic)
          .runDate(settings.runDate()).execute();
      String dir = reportDir(settings);
      Paths.writeString(spark, dir + "/report.json", report.json());
      Paths.writeString(spark, dir + "/report.html", report.html());
      if (!report.gateFailures().isEmpty()) { // after the reports are written, as for a single table
        throw new LakesynthException(ErrorCode.GATE_FAILED, String.join("; ", report.gateFailures()));
      }
      return new Result(fitted, generated, report, dir, orphans);
    } finally {
      real.values().forEach(Dataset::unpersist);
    }
  }

  private void guardOutputs(MultiTableSettings mt) {
    SourceGuard guard = new SourceGuard(spark);
    for (TableSettings t : mt.tables()) {
      guard.table(t.settings().source().path(), "the source of table " + t.name());
    }
    guard.check("the multi-table report directory", reportDir(settings));
    for (TableSettings t : mt.tables()) {
      Settings s = t.settings();
      guard.check("profile.json of " + t.name(), s.profilePath());
      guard.check("the model of " + t.name(), s.modelPath());
      guard.check("the synthetic table " + t.name(), s.outputPath());
      guard.check("the report of " + t.name(), s.reportDir());
      if (s.generate().output().format() == TableFormat.CSV) {
        throw new IllegalStateException("csv output is refused by the settings loader");
      }
    }
  }
}
