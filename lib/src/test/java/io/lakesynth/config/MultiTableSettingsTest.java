package io.lakesynth.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakesynth.error.LakesynthException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MultiTableSettingsTest {
  @TempDir
  Path dir;

  private Settings load(String tables) throws Exception {
    Path p = dir.resolve("mt.conf");
    Files.writeString(p, "lakesynth { work-dir = \"w\", source.format = csv, tables { " + tables + " } }");
    return SettingsLoader.load(Optional.of(p), List.of());
  }

  private void refused(String tables, String message) {
    assertThatThrownBy(() -> load(tables)).isInstanceOf(LakesynthException.class).hasMessageContaining(message)
        .extracting(e -> ((LakesynthException) e).exitCode()).isEqualTo(2);
  }

  @Test
  void tablesAreOrderedParentsFirstWithTheirOwnSettings() throws Exception {
    Settings s = load("""
        events { source.path = e, foreign-keys = [{ column = user_id, references = users.id }], scale = 2 }
        users { source.path = u, primary-key = id, foreign-keys = [{ column = acc, references = accounts.id }] }
        accounts { source { path = a, format = parquet }, primary-key = id }
        """);
    MultiTableSettings mt = s.multiTable();
    assertThat(mt.tables()).extracting(MultiTableSettings.TableSettings::name)
        .containsExactly("accounts", "users", "events");
    assertThat(mt.path("events")).extracting(MultiTableSettings.TableSettings::name)
        .containsExactly("accounts", "users", "events");
    Settings events = mt.table("events").settings();
    assertThat(events.source().name()).isEqualTo("events");
    assertThat(events.source().format()).isEqualTo(TableFormat.CSV); // from lakesynth.source
    assertThat(mt.table("accounts").settings().source().format()).isEqualTo(TableFormat.PARQUET);
    assertThat(events.outputPath()).isEqualTo("w/events/synthetic");
    assertThat(events.generate().scale()).isEqualTo(2.0);
    assertThat(events.evaluate().holdoutFraction()).isZero();
    assertThat(s.multiTable().enabled()).isTrue();
    assertThat(SettingsLoader.load(Optional.empty(), List.of()).multiTable().enabled()).isFalse();
  }

  @Test
  void theDemoConfigurationIsTheStar() {
    Path conf = Path.of("").toAbsolutePath().getParent().resolve("conf/multitable.conf");
    MultiTableSettings mt = SettingsLoader.load(Optional.of(conf), List.of()).multiTable();
    assertThat(mt.tables()).extracting(MultiTableSettings.TableSettings::name).containsExactly("airports", "flights");
    MultiTableSettings.TableSettings flights = mt.table("flights");
    assertThat(flights.foreignKeys()).containsExactly(
        new MultiTableSettings.ForeignKey("origin", "airports", "iata"),
        new MultiTableSettings.ForeignKey("destination", "airports", "iata"));
    assertThat(flights.settings().source().path()).isEqualTo("data/zoo/flights-20k.csv");
    assertThat(flights.settings().workDir()).isEqualTo("work/star/flights");
  }

  @Test
  void badSchemasAreRefusedNamingTheKey() {
    refused("a { source.path = a, primary-key = id, foreign-keys = [{ column = b_id, references = b.id }] }\n"
        + "b { source.path = b, primary-key = id, foreign-keys = [{ column = a_id, references = a.id }] }",
        "'lakesynth.tables' has an invalid value a -> b -> a: the foreign keys form a cycle");
    refused("f { source.path = f, foreign-keys = [{ column = origin, references = airport.iata }] }",
        "'lakesynth.tables.f.foreign-keys[0].references' has an invalid value airport.iata: no table 'airport'");
    refused("a { source.path = a, primary-key = code }\n"
        + "f { source.path = f, foreign-keys = [{ column = origin, references = a.iata }] }",
        "must reference the primary key of 'a' (code)");
    refused("a { source.path = a, primary-keys = id }", "Unknown configuration key 'lakesynth.tables.a.primary-keys' "
        + "(from lakesynth.tables); did you mean 'lakesynth.tables.a.primary-key'?");
    refused("a { source { path = a, fromat = csv } }", "did you mean 'lakesynth.tables.a.source.format'?");
    refused("a { source.path = a, primary-key = id }\n"
        + "f { source.path = f, children = per-row, foreign-keys = [{ column = x, references = a.id }] }",
        "'lakesynth.tables.f.children' has an invalid value 'per-row': expected per-parent or pick-parent");
    refused("a { primary-key = id }", "'lakesynth.tables.a.source.path' has an invalid value \"\"");
    // a picked key needs a table generated like a single table
    refused("a { source.path = a, primary-key = id }\n"
        + "b { source.path = b, primary-key = id, foreign-keys = [{ column = a_id, references = a.id }] }\n"
        + "c { source.path = c, foreign-keys = [{ column = a_id, references = a.id }, { column = b_id, "
        + "references = b.id }] }", "lakesynth.tables.c.foreign-keys[1]");
  }
}
