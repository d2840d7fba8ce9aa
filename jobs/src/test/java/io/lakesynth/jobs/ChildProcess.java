package io.lakesynth.jobs;

import io.lakesynth.testing.TestData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the project's scripts (scripts/lakesynth, scripts/submit, ...) as a user would: a child process in
 * the project root, stdout and stderr captured to files, with a time limit.
 */
final class ChildProcess {
  /** A finished run. {@code seconds} is the wall time. */
  record Result(int code, String out, String err, double seconds) {
    String all() {
      return out + "\n" + err;
    }
  }

  private final Process process;
  private final Path out;
  private final Path err;
  private final long started = System.nanoTime();

  private ChildProcess(Process process, Path out, Path err) {
    this.process = process;
    this.out = out;
    this.err = err;
  }

  /** Starts {@code scripts/<script> args...} in the background. */
  static ChildProcess start(Path logDir, String name, Map<String, String> env, String script, String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(TestData.projectRoot().resolve("scripts").resolve(script).toString());
    cmd.addAll(List.of(args));
    return start(logDir, name, env, cmd);
  }

  /** Starts any command in the project root in the background. */
  static ChildProcess start(Path logDir, String name, Map<String, String> env, List<String> cmd) {
    try {
      Files.createDirectories(logDir);
      Path o = logDir.resolve(name + ".out");
      Path e = logDir.resolve(name + ".err");
      ProcessBuilder pb = new ProcessBuilder(cmd).directory(TestData.projectRoot().toFile())
          .redirectOutput(o.toFile()).redirectError(e.toFile());
      pb.environment().putAll(env);
      pb.environment().putIfAbsent("LAKESYNTH_DRIVER_MEMORY", "2g");
      return new ChildProcess(pb.start(), o, e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Runs {@code scripts/<script> args...} to the end (killing it after {@code limit}). */
  static Result run(Path logDir, String name, Map<String, String> env, Duration limit, String script, String... args) {
    return start(logDir, name, env, script, args).await(limit);
  }

  /** Runs any command to the end (killing it after {@code limit}). */
  static Result run(Path logDir, String name, Map<String, String> env, Duration limit, List<String> cmd) {
    return start(logDir, name, env, cmd).await(limit);
  }

  Process process() {
    return process;
  }

  /** Waits for the end; kills the process tree and fails when it outlives {@code limit}. */
  Result await(Duration limit) {
    try {
      if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
        killTree();
        throw new AssertionError("still running after " + limit + ": " + process.info().commandLine().orElse("?")
            + "\n--- stderr tail ---\n" + tail(read(err), 4000));
      }
      return new Result(process.exitValue(), read(out), read(err), (System.nanoTime() - started) / 1e9);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  /** SIGKILL to the process and its descendants (what an OOM killer or a lost node does). */
  void killTree() {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
    try {
      process.waitFor(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  String stderrSoFar() {
    return read(err);
  }

  private static String read(Path p) {
    try {
      return Files.exists(p) ? Files.readString(p) : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String tail(String s, int n) {
    return s.length() <= n ? s : s.substring(s.length() - n);
  }
}
