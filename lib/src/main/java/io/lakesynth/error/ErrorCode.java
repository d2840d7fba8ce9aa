package io.lakesynth.error;

import java.util.IllegalFormatException;
import java.util.Locale;

/**
 * Every failure lakesynth reports on purpose: a stable code, the process exit code it maps to,
 * and a message template ({@link String#format} style) that names the value at fault.
 *
 * <p>Exit codes (documented in the README): 0 ok, 1 internal error, 2 usage or configuration
 * error, 3 bad input data, 4 a quality or privacy gate failed, 5 storage failure while writing
 * (retryable: nothing was committed).
 */
public enum ErrorCode {
  // 2: usage and configuration
  USAGE("LS-USAGE", 2, "%s"),
  CONFIG_FILE_MISSING("LS-CONFIG-MISSING", 2, "Configuration file %s does not exist"),
  CONFIG_PARSE("LS-CONFIG-PARSE", 2, "Cannot parse configuration %s: %s"),
  CONFIG_UNKNOWN_KEY("LS-CONFIG-UNKNOWN-KEY", 2, "Unknown configuration key '%s' (from %s)%s"),
  CONFIG_WRONG_TYPE("LS-CONFIG-TYPE", 2, "Configuration key '%s' has the wrong type: %s"),
  CONFIG_INVALID_VALUE("LS-CONFIG-VALUE", 2, "Configuration key '%s' has an invalid value %s: %s"),
  CONFIG_BAD_OVERRIDE("LS-CONFIG-OVERRIDE", 2, "Bad --set override '%s': %s"),
  NOT_IMPLEMENTED("LS-NOT-IMPLEMENTED", 2, "The '%s' subcommand is not available yet in this build: %s"),
  OUTPUT_EXISTS("LS-OUTPUT-EXISTS", 2,
      "Output %s already exists and write mode is error-if-exists (set generate.output.mode to overwrite, append or slice)"),
  OUTPUT_IS_SOURCE("LS-OUTPUT-IS-SOURCE", 2,
      "Refusing to write %s %s: it overlaps the real table %s (%s); an output may never be, contain or lie inside a"
          + " real table"),

  // 3: bad input data
  SOURCE_MISSING("LS-SOURCE-MISSING", 3, "Cannot read table %s: no such path"),
  SOURCE_UNREADABLE("LS-SOURCE-UNREADABLE", 3, "Cannot read table %s: %s"),
  SOURCE_EMPTY("LS-SOURCE-EMPTY", 3, "Table %s has no rows%s"),
  SOURCE_BAD_COLUMN("LS-SOURCE-COLUMN", 3, "Table %s, column '%s': %s"),
  SOURCE_ENCODING("LS-SOURCE-ENCODING", 3,
      "Table %s: file %s is not valid %s at byte %d; set source.csv.encoding to the file's encoding (e.g. ISO-8859-1"
          + " or windows-1252)"),
  CSV_DELIMITER("LS-CSV-DELIMITER", 3,
      "Table %s was read as one column named '%s' with delimiter '%s': it looks '%s'-delimited; set"
          + " source.csv.delimiter = \"%s\""),
  PROFILE_INVALID("LS-PROFILE-INVALID", 3, "Profile %s is not usable: %s"),
  MODEL_MISSING("LS-MODEL-MISSING", 3, "Model directory %s does not exist or has no metadata.json"),
  MODEL_INVALID("LS-MODEL-INVALID", 3, "Model %s is not usable: %s"),
  MODEL_FORMAT("LS-MODEL-FORMAT", 3, "Model %s has format version %s; this lakesynth reads format version %s"),
  SCHEMA_MISMATCH("LS-SCHEMA-MISMATCH", 3, "Table %s does not match the model %s: %s"),
  SLICE_INVALID("LS-SLICE-INVALID", 3, "Slice %s is invalid: %s"),

  // 4: gates
  EVALUATE_INVALID("LS-EVALUATE-INPUT", 3, "Cannot evaluate %s: %s"),
  GATE_FAILED("LS-GATE", 4, "Quality/privacy gate failed: %s"),

  // 5: storage (object store or file system) failed while writing; a rerun is safe
  STORAGE("LS-STORAGE", 5, "Writing %s failed on storage: %s (nothing was committed; rerun when storage is back)"),

  // 1: internal
  INTERNAL("LS-INTERNAL", 1, "Internal error: %s");

  private final String code;
  private final int exitCode;
  private final String template;

  ErrorCode(String code, int exitCode, String template) {
    this.code = code;
    this.exitCode = exitCode;
    this.template = template;
  }

  public String code() {
    return code;
  }

  public int exitCode() {
    return exitCode;
  }

  public String template() {
    return template;
  }

  /** Fills the template; a wrong argument count never hides the original problem. */
  public String format(Object... args) {
    try {
      return String.format(Locale.ROOT, template, args);
    } catch (IllegalFormatException e) {
      return template + " " + java.util.Arrays.toString(args);
    }
  }
}
