package io.lakesynth.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakesynth.testing.SparkExtension;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code scripts/bench --scenario lake} at a small size: every stage of the pipeline and the slice backfill run on the
 * lake table and report their figures (the figures' values are a benchmark's business, not a test's). TSTR is off
 * here (its two forests cost about 40 s whatever the size; EvaluateActionTest covers it).
 */
@ExtendWith(SparkExtension.class)
class LakeBenchSmokeTest {
  static final long ROWS = 20_000;

  @TempDir
  Path dir;

  @Test
  void everyStageRunsAndIsMetered() {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    LakeBench.Outcome o = new LakeBench(SparkExtension.spark(), new PrintStream(buf, true, StandardCharsets.UTF_8),
        dir.toString(), List.of("evaluate.target=\"\"", "evaluate.sample-rows=5000", "evaluate.dcr-sample-rows=500"))
        .run(ROWS, 90);
    assertThat(o.lines()).extracting(LakeBench.Line::stage).hasSize(6).satisfiesExactly(
        s -> assertThat(s).startsWith("holdout split"), s -> assertThat(s).startsWith("profile"),
        s -> assertThat(s).startsWith("fit"), s -> assertThat(s).startsWith("generate"),
        s -> assertThat(s).startsWith("evaluate"), s -> assertThat(s).startsWith("backfill 90 days"));
    for (LakeBench.Line l : o.lines()) {
      assertThat(l.seconds()).as(l.stage()).isPositive();
      assertThat(l.baselineSeconds()).as(l.stage()).isPositive();
      assertThat(l.figures().jobs()).as(l.stage() + ": Spark jobs").isPositive();
      assertThat(l.figures().driverPeak()).as(l.stage() + ": driver heap").isPositive();
      assertThat(l.figures().executorPeak()).as(l.stage() + ": local mode has no executor JVM").isEqualTo(-1);
    }
    assertThat(o.lines().get(0).figures().shuffleBytes()).as("the split shuffles rows").isPositive();
    assertThat(o.lines().get(3).figures().shuffleBytes()).as("generate does not shuffle").isZero();
    assertThat(o.syntheticRows()).isEqualTo(ROWS);
    assertThat(o.backfillDays()).as("the backfill wrote every day").isEqualTo(90);
    // rows per day come from the profile's partition counts of the train split (about 80% of the rows)
    assertThat(o.backfillRows()).isBetween(ROWS * 7 / 10, ROWS * 9 / 10);
    assertThat(o.quality()).isBetween(0.5, 1.0);
    String out = buf.toString(StandardCharsets.UTF_8);
    assertThat(out).contains("lake scenario: 20000 rows x 21 columns", "| stage | seconds | baseline",
        "| profile (train split) |", "| backfill 90 days (slice) |");
    assertThat(Bench.run(new String[] {"--scenario", "frob"}, new PrintStream(new ByteArrayOutputStream())))
        .isEqualTo(2);
  }
}
