package io.lakesynth.jobs;

import com.typesafe.config.Config;
import io.lakesynth.config.ConfigPrinter;
import io.lakesynth.config.Settings;
import io.lakesynth.config.SettingsLoader;
import io.lakesynth.error.ErrorCode;
import io.lakesynth.error.LakesynthException;
import io.lakesynth.io.SparkSessions;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lakesynth command line: {@code lakesynth <profile|fit|generate|evaluate|run|suggest-keys> [options]}.
 * Works under spark-submit (master from Spark) and from scripts/lakesynth (master from config).
 * Exit codes: 0 ok, 1 internal error, 2 usage/config error, 3 bad input data, 4 gate failed,
 * 5 storage failure while writing (retryable).
 */
public final class Main {
  private static final Logger LOG = LoggerFactory.getLogger(Main.class);
  public static final String VERSION = io.lakesynth.Version.VERSION;

  static final Map<String, Job> JOBS = new LinkedHashMap<>();

  static {
    for (Job j : new Job[] {new ProfileJob(), new FitJob(), new GenerateJob(), new EvaluateJob(), new RunJob(),
        new SuggestKeysJob()}) {
      JOBS.put(j.name(), j);
    }
  }

  private Main() {}

  public static void main(String[] args) {
    int code = run(args, System.out, System.err, true);
    System.exit(code);
  }

  /**
   * Runs one command and returns its exit code. {@code stopSpark} is false in tests that share
   * a session.
   */
  public static int run(String[] args, PrintStream out, PrintStream err, boolean stopSpark) {
    SparkSession spark = null;
    try {
      CommandLine cl = CommandLine.parse(args);
      if (cl.version()) {
        out.println("lakesynth " + VERSION);
        return 0;
      }
      if (cl.command() == null) {
        out.print(overview());
        return cl.help() ? 0 : 2;
      }
      Job job = JOBS.get(cl.command());
      if (job == null) {
        err.println("lakesynth: unknown subcommand '" + cl.command() + "'\n");
        err.print(overview());
        return 2;
      }
      if (cl.help()) {
        out.print(help(job));
        return 0;
      }
      Config config = SettingsLoader.loadConfig(cl.configFile(), cl.overrides());
      Settings settings = SettingsLoader.build(config);
      if (cl.printConfig()) {
        out.print(ConfigPrinter.render(config));
        return 0;
      }
      LOG.info("lakesynth {} {}: resolved configuration (secrets masked):\n{}", VERSION, job.name(),
          ConfigPrinter.render(config));
      if (settings.multiTable().enabled() && !job.name().equals("run") && !job.name().equals("suggest-keys")) {
        throw new LakesynthException(ErrorCode.USAGE, "lakesynth.tables configures a multi-table schema, which runs "
            + "with 'lakesynth run' (profile, fit, generate and evaluate of every table); '" + job.name()
            + "' works on one table (lakesynth.source)");
      }
      job.validate(settings);
      spark = SparkSessions.getOrCreate(settings.spark());
      long t0 = System.nanoTime();
      int code = job.run(settings, spark, out);
      LOG.info("lakesynth {} finished with exit code {} in {} s", job.name(), code,
          String.format("%.1f", (System.nanoTime() - t0) / 1e9));
      return code;
    } catch (LakesynthException e) {
      err.println("lakesynth: error " + e.errorCode().code() + ": " + e.getMessage());
      LOG.debug("details", e);
      return e.exitCode();
    } catch (Exception e) {
      LakesynthException known = findCause(e);
      if (known != null) {
        err.println("lakesynth: error " + known.errorCode().code() + ": " + known.getMessage());
        return known.exitCode();
      }
      err.println("lakesynth: internal error: " + e);
      e.printStackTrace(err);
      return ErrorCode.INTERNAL.exitCode();
    } finally {
      if (spark != null && stopSpark) {
        spark.stop();
      }
    }
  }

  private static LakesynthException findCause(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof LakesynthException le) {
        return le;
      }
    }
    return null;
  }

  static String overview() {
    StringBuilder sb = new StringBuilder();
    sb.append("lakesynth ").append(VERSION).append(" - synthetic copies of big tables on Apache Spark\n\n")
        .append("Usage: lakesynth <command> [--config FILE] [--set key=value ...] [options]\n\n")
        .append("Commands:\n");
    for (Job j : JOBS.values()) {
      sb.append(String.format("  %-10s %s%n", j.name(), j.summary()));
    }
    sb.append("\nRun 'lakesynth <command> --help' for the options of one command.\n")
        .append(COMMON);
    return sb.toString();
  }

  static String help(Job job) {
    return "Usage: lakesynth " + job.name() + " [--config FILE] [--set key=value ...] [options]\n\n"
        + job.summary() + "\n\n" + job.help() + "\n" + COMMON;
  }

  static final String COMMON = """

      Common options:
        -c, --config FILE     HOCON configuration (e.g. conf/local.conf); defaults from reference.conf
        --set key=value       override one key, e.g. --set generate.rows=1000 (repeatable;
                              the 'lakesynth.' prefix is optional)
        --print-config        print the resolved configuration (secrets masked) and exit
        --help                this help;  --version  print the version
      Shortcuts (each sets one key):
        --source PATH (source.path)       --source-format F (source.format)   --name N (source.name)
        --work-dir DIR (work-dir)         --profile PATH (profile.path)       --model DIR (model.path)
        --model-type T (model.type)       --output PATH (generate.output.path)
        --output-format F (generate.output.format)   --mode M (generate.output.mode)
        --rows N (generate.rows)          --seed N (generate.seed)            --synthetic PATH (evaluate.synthetic-path)
        --report DIR (evaluate.report-dir)   --target COL (evaluate.target)   --run-date yyyy-MM-dd (run-date)
        --master URL (spark.master; ignored under spark-submit, which sets the master)

      Exit codes: 0 ok, 1 internal error, 2 usage or configuration error, 3 bad input data,
                  4 a quality or privacy gate failed, 5 storage failed while writing (retryable).
      """;
}
