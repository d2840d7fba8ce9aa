package io.lakesynth.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.lakesynth.error.LakesynthException;
import io.lakesynth.profile.TableProfile;
import io.lakesynth.testing.Fixtures;
import io.lakesynth.testing.SparkExtension;
import io.lakesynth.testing.TestProfiles;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Differential privacy of a fit, measured on the fitted model rather than by recomputing the production formula:
 * the noise is really in the tables, has the accounted size, and is fresh on every fit (never derived from
 * model.seed, which is stored in the model).
 */
@ExtendWith(SparkExtension.class)
@Timeout(300)
class DpFitTest {
  static SparkSession spark;
  static Dataset<Row> adult;
  static TableProfile profile;

  /** No parents (max-parents 0) and no smoothing: each table is a node's marginal, p = count / rows. */
  static final String[] COMMON = {"model.type=bayesnet", "model.max-parents=0", "model.smoothing=0",
      "model.sample-rows=5000"};

  @BeforeAll
  static void data() {
    spark = SparkExtension.spark();
    adult = Fixtures.adult(spark).cache();
    profile = TestProfiles.profile(spark, adult, "adult");
  }

  static SynthModel fit(String... extra) {
    String[] all = java.util.Arrays.copyOf(COMMON, COMMON.length + extra.length);
    System.arraycopy(extra, 0, all, COMMON.length, extra.length);
    return new FitAction(spark).source(adult).profile(profile).settings(Fixtures.settings(all).model()).execute();
  }

  @Test
  void noiseIsAddedWithTheAccountedScaleAndIsFreshOnEveryFit() {
    SynthModel exact = fit();
    String[] dp = {"model.dp.enabled=true", "model.dp.public-domain=true", "model.dp.epsilon=1.0",
        "model.dp.structure-share=0.3", "model.seed=42"};
    SynthModel a = fit(dp);
    SynthModel b = fit(dp); // same data, same seed
    double n = profile.rowCount();
    double scale = a.metadata().dp().laplaceScale();
    assertThat(scale).isPositive();
    assertThat(a.metadata().dp().structureEpsilon() + a.metadata().dp().countsEpsilon()).isCloseTo(1.0, within(1e-12));

    // noise per cell, read back from the model: (p_dp - p_exact) * n. The normalisation by the noisy total adds at
    // most about sqrt(2 |X|) * scale / |X| per cell, the clamp at 0 removes some: allow [0.3, 3] x scale
    double sumAbs = 0;
    int cells = 0;
    double[][] pe = exact.network().cpt();
    double[][] pa = a.network().cpt();
    for (int node = 0; node < pe.length; node++) {
      for (int s = 0; s < pe[node].length; s++) {
        sumAbs += Math.abs(pa[node][s] - pe[node][s]) * n;
        cells++;
      }
    }
    double meanAbs = sumAbs / cells;
    assertThat(meanAbs).as("mean |noise| per cell, scale %s over %s cells", scale, cells)
        .isBetween(0.3 * scale, 3 * scale);

    // a generator seeded by model.seed would give the same tables twice; SecureRandom does not
    assertThat(b.network().cpt()).isNotEqualTo(a.network().cpt());
    int differing = 0;
    for (int node = 0; node < pa.length; node++) {
      if (!java.util.Arrays.equals(pa[node], b.network().cpt()[node])) {
        differing++;
      }
    }
    assertThat(differing).isEqualTo(pa.length);
  }

  @Test
  void dpIsRefusedUntilTheDomainIsDeclaredPublic() {
    assertThatThrownBy(() -> fit("model.dp.enabled=true"))
        .isInstanceOf(LakesynthException.class)
        .hasMessageContaining("lakesynth.model.dp.public-domain")
        .hasMessageContaining("min/max");
    assertThatThrownBy(() -> fit("model.type=hybrid", "model.dp.enabled=true", "model.dp.public-domain=true"))
        .isInstanceOf(LakesynthException.class).hasMessageContaining("lakesynth.model.dp.enabled")
        .hasMessageContaining("bayesnet");
  }
}
