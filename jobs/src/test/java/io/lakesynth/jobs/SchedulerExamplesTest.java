package io.lakesynth.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakesynth.testing.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scheduler examples: the Airflow DAG parses and wires the four stages; the cron wrapper locks. */
class SchedulerExamplesTest {
  static final Path ROOT = TestData.projectRoot();
  @TempDir
  Path tmp;
  private int runs;

  @Test
  void airflowDagParsesAndChainsTheFourStagesWithTheRunDate() throws Exception {
    Path dag = ROOT.resolve("scripts/airflow/lakesynth_daily.py");
    // Python's own parser (Airflow itself is not needed): the task ids given to lakesynth(...), and the chain
    String script = String.join("\n",
        "import ast, sys",
        "tree = ast.parse(open(sys.argv[1]).read())",
        "ids = [n.args[0].value for n in ast.walk(tree) if isinstance(n, ast.Call)",
        "       and getattr(n.func, 'id', '') == 'lakesynth' and n.args and isinstance(n.args[0], ast.Constant)]",
        "print('tasks', ' '.join(ids))",
        "ops = [n for n in ast.walk(tree) if isinstance(n, ast.Call) and getattr(n.func, 'id', '') == 'SparkSubmitOperator']",
        "print('operators', len(ops))",
        "chain = [n for n in ast.walk(tree) if isinstance(n, ast.BinOp) and isinstance(n.op, ast.RShift)]",
        "print('shifts', len(chain))");
    ChildProcess.Result r = exec(Map.of(), "python3", "-c", script, dag.toString());
    assertThat(r.code()).as(r.all()).isZero();
    assertThat(r.all()).contains("tasks profile fit generate evaluate", "operators 1", "shifts 3");
    String text = Files.readString(dag);
    assertThat(text).contains("{{ ds }}", "\"--run-date\", RUN_DATE", "java_class=\"io.lakesynth.jobs.Main\"",
        "profile >> fit >> generate >> evaluate", "\"--mode\", \"slice\"");
  }

  @Test
  void cronWrapperRunsTheFourStagesForTheDate() throws Exception {
    ChildProcess.Result r = exec(Map.of("LAKESYNTH_LOCK_FILE", tmp.resolve("lock").toString(),
            "LAKESYNTH_SLICE_COLUMN", "event_date"),
        ROOT.resolve("scripts/cron/lakesynth-daily").toString(), "--dry-run", "--date", "2024-02-03",
        "--", "--master", "local[2]");
    assertThat(r.code()).as(r.all()).isZero();
    List<String> lines = Arrays.stream(r.all().split("\n")).filter(l -> l.contains("scripts/submit")).toList();
    assertThat(lines).hasSize(4);
    for (String stage : List.of("profile", "fit", "generate", "evaluate")) {
      assertThat(lines).anySatisfy(l -> assertThat(l).contains(" " + stage + " ", "--run-date 2024-02-03"));
    }
    assertThat(lines.get(2)).contains("--mode slice", "generate.slice.from=2024-02-03");
  }

  @Test
  void cronWrapperRefusesToOverlapARunningOne() throws Exception {
    Path lock = tmp.resolve("lock");
    // another run holds the lock for 60 s
    Process holder = new ProcessBuilder("flock", lock.toString(), "sleep", "60").start();
    try {
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (!Files.exists(lock) && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      Thread.sleep(300);
      long t0 = System.nanoTime();
      ChildProcess.Result r = exec(Map.of("LAKESYNTH_LOCK_FILE", lock.toString()),
          ROOT.resolve("scripts/cron/lakesynth-daily").toString(), "--date", "2024-02-03");
      assertThat(r.code()).isEqualTo(75);
      assertThat(r.all()).contains("another run holds", "2024-02-03");
      assertThat((System.nanoTime() - t0) / 1e9).isLessThan(10); // it did not wait for the lock
    } finally {
      holder.destroyForcibly();
      holder.waitFor(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void cronWrapperAndSubmitRejectBadArguments() throws Exception {
    assertThat(exec(Map.of(), ROOT.resolve("scripts/cron/lakesynth-daily").toString(), "--date", "3 Feb").code())
        .isEqualTo(2);
    ChildProcess.Result noCommand = exec(Map.of(), ROOT.resolve("scripts/submit").toString(), "--master", "local[2]");
    assertThat(noCommand.code()).isEqualTo(2);
    assertThat(noCommand.all()).contains("no lakesynth command");
    ChildProcess.Result badCommand = exec(Map.of(), ROOT.resolve("scripts/submit").toString(), "frobnicate");
    assertThat(badCommand.code()).isEqualTo(2);
    assertThat(badCommand.all()).contains("'frobnicate'");
  }

  @Test
  void crontabExampleIsOneScheduledLineThroughTheLockingWrapper() throws Exception {
    List<String> entries = Files.readAllLines(ROOT.resolve("scripts/cron/crontab.example")).stream()
        .filter(l -> !l.isBlank() && !l.startsWith("#") && !l.matches("^[A-Z_]+=.*")).toList();
    assertThat(entries).hasSize(1);
    String[] fields = entries.get(0).trim().split("\\s+", 6);
    assertThat(fields).hasSize(6);
    assertThat(fields[5]).contains("scripts/cron/lakesynth-daily");
  }

  /** Runs a command in the project root (logs under the test's temp dir), at most a minute. */
  ChildProcess.Result exec(Map<String, String> env, String... cmd) {
    return ChildProcess.run(tmp.resolve("logs"), "run-" + (++runs), env, Duration.ofMinutes(1), List.of(cmd));
  }
}
