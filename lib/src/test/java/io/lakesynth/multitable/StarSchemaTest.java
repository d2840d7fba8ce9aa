package io.lakesynth.multitable;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakesynth.config.MultiTableSettings;
import io.lakesynth.config.Settings;
import io.lakesynth.config.SettingsLoader;
import io.lakesynth.io.TableReader;
import io.lakesynth.multitable.MultiTableFit.Fitted;
import io.lakesynth.testing.SparkExtension;
import io.lakesynth.testing.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The real two-table star airports + flights (data/zoo): fit, generate, keys that join. */
@ExtendWith(SparkExtension.class)
class StarSchemaTest {
  @TempDir
  static Path dir;
  static MultiTableSettings mt;

  static Path conf(Path work) throws Exception {
    Path conf = work.resolve("star.conf");
    Files.writeString(conf, """
        lakesynth {
          work-dir = "%s"
          generate.output.mode = overwrite
          # the star is written as Delta tables (the snowflake test writes Parquet): children through the same
          # staged Delta commit as single tables
          generate.output.format = delta
          evaluate { sample-rows = 10000, dcr-sample-rows = 200 }
          tables {
            # names of places are not what this test is about: no string models to fit
            airports { source { path = "%s", format = csv }, primary-key = iata
                       roles { name = ignored, city = ignored } }
            flights {
              source { path = "%s", format = csv }
              children = pick-parent
              foreign-keys = [{ column = origin, references = airports.iata },
                              { column = destination, references = airports.iata }]
            }
          }
        }
        """.formatted(work, TestData.zoo("airports.csv"), TestData.zoo("flights-20k.csv")));
    return conf;
  }

  static MultiTableRun.Result result;
  static Settings settings;

  @BeforeAll
  static void run() throws Exception {
    settings = load(dir);
    mt = settings.multiTable();
    result = new MultiTableRun(SparkExtension.spark()).settings(settings).execute();
  }

  static Settings load(Path work) throws Exception {
    return SettingsLoader.load(Optional.of(conf(work)), List.of());
  }

  @Test
  void everySyntheticKeyJoinsASyntheticAirportAndTheLinksKeepTheirShape(SparkSession spark) {
    Settings a = mt.table("airports").settings();
    Settings f = mt.table("flights").settings();
    // reading as Delta fails unless a Delta log was committed
    Dataset<Row> airports = spark.read().format("delta").load(a.outputPath());
    Dataset<Row> flights = spark.read().format("delta").load(f.outputPath());
    assertThat(Files.isDirectory(Path.of(f.outputPath(), "_delta_log"))).isTrue();
    assertThat(airports.count()).isEqualTo(3376);
    assertThat(airports.select("iata").distinct().count()).isEqualTo(3376);
    assertThat(flights.count()).isEqualTo(20_000);
    for (String fk : List.of("origin", "destination")) {
      assertThat(KeyChecks.orphanRows(flights, fk, airports, "iata")).as(fk).isZero();
    }
    assertThat(result.report().links()).hasSize(2);
    for (MultiTableReport.LinkEntry l : result.report().links()) {
      assertThat(l.referentialIntegrity()).isEqualTo(1.0);
      // 1 - KS over 3,376 airports: measured 0.99 against 0.07 for flights put on uniformly random airports
      assertThat(l.cardinalityShape()).as(l.foreignKey()).isGreaterThan(0.95);
      assertThat(l.cardinalityShapeBaseline()).as(l.foreignKey()).isLessThan(0.2);
      // measured 0.95-0.96 against 0.86 for random airports (a sampling noise of about 0.01 on 10,000-row samples)
      assertThat(l.parentChildTrends().synthetic()).as(l.foreignKey())
          .isGreaterThan(l.parentChildTrends().baseline() + 0.05);
    }
  }
}
