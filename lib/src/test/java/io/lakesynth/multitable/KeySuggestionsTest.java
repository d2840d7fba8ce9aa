package io.lakesynth.multitable;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakesynth.bench.BenchTables;
import io.lakesynth.testing.SparkExtension;
import io.lakesynth.testing.TestData;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Keys and links found in the data: the real star (flights' origin and destination in airports' iata, names that
 * differ) and the snowflake (ids named after their tables), with a decoy: users' age (18-68) lies inside the
 * accounts' id range (0-119) but is no link.
 */
@ExtendWith(SparkExtension.class)
class KeySuggestionsTest {
  static List<String> links(KeySuggestions.Result r) {
    return r.foreignKeys().stream().map(f -> f.table() + "." + f.column() + " -> " + f.parentTable() + "."
        + f.parentColumn()).sorted().toList();
  }

  @Test
  void theStarsLinksAreFoundByTheirValues(SparkSession spark) {
    Map<String, Dataset<Row>> tables = new LinkedHashMap<>();
    for (String t : List.of("airports", "flights-20k")) {
      tables.put(t.replace("-20k", ""), spark.read().option("header", true).option("inferSchema", true)
          .csv(TestData.zoo(t + ".csv").toString()));
    }
    KeySuggestions.Result r = KeySuggestions.suggest(tables, 42);
    assertThat(r.primaryKeys().get("airports")).first().extracting(KeySuggestions.PrimaryKey::column)
        .isEqualTo("iata");
    assertThat(links(r)).containsExactly("flights.destination -> airports.iata", "flights.origin -> airports.iata");
    assertThat(r.foreignKeys()).allSatisfy(f -> {
      assertThat(f.share()).isEqualTo(1.0);
      assertThat(f.named()).isFalse();
    });
    String hocon = r.hocon();
    assertThat(hocon).contains("airports { primary-key = iata }")
        .contains("{ column = origin, references = airports.iata }  # 100.0 % of 20,000 rows join (names differ");
    // the printed block is a configuration lakesynth reads
    com.typesafe.config.ConfigFactory.parseString(hocon).getConfig("tables").getConfig("flights")
        .getObjectList("foreign-keys");
  }

  @Test
  void theSnowflakesIdsAreFoundByNameAndValuesAndTheDecoyIsNot(SparkSession spark) {
    Dataset<Row>[] t = BenchTables.snowflake(spark, 120, 2);
    Map<String, Dataset<Row>> tables = new LinkedHashMap<>();
    tables.put("accounts", t[0]);
    tables.put("users", t[1]);
    tables.put("events", t[2]);
    Row age = t[1].selectExpr("min(age)", "max(age)").first();
    assertThat(age.getInt(0)).isGreaterThanOrEqualTo(0); // the decoy: every age is an account id too
    assertThat(age.getInt(1)).isLessThan(120);
    KeySuggestions.Result r = KeySuggestions.suggest(tables, 42);
    assertThat(r.primaryKeys().get("accounts").get(0).column()).isEqualTo("account_id");
    assertThat(r.primaryKeys().get("users").get(0).column()).isEqualTo("user_id");
    assertThat(r.primaryKeys().get("events").get(0).column()).isEqualTo("event_id");
    assertThat(links(r)).containsExactly("events.user_id -> users.user_id", "users.account_id -> accounts.account_id");
  }

  @Test
  void namesAreEvidenceOnlyWhenTheyNameTheKeyOrTheTable() {
    assertThat(KeySuggestions.named("account_id", "accounts", "account_id")).isTrue();
    assertThat(KeySuggestions.named("accountId", "accounts", "id")).isTrue();
    assertThat(KeySuggestions.named("category", "categories", "id")).isTrue();
    assertThat(KeySuggestions.named("age", "accounts", "account_id")).isFalse();
    assertThat(KeySuggestions.named("seats", "accounts", "id")).isFalse();
  }
}
