package io.lakesynth.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakesynth.error.ErrorCode;
import io.lakesynth.error.LakesynthException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsLoaderTest {
  @TempDir
  Path dir;

  private Path write(String name, String content) throws Exception {
    Path p = dir.resolve(name);
    Files.writeString(p, content);
    return p;
  }

  @Test
  void defaultsBuildWithoutAFile() {
    Settings s = SettingsLoader.load(Optional.empty(), List.of());
    assertThat(s.model().type()).isEqualTo(ModelType.BAYESNET);
    assertThat(s.generate().output().mode()).isEqualTo(WriteMode.ERROR_IF_EXISTS);
    assertThat(s.profilePath()).isEqualTo("work/profile.json");
    assertThat(s.modelPath()).isEqualTo("work/model");
    assertThat(s.generate().partitionBy()).isEmpty();
  }

  @Test
  void projectConfFilesAreValid() {
    Path root = Path.of("").toAbsolutePath().getParent().resolve("conf");
    for (String f : List.of("local.conf", "cluster.conf")) {
      Settings s = SettingsLoader.load(Optional.of(root.resolve(f)), List.of());
      assertThat(s.spark().appName()).isEqualTo("lakesynth");
    }
    Settings local = SettingsLoader.load(Optional.of(root.resolve("local.conf")), List.of());
    assertThat(local.source().format()).isEqualTo(TableFormat.CSV);
    assertThat(local.spark().master()).isEqualTo("local[*]");
  }

  @Test
  void missingFileNamesThePath() {
    Path missing = dir.resolve("nope.conf");
    assertThatThrownBy(() -> SettingsLoader.load(Optional.of(missing), List.of()))
        .isInstanceOf(LakesynthException.class)
        .hasMessage("Configuration file " + missing + " does not exist")
        .extracting(e -> ((LakesynthException) e).exitCode()).isEqualTo(2);
  }

  @Test
  void unknownKeyInFileIsNamedWithSuggestion() throws Exception {
    Path f = write("typo.conf", "lakesynth { generate { rowz = 10 } }");
    assertThatThrownBy(() -> SettingsLoader.load(Optional.of(f), List.of()))
        .isInstanceOf(LakesynthException.class)
        .hasMessageContaining("Unknown configuration key 'lakesynth.generate.rowz'")
        .hasMessageContaining(f.toString())
        .hasMessageContaining("did you mean 'lakesynth.generate.rows'");
  }

  @Test
  void keysOutsideTheRootAreRejected() throws Exception {
    Path f = write("root.conf", "generate { rows = 10 }");
    assertThatThrownBy(() -> SettingsLoader.load(Optional.of(f), List.of()))
        .hasMessageContaining("Unknown configuration key 'generate.rows'");
  }

  @Test
  void wrongTypeNamesTheKey() throws Exception {
    Path f = write("type.conf", "lakesynth { generate { rows = lots } }");
    assertThatThrownBy(() -> SettingsLoader.load(Optional.of(f), List.of()))
        .isInstanceOf(LakesynthException.class)
        .satisfies(e -> assertThat(((LakesynthException) e).errorCode()).isEqualTo(ErrorCode.CONFIG_WRONG_TYPE))
        .hasMessageContaining("lakesynth.generate.rows");
  }

  @Test
  void invalidEnumValueListsTheChoices() {
    assertThatThrownBy(() -> SettingsLoader.load(Optional.empty(), List.of("model.type=forest")))
        .hasMessage("Configuration key 'lakesynth.model.type' has an invalid value 'forest': "
            + "expected one of bayesnet, gmm, hybrid");
  }

  @Test
  void absurdRowCountsAreRejected() {
    assertThatThrownBy(() -> SettingsLoader.load(Optional.empty(), List.of("generate.rows=-5")))
        .hasMessageContaining("lakesynth.generate.rows")
        .hasMessageContaining("-5");
    assertThatThrownBy(() -> SettingsLoader.load(Optional.empty(), List.of("generate.rows=0")))
        .hasMessageContaining("lakesynth.generate.rows");
  }

  @Test
  void overridesWinOverTheFileAndKeepPathsIntact() throws Exception {
    Path f = write("base.conf", "lakesynth { generate.rows = 10, source.path = \"a\" }");
    Settings s = SettingsLoader.load(Optional.of(f), List.of(
        "generate.rows=25", "lakesynth.source.path=s3a://bucket/tables/t1", "spark.conf.spark.sql.shuffle.partitions=3",
        "model.roots=[sex, income]", "generate.partition-by=[event_date]"));
    assertThat(s.generate().rows()).isEqualTo(25);
    assertThat(s.source().path()).isEqualTo("s3a://bucket/tables/t1");
    assertThat(s.spark().conf()).containsEntry("spark.sql.shuffle.partitions", "3");
    assertThat(s.model().roots()).containsExactly("sex", "income");
    assertThat(s.generate().partitionBy()).contains(List.of("event_date"));
  }

  @Test
  void badOverridesAreNamed() {
    assertThatThrownBy(() -> SettingsLoader.load(Optional.empty(), List.of("generate.rows")))
        .hasMessage("Bad --set override 'generate.rows': expected key=value");
    assertThatThrownBy(() -> SettingsLoader.load(Optional.empty(), List.of("generate.rowz=3")))
        .hasMessageContaining("Unknown configuration key 'lakesynth.generate.rowz' (from --set)");
    assertThatThrownBy(() -> SettingsLoader.load(Optional.empty(), List.of("generate.rows=[1,")))
        .hasMessageStartingWith("Bad --set override 'generate.rows=[1,'");
  }

  @Test
  void environmentSubstitutionAndMaskedPrinting() throws Exception {
    // PATH is always set: it stands in for a secret coming from the environment
    Path f = write("env.conf", "lakesynth.spark.conf { \"spark.hadoop.fs.s3a.secret.key\" = ${?PATH}, "
        + "\"spark.hadoop.fs.s3a.endpoint\" = ${?LAKESYNTH_SURELY_UNSET_VAR} }");
    var config = SettingsLoader.loadConfig(Optional.of(f), List.of());
    Settings s = SettingsLoader.build(config);
    assertThat(s.spark().conf()).containsEntry("spark.hadoop.fs.s3a.secret.key", System.getenv("PATH"));
    assertThat(s.spark().conf()).doesNotContainKey("spark.hadoop.fs.s3a.endpoint");
    String printed = ConfigPrinter.render(config);
    assertThat(printed).contains("\"spark.hadoop.fs.s3a.secret.key\" = \"****\"");
    assertThat(printed).doesNotContain(System.getenv("PATH"));
  }

  @Test
  void conditionsAndRolesAreValidated() {
    Settings s = SettingsLoader.load(Optional.empty(), List.of(
        "generate.conditions={ income { \">50K\" = 0.5, \"<=50K\" = 0.5 } }", "profile.roles={ fnlwgt = ignored }"));
    assertThat(s.generate().conditions().get("income")).containsEntry(">50K", 0.5);
    assertThat(s.profile().roles()).containsEntry("fnlwgt", "ignored");
    assertThatThrownBy(() -> SettingsLoader.load(Optional.empty(), List.of("profile.roles={ a = weird }")))
        .hasMessageContaining("lakesynth.profile.roles.a");
  }
}
