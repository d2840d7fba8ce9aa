package io.lakesynth.jobs;

import io.lakesynth.config.Settings;
import io.lakesynth.config.Settings.GenerateSettings;
import io.lakesynth.error.ErrorCode;
import io.lakesynth.error.LakesynthException;
import io.lakesynth.io.Paths;
import io.lakesynth.io.SourceGuard;
import io.lakesynth.io.TableReader;
import io.lakesynth.model.Checksums;
import io.lakesynth.model.FitAction;
import io.lakesynth.model.Holdout;
import io.lakesynth.model.ModelStore;
import io.lakesynth.model.SynthModel;
import io.lakesynth.evaluate.EvaluateAction;
import io.lakesynth.evaluate.EvaluationReport;
import io.lakesynth.evaluate.ReportWriter;
import io.lakesynth.generate.GenerateAction;
import io.lakesynth.profile.ProfileAction;
import io.lakesynth.profile.ProfileHistory;
import io.lakesynth.profile.ProfileJson;
import io.lakesynth.profile.TableProfile;
import java.io.PrintStream;
import java.util.Locale;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Glue shared by the jobs: each stage's lib call with paths from the settings. */
final class Stages {
  private static final Logger LOG = LoggerFactory.getLogger(Stages.class);

  private Stages() {}

  static void requireSource(Settings s) {
    if (s.source().path().isBlank()) {
      throw new LakesynthException(ErrorCode.CONFIG_INVALID_VALUE, "lakesynth.source.path", "\"\"",
          "set the source table (--source PATH or --set source.path=...)");
    }
  }

  /**
   * The source table, read once per job and handed to every stage (a CSV source with inferred types costs a scan
   * for each read).
   */
  static Dataset<Row> source(SparkSession spark, Settings s) {
    return TableReader.read(spark, s.source());
  }

  /** Profiles the source and writes profile.json (and the history row when configured). */
  static TableProfile profile(SparkSession spark, Settings s, Dataset<Row> source, PrintStream out) {
    TableProfile profile = new ProfileAction(spark)
        .source(source, s.source().name(), s.source().path(), s.source().format().sparkName())
        .partitionColumns(TableReader.partitionColumns(spark, s.source().path(), s.source().format()))
        .settings(s.profile()).runDate(s.runDate()).execute();
    Paths.writeString(spark, s.profilePath(), ProfileJson.write(profile));
    out.printf(Locale.ROOT, "profile: %s, %d rows x %d columns in %d Spark jobs -> %s%n", profile.table(),
        profile.rowCount(), profile.columns().size(), profile.sparkJobs(), s.profilePath());
    if (!s.profile().history().path().isBlank()) {
      ProfileHistory.append(spark, profile, s.profile().history(), runId(s));
      LOG.info("profile: recorded {} / {} in the history table {}", profile.table(), profile.runDate(),
          s.profile().history().path());
    }
    return profile;
  }

  /** The outputs a stage writes, each checked against every real table known to the run before any work. */
  enum Output { PROFILE, MODEL, SYNTHETIC, REPORT }

  /**
   * Refuses (exit 2, before any work) an output of this job that equals, contains or lies inside a real table: the
   * configured source, the sourcePath recorded in profile.json and the one in the model's metadata.json.
   */
  static void guardOutputs(SparkSession spark, Settings s, Output... outputs) {
    SourceGuard guard = new SourceGuard(spark)
        .table(s.source().path(), "the configured source, lakesynth.source.path")
        .table(recordedSource(spark, s.profilePath()), "the source recorded in " + s.profilePath())
        .table(recordedSource(spark, s.modelPath() + "/" + ModelStore.METADATA),
            "the source recorded in " + s.modelPath() + "/" + ModelStore.METADATA);
    for (Output o : outputs) {
      switch (o) {
        case PROFILE -> {
          guard.check("profile.json (lakesynth.profile.path)", s.profilePath());
          guard.check("the profile history table (lakesynth.profile.history.path)", s.profile().history().path());
        }
        case MODEL -> guard.check("the model directory (lakesynth.model.path)", s.modelPath());
        case SYNTHETIC -> guard.check("the generate output (lakesynth.generate.output.path)", s.outputPath());
        case REPORT -> guard.check("the report directory (lakesynth.evaluate.report-dir)", s.reportDir());
        default -> throw new IllegalStateException(o.name());
      }
    }
  }

  /**
   * The "sourcePath" field of a profile.json or metadata.json, or null when the file is absent, unreadable or has
   * none (the stage that needs the file reports those problems with its own error).
   */
  static String recordedSource(SparkSession spark, String jsonPath) {
    try {
      if (!Paths.exists(spark, jsonPath)) {
        return null;
      }
      com.fasterxml.jackson.databind.JsonNode node = new com.fasterxml.jackson.databind.ObjectMapper()
          .readTree(Paths.readString(spark, jsonPath)).path("sourcePath");
      return node.isTextual() ? node.asText() : null;
    } catch (java.io.IOException | RuntimeException e) {
      LOG.warn("cannot read the recorded source of {}: {}", jsonPath, e.toString());
      return null;
    }
  }

  static TableProfile readProfile(SparkSession spark, Settings s) {
    String path = s.profilePath();
    if (!Paths.exists(spark, path)) {
      throw new LakesynthException(ErrorCode.PROFILE_INVALID, path, "it does not exist; run 'lakesynth profile' first");
    }
    return ProfileJson.read(Paths.readString(spark, path), path);
  }

  /**
   * The source rows profile and fit see: the train side of the deterministic holdout split (evaluate.holdout-fraction,
   * evaluate.seed), so that evaluate compares against rows the model never saw; all rows when the fraction is 0.
   * Standalone profile and fit, run, and evaluate all use this one split.
   */
  static Dataset<Row> fitRows(Settings s, Dataset<Row> source) {
    return Holdout.train(source, s.evaluate().holdoutFraction(), s.evaluate().seed());
  }

  /**
   * The source and its train/holdout split, cached once (the split hashes every row in a window: computed once for
   * profile, fit and every evaluate metric). Close it to release the cache.
   */
  record Split(Dataset<Row> real, Dataset<Row> train, Dataset<Row> holdout, Holdout.Cached cached)
      implements AutoCloseable {
    static Split of(Settings s, Dataset<Row> source) {
      Holdout.Cached c = Holdout.cached(source, s.evaluate().holdoutFraction(), s.evaluate().seed());
      return new Split(source, c.train(), c.holdout(), c);
    }

    @Override
    public void close() {
      cached.close();
    }
  }

  /** Compares source and synthetic table, writes report.json and report.html, then applies the gate. */
  static EvaluationReport evaluate(SparkSession spark, Settings s, Split split, TableProfile profile,
      SynthModel model, PrintStream out) {
    Dataset<Row> synthetic = TableReader.filtered(TableReader.read(spark, s.syntheticPath(), s.syntheticFormat(),
        s.source().csv(), "synthetic " + s.source().name()), s.evaluate().syntheticFilter(),
        "lakesynth.evaluate.synthetic-filter");
    checkEvaluable(spark, s, split.real(), synthetic, profile); // before any cached split is computed
    EvaluationReport report = new EvaluateAction(spark)
        .real(split.real(), split.train(), split.holdout(), s.source().name(), s.source().path())
        .synthetic(synthetic, s.syntheticPath()).profile(profile).model(model).settings(s.evaluate())
        .runDate(s.runDate()).execute();
    String dir = s.reportDir().replaceAll("/+$", "");
    Paths.writeString(spark, dir + "/report.json", ReportWriter.json(report));
    Paths.writeString(spark, dir + "/report.html", ReportWriter.html(report));
    LOG.info("evaluate: wrote {}/report.json and report.html", dir);
    out.printf(Locale.ROOT, "evaluate: quality %.4f (shapes %.4f, pair trends %.4f, strong pairs %.4f%s)"
        + "%s; exact copies %.5f (holdout %.5f); DCR ratio %.3f -> %s/report.html%n", report.quality(),
        report.columnShapes(), report.columnPairTrends(), report.strongPairTrends(),
        report.measurableStrongPairs() == report.strongPairs() ? "" : String.format(Locale.ROOT,
            ", %.4f over the %d not mostly protected", report.measurableStrongPairTrends(),
            report.measurableStrongPairs()),
        report.utility() == null ? "" : String.format(Locale.ROOT, "; TSTR ratio %.4f (%s)",
            report.utility().ratio(), report.utility().verdict()),
        report.privacy().exactCopyRate(), report.privacy().holdoutExactCopyRate(), report.privacy().dcrRatio(), dir);
    if (!report.gate().passed()) {
      throw new LakesynthException(ErrorCode.GATE_FAILED, String.join("; ", report.gate().failures()));
    }
    return report;
  }

  /**
   * Bad input found before any metric runs (exit 3, the culprit named): a real table that no longer matches its
   * profile, or whose columns differ in type from the synthetic table's, and a target with nothing to learn from.
   */
  static void checkEvaluable(SparkSession spark, Settings s, Dataset<Row> real, Dataset<Row> synthetic,
      TableProfile profile) {
    String table = s.source().path().isBlank() ? s.source().name() : s.source().path();
    if (profile != null) {
      io.lakesynth.model.SchemaCheck.requireMatches(real.schema(), profile);
    }
    // partition columns of the synthetic table get their types from folder names: compare their presence only
    java.util.Set<String> partitions = new java.util.HashSet<>(
        TableReader.partitionColumns(spark, s.syntheticPath(), s.syntheticFormat()));
    java.util.List<String> problems = new java.util.ArrayList<>();
    for (String p : io.lakesynth.model.SchemaCheck.differences(synthetic.schema(), real.schema())) {
      if (partitions.stream().noneMatch(c -> p.startsWith("column '" + c + "' changed type"))) {
        problems.add(p.replace("was dropped", "is missing from the synthetic table")
            .replace("was added", "is only in the synthetic table"));
      }
    }
    if (!problems.isEmpty()) {
      throw new LakesynthException(ErrorCode.SCHEMA_MISMATCH, table, "synthetic table " + s.syntheticPath()
          + " (real -> synthetic)", String.join("; ", problems));
    }
    checkTarget(s, real.schema(), profile);
  }

  /** A target (TSTR) must be a column of the table and leave at least one column to learn it from. */
  static void checkTarget(Settings s, org.apache.spark.sql.types.StructType real, TableProfile profile) {
    String table = s.source().path().isBlank() ? s.source().name() : s.source().path();
    String target = s.evaluate().target();
    if (!target.isBlank()) {
      java.util.List<String> names = java.util.Arrays.asList(real.fieldNames());
      if (!names.contains(target)) {
        throw new LakesynthException(ErrorCode.CONFIG_INVALID_VALUE, "lakesynth.evaluate.target", target,
            "table " + table + " has no such column (columns: " + String.join(", ", names) + ")");
      }
      long features = names.stream().filter(n -> !n.equals(target)).filter(n -> profile == null
          || profile.column(n).map(c -> c.role() == io.lakesynth.profile.Role.CATEGORICAL
              || c.role() == io.lakesynth.profile.Role.CONTINUOUS).orElse(true)).count();
      if (features == 0) {
        throw new LakesynthException(ErrorCode.EVALUATE_INVALID, table, "evaluate.target = '" + target
            + "' leaves no categorical or continuous column to learn it from; set evaluate.target = \"\" to skip "
            + "ML utility");
      }
    }
  }

  /** The profile when profile.json exists (evaluate can run without one). */
  static TableProfile profileIfPresent(SparkSession spark, Settings s) {
    return Paths.exists(spark, s.profilePath()) ? readProfile(spark, s) : null;
  }

  /** The model when the model directory exists (for the report's summary only). */
  static SynthModel modelIfPresent(SparkSession spark, Settings s) {
    return Paths.exists(spark, s.modelPath() + "/" + ModelStore.METADATA) ? ModelStore.load(spark, s.modelPath())
        : null;
  }

  static SynthModel fit(SparkSession spark, Settings s, TableProfile profile, Dataset<Row> rows, PrintStream out) {
    SynthModel model = ModelStore.save(spark,
        new FitAction(spark).source(rows).profile(profile).settings(s.model()).execute(), s.modelPath());
    out.printf(Locale.ROOT, "fit: %s model (%d nodes) in %.1f s -> %s%n", model.metadata().modelType(),
        model.metadata().nodeNames().size(), model.metadata().params().fitMillis() / 1000.0, s.modelPath());
    return model;
  }

  static GenerateAction.Result generate(SparkSession spark, Settings s, SynthModel model, PrintStream out) {
    return generate(spark, s, model, -1, out);
  }

  /**
   * Generates the synthetic table. Profile and fit saw the train split only, so their row and partition counts stand
   * for the train share of the source: the default size (generate.scale x those counts) is scaled back to the whole
   * source's, exactly when {@code sourceRows} is known (run), else by the split's expected share.
   */
  static GenerateAction.Result generate(SparkSession spark, Settings s, SynthModel model, long sourceRows,
      PrintStream out) {
    double share = sourceRows > 0 && model.metadata().rowCount() > 0
        ? (double) model.metadata().rowCount() / sourceRows : Holdout.trainShare(s.evaluate().holdoutFraction());
    GenerateSettings g = s.generate().withScale(s.generate().scale() / share);
    GenerateAction.Result r = new GenerateAction(spark).model(model).settings(g).output(s.outputPath())
        .sourcePath(s.source().path())
        .knownTable(recordedSource(spark, s.profilePath()), "the source recorded in " + s.profilePath())
        .runId(runId(s)).execute();
    out.printf(Locale.ROOT, "generate: %d rows -> %s (%s) in %.1f s%n", r.rows(), r.path(), r.format().sparkName(),
        r.seconds());
    return r;
  }

  /** lakesynth.run-id, or a digest of the whole configuration (stable across retries of the same run). */
  static String runId(Settings s) {
    return s.runId().isEmpty() ? Checksums.sha256(s.toString()).substring(0, 16) : s.runId();
  }
}
