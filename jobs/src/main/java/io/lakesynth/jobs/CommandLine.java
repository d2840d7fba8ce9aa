package io.lakesynth.jobs;

import io.lakesynth.error.ErrorCode;
import io.lakesynth.error.LakesynthException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The parsed command line: subcommand, config file, overrides and flags. */
record CommandLine(String command, Optional<Path> configFile, List<String> overrides, boolean help,
    boolean printConfig, boolean version) {

  /** Shortcut options and the configuration key each one sets. */
  static final Map<String, String> ALIASES = new LinkedHashMap<>();

  static {
    ALIASES.put("--source", "source.path");
    ALIASES.put("--source-format", "source.format");
    ALIASES.put("--name", "source.name");
    ALIASES.put("--work-dir", "work-dir");
    ALIASES.put("--profile", "profile.path");
    ALIASES.put("--model", "model.path");
    ALIASES.put("--model-type", "model.type");
    ALIASES.put("--output", "generate.output.path");
    ALIASES.put("--output-format", "generate.output.format");
    ALIASES.put("--mode", "generate.output.mode");
    ALIASES.put("--rows", "generate.rows");
    ALIASES.put("--seed", "generate.seed");
    ALIASES.put("--synthetic", "evaluate.synthetic-path");
    ALIASES.put("--report", "evaluate.report-dir");
    ALIASES.put("--target", "evaluate.target");
    ALIASES.put("--run-date", "run-date");
    ALIASES.put("--master", "spark.master");
  }

  static CommandLine parse(String[] args) {
    String command = null;
    Path config = null;
    List<String> overrides = new ArrayList<>();
    boolean help = false;
    boolean print = false;
    boolean version = false;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      String inlineValue = null;
      if (a.startsWith("--") && a.contains("=") && !a.startsWith("--set=")) {
        inlineValue = a.substring(a.indexOf('=') + 1);
        a = a.substring(0, a.indexOf('='));
      }
      switch (a) {
        case "-h", "--help", "help" -> help = true;
        case "--version" -> version = true;
        case "--print-config" -> print = true;
        case "-c", "--config" -> config = Paths.get(inlineValue != null ? inlineValue : value(args, ++i, a));
        case "--set" -> overrides.add(value(args, ++i, a));
        default -> {
          if (a.startsWith("--set=")) {
            overrides.add(a.substring("--set=".length()));
          } else if (ALIASES.containsKey(a)) {
            overrides.add(ALIASES.get(a) + "=" + (inlineValue != null ? inlineValue : value(args, ++i, a)));
          } else if (a.startsWith("-")) {
            throw new LakesynthException(ErrorCode.USAGE, "Unknown option '" + a + "' (see --help)");
          } else if (command == null) {
            command = a;
          } else {
            throw new LakesynthException(ErrorCode.USAGE,
                "Unexpected argument '" + a + "' after subcommand '" + command + "' (see --help)");
          }
        }
      }
    }
    return new CommandLine(command, Optional.ofNullable(config), List.copyOf(overrides), help, print, version);
  }

  private static String value(String[] args, int i, String option) {
    if (i >= args.length || args[i].startsWith("--")) {
      throw new LakesynthException(ErrorCode.USAGE, "Option " + option + " needs a value");
    }
    return args[i];
  }
}
