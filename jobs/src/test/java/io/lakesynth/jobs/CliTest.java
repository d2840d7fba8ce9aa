package io.lakesynth.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakesynth.testing.TestData;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The command line without Spark: help, usage errors and configuration errors. */
class CliTest {
  record Result(int code, String out, String err) {}

  static Result run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), false);
    return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** {@code command --config conf/local.conf --source <bundled adult.csv> --work-dir work extra...}. */
  static String[] adultArgs(String command, Path work, String... extra) {
    List<String> a = new ArrayList<>(List.of(command, "--config",
        TestData.projectRoot().resolve("conf/local.conf").toString(), "--source", TestData.adult().toString(),
        "--work-dir", work.toString()));
    a.addAll(List.of(extra));
    return a.toArray(new String[0]);
  }

  @Test
  void helpListsEverySubcommandAndExitCodes() {
    Result r = run("--help");
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("profile", "fit", "generate", "evaluate", "run", "Exit codes", "--set key=value");
  }

  @Test
  void eachSubcommandHasItsOwnHelp() {
    for (String cmd : Main.JOBS.keySet()) {
      Result r = run(cmd, "--help");
      assertThat(r.code()).as(cmd).isZero();
      assertThat(r.out()).as(cmd).startsWith("Usage: lakesynth " + cmd);
    }
  }

  @Test
  void aMultiTableSchemaRunsWithRunOnly() {
    String conf = TestData.projectRoot().resolve("conf/multitable.conf").toString();
    Result r = run("generate", "--config", conf);
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("lakesynth.tables configures a multi-table schema, which runs with 'lakesynth run'");
    Result bad = run("run", "--config", conf, "--set", "tables.flights.foreign-keys=[{column=origin,"
        + "references=airport.iata}]");
    assertThat(bad.code()).isEqualTo(2);
    assertThat(bad.err()).contains("'lakesynth.tables.flights.foreign-keys[0].references' has an invalid value "
        + "airport.iata: no table 'airport' is declared (tables: airports, flights)");
  }

  @Test
  void noCommandIsAUsageError() {
    assertThat(run().code()).isEqualTo(2);
  }

  @Test
  void unknownSubcommandAndOptionAreUsageErrors() {
    Result r = run("frobnicate");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("unknown subcommand 'frobnicate'");
    Result o = run("profile", "--frob");
    assertThat(o.code()).isEqualTo(2);
    assertThat(o.err()).contains("Unknown option '--frob'");
  }

  @Test
  void configErrorsExitTwoAndNameTheKey() {
    Result missing = run("profile", "--config", "no/such.conf");
    assertThat(missing.code()).isEqualTo(2);
    assertThat(missing.err()).contains("Configuration file no/such.conf does not exist");
    Result typo = run("profile", "--set", "profile.top-kk=3");
    assertThat(typo.code()).isEqualTo(2);
    assertThat(typo.err()).contains("lakesynth.profile.top-kk", "did you mean 'lakesynth.profile.top-k'");
    Result type = run("generate", "--rows", "many");
    assertThat(type.code()).isEqualTo(2);
    assertThat(type.err()).contains("lakesynth.generate.rows");
  }

  @Test
  void printConfigShowsOverridesWithoutStartingSpark() {
    Result r = run("generate", "--rows", "123", "--output", "s3a://b/out", "--print-config");
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("lakesynth.generate.rows = 123", "lakesynth.generate.output.path = \"s3a://b/out\"");
  }

  @Test
  void versionPrints() {
    assertThat(run("--version").out()).startsWith("lakesynth ");
  }
}
