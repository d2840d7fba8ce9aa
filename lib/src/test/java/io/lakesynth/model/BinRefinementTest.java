package io.lakesynth.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakesynth.error.ErrorCode;
import io.lakesynth.error.LakesynthException;
import io.lakesynth.generate.GenerateAction;
import io.lakesynth.profile.TableProfile;
import io.lakesynth.testing.Fixtures;
import io.lakesynth.testing.SparkExtension;
import io.lakesynth.testing.TestProfiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Within-bin refinement: 30 sites, 200 rows each, a reading tightly around its site's own centre (sd 0.1, centres one
 * apart). The 18 bins of the reading are wider than one site, so without the refinement a site's synthetic readings
 * spread over its bins (the marginal shape inside a bin holds the neighbouring sites); with it they stay on the site.
 */
@ExtendWith(SparkExtension.class)
class BinRefinementTest {
  @TempDir
  static Path dir;
  static SparkSession spark;
  static Dataset<Row> real;
  static TableProfile profile;

  @BeforeAll
  static void data() {
    spark = SparkExtension.spark();
    // seeded Gaussian noise from the JVM, one row per (site, i)
    Random rng = new Random(7);
    List<Row> rows = new java.util.ArrayList<>();
    for (int site = 0; site < 30; site++) {
      for (int i = 0; i < 200; i++) {
        rows.add(org.apache.spark.sql.RowFactory.create("s" + site, site + 0.1 * rng.nextGaussian()));
      }
    }
    real = spark.createDataFrame(rows, new org.apache.spark.sql.types.StructType()
        .add("site", "string").add("reading", "double"));
    profile = TestProfiles.profile(spark, real, "sites");
  }

  static SynthModel fit(String... overrides) {
    String[] o = Arrays.copyOf(overrides, overrides.length + 1);
    o[overrides.length] = "model.roots=[site]"; // the reading is the site's child: the structure is not under test
    return new FitAction(spark).source(real).profile(profile).settings(Fixtures.settings(o).model()).execute();
  }

  /** Share of synthetic rows whose reading lies inside its site's real [min, max]. */
  static double onSite(SynthModel model) {
    Dataset<Row> out = new GenerateAction(spark).model(model)
        .settings(Fixtures.settings("generate.rows=6000").generate()).dataset();
    Dataset<Row> range = real.groupBy("site").agg(org.apache.spark.sql.functions.min("reading").as("lo"),
        org.apache.spark.sql.functions.max("reading").as("hi"));
    Row r = out.join(range, "site").selectExpr("avg(CASE WHEN reading BETWEEN lo AND hi THEN 1D ELSE 0D END)",
        "count(*)").first();
    assertThat(r.getLong(1)).as("synthetic rows with a real site").isEqualTo(6000);
    return r.getDouble(0);
  }

  @Test
  void readingsStayOnTheirSiteOnlyWithTheRefinement() {
    SynthModel refined = fit();
    SynthModel plain = fit("model.refine.enabled=false");
    int reading = refined.metadata().nodeNames().indexOf("reading");
    assertThat(refined.metadata().parents()[reading]).as("the reading's parents")
        .contains(refined.metadata().nodeNames().indexOf("site"));
    assertThat(refined.refinement().of(reading)).isNotNull();
    assertThat(plain.refinement().isEmpty()).isTrue();
    double with = onSite(refined);
    double without = onSite(plain);
    // a site spans about 1/18 of the range while its bins hold its neighbours too: without the refinement most of a
    // site's mass lands off the site; with it, only the interpolation into the gaps between sites is lost (the
    // quantile table has about 7 points per site), so well over nine in ten readings stay within the real range
    assertThat(without).as("share on site without the refinement").isLessThan(0.7);
    assertThat(with).as("share on site with the refinement").isGreaterThan(0.9);
  }

  @Test
  void theRefinementSurvivesSaveAndLoadAndATamperedFileIsRefused() throws Exception {
    SynthModel model = fit();
    Path saved = dir.resolve("model");
    ModelStore.save(spark, model, saved.toString());
    SynthModel back = ModelStore.load(spark, saved.toString());
    assertThat(back.refinement().encode()).isEqualTo(model.refinement().encode());
    byte[] bytes = Files.readAllBytes(saved.resolve(ModelStore.REFINE));
    bytes[bytes.length - 1] ^= 1;
    Files.write(saved.resolve(ModelStore.REFINE), bytes);
    assertThatThrownBy(() -> ModelStore.load(spark, saved.toString()))
        .isInstanceOfSatisfying(LakesynthException.class, e -> assertThat(e.errorCode()).isEqualTo(
            ErrorCode.MODEL_INVALID))
        .hasMessageContaining("refine.bin does not match its checksum");
  }

  @Test
  void aDifferentiallyPrivateFitKeepsNoRefinement() {
    assertThat(fit("model.dp.enabled=true", "model.dp.epsilon=1.0", "model.dp.public-domain=true").refinement().isEmpty()).isTrue();
  }

  @Test
  void uniformPositionsPassTheTestAndConcentratedOnesDoNot() {
    Random rng = new Random(11);
    int trials = 2000;
    int rejected = 0;
    for (int t = 0; t < trials; t++) {
      double[] v = new double[20];
      for (int i = 0; i < v.length; i++) {
        v[i] = rng.nextDouble();
      }
      Arrays.sort(v);
      if (BinRefinement.ksUniform(v) > BinRefinement.KS_CRITICAL / Math.sqrt(v.length)) {
        rejected++;
      }
    }
    // a 1 % test (the asymptotic constant is conservative at n = 20): at most 1 % + 4 binomial standard errors
    assertThat(rejected / (double) trials).isLessThan(0.01 + 4 * Math.sqrt(0.01 * 0.99 / trials));
    double[] tight = new double[20];
    for (int i = 0; i < tight.length; i++) {
      tight[i] = 0.6 + 0.1 * i / tight.length;
    }
    assertThat(BinRefinement.ksUniform(tight)).isGreaterThan(BinRefinement.KS_CRITICAL / Math.sqrt(20));
  }

  @Test
  void aCellsQuantilesReproduceItsPositionsWithoutItsExtremes() {
    double[] v = new double[41];
    for (int i = 0; i < v.length; i++) {
      v[i] = 0.2 + 0.4 * i / 40.0; // uniform on [0.2, 0.6]
    }
    float[] q = BinRefinement.quantiles(v);
    assertThat(q[0]).isGreaterThan(0.2f).isLessThan(0.25f);
    assertThat(q[BinRefinement.POINTS - 1]).isLessThan(0.6f).isGreaterThan(0.55f);
    // the inverse CDF through the quantiles: the median maps to the middle, the ends extend to the cell's range
    assertThat(BinRefinement.interpolate(q, 0, 0.5)).isCloseTo(0.4, org.assertj.core.data.Offset.offset(1e-6));
    assertThat(BinRefinement.interpolate(q, 0, 0.0)).isCloseTo(0.2, org.assertj.core.data.Offset.offset(1e-3));
    assertThat(BinRefinement.interpolate(q, 0, 1.0)).isCloseTo(0.6, org.assertj.core.data.Offset.offset(1e-3));
    BinRefinement r = new BinRefinement(new int[] {3}, new long[][] {{5L}}, new float[][] {q});
    assertThat(BinRefinement.decode(r.encode()).of(3).position(5L, 0.5)).isCloseTo(0.4,
        org.assertj.core.data.Offset.offset(1e-6));
    assertThat(r.of(3).position(6L, 0.123)).as("a cell without a table keeps the uniform position").isEqualTo(0.123);
    assertThat(r.of(2)).isNull();
    assertThatThrownBy(() -> BinRefinement.decode(Arrays.copyOf(r.encode(), 10)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
