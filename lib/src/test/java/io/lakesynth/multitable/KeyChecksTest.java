package io.lakesynth.multitable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakesynth.config.MultiTableSettings;
import io.lakesynth.config.SettingsLoader;
import io.lakesynth.error.LakesynthException;
import io.lakesynth.testing.SparkExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The keys of the real tables, checked before any fit: columns, types, unique primary keys, orphans. */
@ExtendWith(SparkExtension.class)
class KeyChecksTest {
  @TempDir
  Path dir;

  private MultiTableSettings schema() throws Exception {
    Path p = dir.resolve("k.conf");
    Files.writeString(p, """
        lakesynth.tables {
          airports { source.path = a, primary-key = iata }
          flights { source.path = f, foreign-keys = [{ column = origin, references = airports.iata }] }
        }
        """);
    return SettingsLoader.load(Optional.of(p), List.of()).multiTable();
  }

  @Test
  void keysAreCheckedAndOrphansCounted(SparkSession spark) throws Exception {
    MultiTableSettings mt = schema();
    Dataset<Row> airports =
        spark.sql("SELECT * FROM VALUES ('ORD', 'IL'), ('SFO', 'CA'), ('ORD', 'IL') AS t(iata, state)");
    Dataset<Row> flights = spark.sql("SELECT * FROM VALUES ('ORD', 5), ('XXX', 7), (NULL, 1) AS t(origin, delay)");
    Map<String, Dataset<Row>> tables = Map.of("airports", airports, "flights", flights);
    KeyChecks.columns(mt, Map.of("airports", airports.schema(), "flights", flights.schema()));
    assertThatThrownBy(() -> KeyChecks.primaryKeys(mt, tables)).isInstanceOf(LakesynthException.class)
        .hasMessage("Table a, column 'iata': it is the primary key of table airports but has 1 duplicate and 0 null "
            + "value(s) in 3 rows; a key must be unique and non-null")
        .extracting(e -> ((LakesynthException) e).exitCode()).isEqualTo(3);
    // an unknown key and a null key are both orphans
    assertThat(KeyChecks.orphans(mt, tables)).containsEntry("flights.origin", 2L);
    Dataset<Row> renamed = flights.withColumnRenamed("origin", "from");
    assertThatThrownBy(() -> KeyChecks.columns(mt, Map.of("airports", airports.schema(), "flights", renamed.schema())))
        .hasMessage("Configuration key 'lakesynth.tables.flights.foreign-keys[0].column' has an invalid value origin: "
            + "table flights has no such column (columns: from, delay)");
    Dataset<Row> numeric = spark.sql("SELECT * FROM VALUES (1, 5) AS t(origin, delay)");
    assertThatThrownBy(() -> KeyChecks.columns(mt, Map.of("airports", airports.schema(), "flights", numeric.schema())))
        .hasMessageContaining("its type INT in table flights does not match airports.iata (STRING)");
  }
}
