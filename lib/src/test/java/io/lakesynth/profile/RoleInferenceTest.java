package io.lakesynth.profile;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakesynth.testing.Fixtures;
import io.lakesynth.testing.SparkExtension;
import io.lakesynth.testing.TestData;
import io.lakesynth.testing.TestProfiles;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Roles on evidence, with the counter-examples that name- and uniqueness-based rules got wrong: each column is built
 * in Spark and goes through the real profile scan, so the evidence (format shares, dictionary shares, ranges) is the
 * one the pipeline computes.
 */
@ExtendWith(SparkExtension.class)
class RoleInferenceTest {
  static final List<String> FIRST_NAMES = List.of("James", "Mary", "Robert", "Patricia", "John", "Jennifer",
      "Michael", "Linda", "David", "Elizabeth", "William", "Barbara", "Richard", "Susan", "Joseph", "Jessica",
      "Thomas", "Sarah", "Charles", "Karen", "Christopher", "Lisa", "Daniel", "Nancy", "Matthew", "Betty", "Anthony",
      "Sandra", "Mark", "Ashley");
  static final List<String> STATIONS = stations();
  static TableProfile profile;

  private static List<String> stations() {
    List<String> words = List.of("SEATTLE", "TACOMA", "BOEING", "PORTLAND", "SPOKANE", "YAKIMA", "OLYMPIA",
        "EVERETT", "BELLINGHAM", "WENATCHEE");
    List<String> out = new java.util.ArrayList<>();
    for (int i = 0; i < 50; i++) {
      out.add(words.get(i % 10) + " " + words.get((i / 10 + i) % 10) + " INTERNATIONAL AIRPORT " + (char) ('A' + i % 5));
    }
    return out;
  }

  @BeforeAll
  static void profileCounterExamples() {
    SparkSession spark = SparkExtension.spark();
    String firstNames = "array(" + String.join(",", FIRST_NAMES.stream().map(n -> "'" + n + "'").toList()) + ")";
    String stations = "array(" + String.join(",", STATIONS.stream().map(n -> "'" + n + "'").toList()) + ")";
    Dataset<Row> t = spark.range(0, 4000, 1, 2).selectExpr(
        // money in cents: nearly unique integers, no key evidence
        "CAST(100 + pmod(hash(id, 1), 5000000) AS BIGINT) AS amount_cents",
        // epoch milliseconds: unique BIGINT over a wide range
        "1517966773840 + id * 997 + pmod(hash(id, 2), 900) AS time",
        // a vote count column named like a city name would be matched as a substring
        "CAST(pmod(hash(id, 3), 90000) AS INT) AS capacity",
        // coordinates
        "37.0 + pmod(hash(id, 4), 1000000) / 1e5 AS latitude",
        // a sequence of integers with a key name
        "id + 1 AS order_id",
        // a dense sequence with no key name
        "id + 1000 AS row_number_like",
        "concat_ws('.', CAST(10 + pmod(hash(id, 5), 200) AS STRING), CAST(pmod(hash(id, 6), 256) AS STRING), "
            + "CAST(pmod(hash(id, 7), 256) AS STRING), CAST(pmod(hash(id, 8), 256) AS STRING)) AS ip_address",
        stations + "[CAST(pmod(hash(id, 9), 50) AS INT)] AS `Station Name`",
        firstNames + "[CAST(pmod(hash(id, 10), 30) AS INT)] AS first_name",
        "lpad(CAST(id * 7 + 3 AS STRING), 5, '0') AS zip",
        "concat('ord-', CAST(id AS STRING), '-x', CAST(pmod(hash(id, 11), 97) AS STRING)) AS reference",
        "concat(CAST(1 + pmod(hash(id, 12), 30) AS STRING), 'km ', element_at(array('N','S','E','W','NW'), "
            + "CAST(1 + pmod(hash(id, 13), 5) AS INT)), ' of ', element_at(array('Castaic','Anza','Ridgecrest',"
            + "'Olancha','Coso'), CAST(1 + pmod(hash(id, 14), 5) AS INT)), ', CA') AS place",
        "concat('user', CAST(id AS STRING), '@example.com') AS contact",
        "date_add(DATE'2020-01-31', CAST(pmod(hash(id, 15), 36) AS INT) * 30) AS snapshot_date",
        "date_add(DATE'2015-01-01', CAST(id AS INT)) AS event_date",
        "pmod(hash(id, 16), 2) = 0 AS flag");
    profile = TestProfiles.profile(spark, t, "roles");
  }

  private static ColumnProfile col(String name) {
    return profile.column(name).orElseThrow();
  }

  @Test
  void nearlyUniqueMeasuresStayContinuous() {
    for (String name : List.of("amount_cents", "time", "capacity", "latitude")) {
      assertThat(col(name).role()).as(name + ": " + col(name).roleReason()).isEqualTo(Role.CONTINUOUS);
    }
    assertThat(col("amount_cents").roleReason()).contains("without key evidence");
  }

  @Test
  void identifiersNeedKeyEvidence() {
    assertThat(col("order_id").role()).isEqualTo(Role.IDENTIFIER);
    assertThat(col("order_id").roleReason()).contains("key token 'id'");
    assertThat(col("row_number_like").role()).isEqualTo(Role.IDENTIFIER);
    assertThat(col("row_number_like").roleReason()).contains("range");
    assertThat(col("zip").role()).as(col("zip").roleReason()).isEqualTo(Role.IDENTIFIER);
    assertThat(col("zip").roleReason()).contains("zero-padded");
    assertThat(col("reference").role()).as(col("reference").roleReason()).isEqualTo(Role.IDENTIFIER);
    assertThat(col("reference").roleReason()).contains("key token 'reference'");
  }

  @Test
  void personalDataNeedsValueEvidence() {
    assertThat(col("ip_address").role()).isEqualTo(Role.PII);
    assertThat(col("ip_address").semantic()).isEqualTo("ip"); // not a street address
    assertThat(col("contact").semantic()).isEqualTo("email");
    // 30 distinct first names: low-cardinality PII is still protected (never copied as categories)
    assertThat(col("first_name").role()).as(col("first_name").roleReason()).isEqualTo(Role.PII);
    assertThat(col("first_name").semantic()).isEqualTo("first_name");
    // a 50-value station name is a categorical, whatever its name says
    assertThat(col("Station Name").role()).as(col("Station Name").roleReason()).isEqualTo(Role.CATEGORICAL);
  }

  @Test
  void freeTextAndRepeatedDates() {
    assertThat(col("place").role()).as(col("place").roleReason()).isIn(Role.TEXT, Role.CATEGORICAL);
    assertThat(col("snapshot_date").role()).as(col("snapshot_date").roleReason()).isEqualTo(Role.CATEGORICAL);
    assertThat(col("event_date").role()).isEqualTo(Role.CONTINUOUS);
    assertThat(col("flag").role()).isEqualTo(Role.CATEGORICAL);
    for (ColumnProfile c : profile.columns()) {
      assertThat(c.roleReason()).as(c.name()).isNotBlank();
    }
  }

  @Test
  void aFrequentValueThatIsASurnameIsNotAPersonName() {
    // adult's race column: "White" (85% of rows) and "Black" are surnames; 2 of 5 distinct values are
    SparkSession spark = SparkExtension.spark();
    ColumnProfile race = TestProfiles.profile(spark, Fixtures.adult(spark).select("race", "sex"), "adult")
        .column("race").orElseThrow();
    assertThat(race.role()).as(race.roleReason()).isEqualTo(Role.CATEGORICAL);
  }

  @Test
  void zooColumnsGetTheirRoles() {
    SparkSession spark = SparkExtension.spark();
    Dataset<Row> quakes = spark.read().option("header", true).option("inferSchema", true)
        .csv(TestData.zoo("earthquakes.csv").toString());
    TableProfile p = TestProfiles.profile(spark, quakes, "earthquakes");
    assertThat(p.column("time").orElseThrow().role()).isEqualTo(Role.CONTINUOUS); // epoch ms, not sequential ids
    assertThat(p.column("id").orElseThrow().role()).isEqualTo(Role.IDENTIFIER);
    assertThat(p.column("place").orElseThrow().role()).isEqualTo(Role.TEXT);
    Dataset<Row> zips = spark.read().option("header", true).option("inferSchema", true)
        .csv(TestData.zoo("zipcodes.csv").toString())
        .withColumn("zip_code", functions.lpad(functions.col("zip_code").cast(DataTypes.StringType), 5, "0"));
    TableProfile z = TestProfiles.profile(spark, zips, "zipcodes");
    assertThat(z.column("zip_code").orElseThrow().role()).isEqualTo(Role.IDENTIFIER);
    assertThat(z.column("city").orElseThrow().role()).isEqualTo(Role.CATEGORICAL); // long tail, not a person's name
    assertThat(z.column("county").orElseThrow().role()).isEqualTo(Role.CATEGORICAL);
  }

  @Test
  void nameTokensAreWordsNotSubstrings() {
    assertThat(RoleInference.tokens("capacity")).containsExactly("capacity");
    assertThat(RoleInference.tokens("ipAddress")).containsExactly("ip", "address");
    assertThat(RoleInference.tokens("Station Name")).containsExactly("station", "name");
    assertThat(RoleInference.tokens("zip_code")).containsExactly("zip", "code");
  }
}
