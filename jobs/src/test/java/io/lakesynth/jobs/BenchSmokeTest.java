package io.lakesynth.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakesynth.testing.SparkExtension;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The benchmark command with tiny sizes, so it does not rot (its figures are not checked: it is not a benchmark). */
@ExtendWith(SparkExtension.class)
class BenchSmokeTest {
  @TempDir
  Path dir;

  @Test
  void benchRunsEverySectionAndPrintsRatios() {
    SparkExtension.spark();
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    int code = Bench.run(new String[] {"--rows", "3000", "--fit-rows", "2000", "--fit-columns", "30",
        "--fit-columns-rows", "1000", "--formats", "parquet,delta", "--dir", dir.toString()},
        new PrintStream(buf, true, StandardCharsets.UTF_8));
    String out = buf.toString(StandardCharsets.UTF_8);
    assertThat(code).isZero();
    assertThat(out).contains("profile: 3000 rows x 15 columns", "ratio")
        .contains("fit: 2000 rows x 15 columns", "fit: 1000 rows x 30 columns")
        .contains("generate parquet: 3000 rows", "generate delta: 3000 rows", "peak heap");
    assertThat(Bench.run(new String[] {"--frob"}, new PrintStream(new ByteArrayOutputStream()))).isEqualTo(2);
    buf.reset();
    assertThat(Bench.run(new String[] {"--only", "evaluate", "--evaluate-rows", "4000", "--dir", dir.toString()},
        new PrintStream(buf, true, StandardCharsets.UTF_8))).isZero();
    assertThat(buf.toString(StandardCharsets.UTF_8)).contains("evaluate: 4000 rows x 5 columns", "ratio",
        "TSTR ratio");
  }
}
