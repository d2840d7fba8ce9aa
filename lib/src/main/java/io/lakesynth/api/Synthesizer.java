package io.lakesynth.api;

import io.lakesynth.config.Settings;
import io.lakesynth.config.SettingsLoader;
import io.lakesynth.generate.GenerateAction;
import io.lakesynth.model.FitAction;
import io.lakesynth.model.ModelStore;
import io.lakesynth.model.SynthModel;
import io.lakesynth.profile.ProfileAction;
import io.lakesynth.profile.TableProfile;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The library API in the shape Spark ML users know: an estimator with fluent setters whose {@link #fit} returns a
 * model that can {@link Model#sample} rows and be saved and loaded.
 *
 * <pre>{@code
 * Synthesizer.Model m = new Synthesizer().setModelType("hybrid").setSeed(42).fit(df);
 * Dataset<Row> synthetic = m.sample(1_000_000, 7);
 * m.save("s3a://models/sales");
 * Synthesizer.Model again = Synthesizer.Model.load(spark, "s3a://models/sales");
 * }</pre>
 *
 * Any configuration key can be set with {@link #set(String, String)} (the same keys as {@code --set}).
 */
public final class Synthesizer {
  private final List<String> overrides = new ArrayList<>();

  public Synthesizer set(String key, String value) {
    overrides.add(key + "=" + value);
    return this;
  }

  public Synthesizer setModelType(String type) {
    return set("model.type", type);
  }

  public Synthesizer setSeed(long seed) {
    return set("model.seed", Long.toString(seed));
  }

  public Synthesizer setMaxParents(int k) {
    return set("model.max-parents", Integer.toString(k));
  }

  /** Profiles {@code df} and fits the model on all its rows. */
  public Model fit(Dataset<Row> df) {
    Settings s = SettingsLoader.load(Optional.empty(), overrides);
    SparkSession spark = df.sparkSession();
    TableProfile profile = new ProfileAction(spark).source(df, s.source().name(), "", "dataframe")
        .settings(s.profile()).execute();
    return new Model(spark, new FitAction(spark).source(df).profile(profile).settings(s.model()).execute());
  }

  /** A fitted synthesizer. */
  public static final class Model {
    private final SparkSession spark;
    private final SynthModel model;

    Model(SparkSession spark, SynthModel model) {
      this.spark = spark;
      this.model = model;
    }

    public SynthModel synthModel() {
      return model;
    }

    /** {@code rows} synthetic rows with the source schema; the same seed gives the same rows. */
    public Dataset<Row> sample(long rows, long seed) {
      Settings s = SettingsLoader.load(Optional.empty(), List.of("generate.rows=" + rows, "generate.seed=" + seed));
      return new GenerateAction(spark).model(model).settings(s.generate()).dataset();
    }

    public Model save(String dir) {
      ModelStore.save(spark, model, dir);
      return this;
    }

    public static Model load(SparkSession spark, String dir) {
      return new Model(spark, ModelStore.load(spark, dir));
    }
  }
}
