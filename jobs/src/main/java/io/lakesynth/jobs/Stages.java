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
import io.lakesynth.profile.ProfileJson;
import io.lakesynth.profile.TableProfile;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** Glue shared by the jobs: each stage's lib call with paths from the settings. */
final class Stages {
  private Stages() {}

  static void requireSource(Settings s) {
    if (s.source().path().isBlank()) {
      throw new LakesynthException(ErrorCode.CONFIG_INVALID_VALUE, "lakesynth.source.path", "\"\"",
          "set the source table (--source PATH or --set source.path=...)");
    }
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
