package io.lakesynth.jobs;

import io.lakesynth.config.Settings;
import io.lakesynth.error.ErrorCode;
import io.lakesynth.error.LakesynthException;
import io.lakesynth.io.Paths;
import io.lakesynth.io.TableReader;
import io.lakesynth.model.Checksums;
import io.lakesynth.model.FitAction;
import io.lakesynth.model.Holdout;
import io.lakesynth.model.ModelStore;
import io.lakesynth.model.SynthModel;
import io.lakesynth.generate.GenerateAction;
import io.lakesynth.profile.ProfileAction;
import io.lakesynth.profile.ProfileHistory;
import io.lakesynth.profile.ProfileJson;
import io.lakesynth.profile.TableProfile;
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

  /** Profiles the source and writes profile.json (and the history row when configured). */
  static TableProfile profile(SparkSession spark, Settings s) {
    Dataset<Row> source = TableReader.read(spark, s.source());
    TableProfile profile = new ProfileAction(spark)
        .source(source, s.source().name(), s.source().path(), s.source().format().sparkName())
        .partitionColumns(TableReader.partitionColumns(spark, s.source().path(), s.source().format()))
        .settings(s.profile()).runDate(s.runDate()).execute();
    Paths.writeString(spark, s.profilePath(), ProfileJson.write(profile));
    LOG.info("profile: wrote {}", s.profilePath());
    if (!s.profile().history().path().isBlank()) {
      ProfileHistory.append(spark, profile, s.profile().history(), runId(s));
      LOG.info("profile: recorded {} / {} in the history table {}", profile.table(), profile.runDate(),
          s.profile().history().path());
    }
    return profile;
  }

  static TableProfile readProfile(SparkSession spark, Settings s) {
    String path = s.profilePath();
    if (!Paths.exists(spark, path)) {
      throw new LakesynthException(ErrorCode.PROFILE_INVALID, path, "it does not exist; run 'lakesynth profile' first");
    }
    return ProfileJson.read(Paths.readString(spark, path), path);
  }

  /** The source rows used for fitting: all of them, or the train side of the holdout split. */
  static Dataset<Row> fitRows(SparkSession spark, Settings s, boolean keepHoldout) {
    Dataset<Row> source = TableReader.read(spark, s.source());
    return keepHoldout ? Holdout.train(source, s.evaluate().holdoutFraction(), s.evaluate().seed()) : source;
  }

  static SynthModel fit(SparkSession spark, Settings s, TableProfile profile, Dataset<Row> rows) {
    SynthModel model = new FitAction(spark).source(rows).profile(profile).settings(s.model()).execute();
    return ModelStore.save(spark, model, s.modelPath());
  }

  static GenerateAction.Result generate(SparkSession spark, Settings s, SynthModel model) {
    return new GenerateAction(spark).model(model).settings(s.generate()).output(s.outputPath())
        .sourcePath(s.source().path()).runId(runId(s)).execute();
  }

  /** lakesynth.run-id, or a digest of the whole configuration (stable across retries of the same run). */
  static String runId(Settings s) {
    return s.runId().isEmpty() ? Checksums.sha256(s.toString()).substring(0, 16) : s.runId();
  }
}
