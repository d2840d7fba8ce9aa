package io.lakesynth.jobs;

import io.lakesynth.config.MultiTableSettings.TableSettings;
import io.lakesynth.config.Settings;
import io.lakesynth.error.ErrorCode;
import io.lakesynth.error.LakesynthException;
import io.lakesynth.io.TableReader;
import io.lakesynth.multitable.KeySuggestions;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** {@code lakesynth suggest-keys}: candidate primary keys and links of the tables in lakesynth.tables, printed. */
final class SuggestKeysJob implements Job {
  @Override
  public String name() {
    return "suggest-keys";
  }

  @Override
  public String summary() {
    return "Find candidate primary keys and foreign-key links of several tables; prints a config to copy";
  }

  @Override
  public String help() {
    return """
        Reads every table of lakesynth.tables (each with its source; primary-key and foreign-keys may
        be left out) and prints a lakesynth.tables block with candidate keys and links, the evidence
        as comments. Nothing is applied: run uses the links of the configuration only.
        A primary key: a string or whole-number column, non-null and unique on every row (checked
        exactly), a column named like a key first (the profile's rule: a token id, uuid, key, pk, or
        a last token such as code, no, number, iata). A link: a column
        of another table whose non-null values join the key on at least 95 % of rows (a seeded
        sample of its values tested against a Bloom filter of the key, then an exact join count).
        Whole-number columns need name evidence as well (user_id or user for users.user_id): small
        integers are contained in any surrogate key range. String columns may link on values alone
        (flights' origin in airports' iata), marked "names differ".
        Example:
          lakesynth suggest-keys -c my-tables.conf > suggested.conf
        """;
  }

  @Override
  public void validate(Settings settings) {
    if (!settings.multiTable().enabled()) {
      throw new LakesynthException(ErrorCode.USAGE, "suggest-keys needs lakesynth.tables { name { source { path "
          + "= ... } }, ... } with two tables or more");
    }
  }

  @Override
  public int run(Settings settings, SparkSession spark, PrintStream out) {
    Map<String, Dataset<Row>> tables = new LinkedHashMap<>();
    for (TableSettings t : settings.multiTable().tables()) {
      tables.put(t.name(), TableReader.read(spark, t.settings().source()));
    }
    out.print(KeySuggestions.suggest(tables, settings.model().seed()).hocon());
    return 0;
  }
}
