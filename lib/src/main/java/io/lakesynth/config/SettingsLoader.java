package io.lakesynth.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigResolveOptions;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;
import com.typesafe.config.ConfigValueType;
import io.lakesynth.config.Settings.CsvSettings;
import io.lakesynth.config.Settings.DpSettings;
import io.lakesynth.config.Settings.EvaluateSettings;
import io.lakesynth.config.Settings.GateSettings;
import io.lakesynth.config.Settings.GenerateSettings;
import io.lakesynth.config.Settings.GmmSettings;
import io.lakesynth.config.Settings.HistorySettings;
import io.lakesynth.config.Settings.ModelSettings;
import io.lakesynth.config.Settings.OutputSettings;
import io.lakesynth.config.Settings.ProfileSettings;
import io.lakesynth.config.Settings.RefineSettings;
import io.lakesynth.config.Settings.RareValueSettings;
import io.lakesynth.config.Settings.TextSettings;
import io.lakesynth.config.Settings.SliceSettings;
import io.lakesynth.config.Settings.SourceSettings;
import io.lakesynth.config.Settings.SparkSettings;
import io.lakesynth.error.ErrorCode;
import io.lakesynth.error.LakesynthException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Loads configuration once: reference.conf defaults, then an optional user file, then
 * {@code --set key=value} overrides, with {@code ${?ENV}} substitution. Validates types against
 * the reference, rejects unknown keys, and builds the immutable {@link Settings}.
 */
public final class SettingsLoader {
  /** Root of every lakesynth key. */
  public static final String ROOT = "lakesynth";

  /** Sub-trees whose keys are the user's (not checked against the reference). */
  static final Set<String> FREE_FORM = Set.of(
      "lakesynth.spark.conf", "lakesynth.profile.roles", "lakesynth.generate.conditions",
      "lakesynth.model.rare-values.columns", "lakesynth.tables");

  /** Keys that may be absent from reference.conf but are allowed. */
  static final Set<String> OPTIONAL_KEYS = Set.of("lakesynth.generate.partition-by");

  private SettingsLoader() {}

  /** The resolved configuration tree (reference + file + overrides), validated. */
  public static Config loadConfig(Optional<Path> file, List<String> overrides) {
    Config reference = ConfigFactory.defaultReference(SettingsLoader.class.getClassLoader());
    Config user = ConfigFactory.empty();
    String origin = "defaults";
    if (file.isPresent()) {
      Path p = file.get();
      if (!Files.isRegularFile(p)) {
        throw new LakesynthException(ErrorCode.CONFIG_FILE_MISSING, p);
      }
      try {
        user = ConfigFactory.parseFile(p.toFile(), ConfigParseOptions.defaults().setAllowMissing(false));
      } catch (ConfigException e) {
        throw new LakesynthException(ErrorCode.CONFIG_PARSE, e, p, e.getMessage());
      }
      origin = p.toString();
    }
    checkUnknownKeys(user, reference, origin);
    Config over = ConfigFactory.empty();
    for (String o : overrides) {
      over = parseOverride(o, reference).withFallback(over);
    }
    Config merged;
    try {
      merged = over.withFallback(user).withFallback(reference)
          .resolve(ConfigResolveOptions.defaults().setAllowUnresolved(false));
    } catch (ConfigException.UnresolvedSubstitution e) {
      throw new LakesynthException(ErrorCode.CONFIG_PARSE, e, origin, e.getMessage());
    }
    try {
      merged.checkValid(reference, ROOT);
    } catch (ConfigException.ValidationFailed e) {
      ConfigException.ValidationProblem first = e.problems().iterator().next();
      throw new LakesynthException(ErrorCode.CONFIG_WRONG_TYPE, e, first.path(), first.problem());
    }
    checkConvertible(merged, reference);
    return merged;
  }

  /** checkValid accepts a string where a number is expected; this names the key when it cannot convert. */
  private static void checkConvertible(Config merged, Config reference) {
    for (Map.Entry<String, ConfigValue> e : reference.entrySet()) {
      String key = e.getKey();
      if (!merged.hasPath(key)) {
        continue;
      }
      try {
        switch (e.getValue().valueType()) {
          case NUMBER -> merged.getDouble(key);
          case BOOLEAN -> merged.getBoolean(key);
          case LIST -> merged.getList(key);
          default -> { }
        }
      } catch (ConfigException.WrongType | ConfigException.BadValue ex) {
        ConfigValue v = merged.getValue(key);
        throw new LakesynthException(ErrorCode.CONFIG_WRONG_TYPE, ex, key,
            "expected " + e.getValue().valueType().name().toLowerCase(Locale.ROOT) + " but got "
                + v.render(com.typesafe.config.ConfigRenderOptions.concise()) + " (" + v.origin().description() + ")");
      }
    }
  }

  /** Loads and builds the settings record; every problem is a {@link LakesynthException} with exit code 2. */
  public static Settings load(Optional<Path> file, List<String> overrides) {
    return build(loadConfig(file, overrides));
  }

  static Config parseOverride(String override, Config reference) {
    int eq = override.indexOf('=');
    if (eq <= 0) {
      throw new LakesynthException(ErrorCode.CONFIG_BAD_OVERRIDE, override, "expected key=value");
    }
    String key = override.substring(0, eq).trim();
    String raw = override.substring(eq + 1).trim();
    if (!key.startsWith(ROOT + ".")) {
      key = ROOT + "." + key;
    }
    String freeRoot = freeFormRoot(key);
    boolean known = freeRoot != null || OPTIONAL_KEYS.contains(key) || isLeaf(reference, key);
    if (!known) {
      throw new LakesynthException(ErrorCode.CONFIG_UNKNOWN_KEY, key, "--set", suggestion(reference, key));
    }
    try {
      ConfigValue value;
      ConfigValueType type = isLeaf(reference, key) ? reference.getValue(key).valueType() : null;
      if (type == ConfigValueType.STRING) {
        value = ConfigValueFactory.fromAnyRef(unquote(raw), "--set " + key);
      } else if (freeRoot != null && freeRoot.equals("lakesynth.spark.conf")) {
        // spark.conf.<spark key>: everything after the prefix is one key that contains dots; HOCON quotes around it
        // (or around parts of it) are path syntax, not part of the Spark key; unbalanced quotes are refused
        String sparkKey = String.join(".", com.typesafe.config.ConfigUtil.splitPath(
            key.substring(freeRoot.length() + 1)));
        Config c = ConfigFactory.empty().withValue(
            freeRoot, ConfigValueFactory.fromMap(Map.of(sparkKey, unquote(raw))));
        return c;
      } else {
        value = ConfigFactory.parseString("v = " + raw).getValue("v");
      }
      return ConfigFactory.empty().withValue(key, value);
    } catch (ConfigException e) {
      boolean secret = Redaction.defaults().isSensitive(key);
      throw new LakesynthException(ErrorCode.CONFIG_BAD_OVERRIDE, e,
          secret ? key + "=" + Redaction.MASK : override, secret ? "cannot parse the value" : e.getMessage());
    }
  }

  private static String unquote(String raw) {
    if (raw.length() >= 2 && raw.startsWith("\"") && raw.endsWith("\"")) {
      return raw.substring(1, raw.length() - 1);
    }
    return raw;
  }

  private static boolean isLeaf(Config reference, String key) {
    try {
      return reference.hasPath(key) && reference.getValue(key).valueType() != ConfigValueType.OBJECT;
    } catch (ConfigException e) {
      return false;
    }
  }

  private static String freeFormRoot(String key) {
    for (String f : FREE_FORM) {
      if (key.equals(f) || key.startsWith(f + ".")) {
        return f;
      }
    }
    return null;
  }

  static void checkUnknownKeys(Config user, Config reference, String origin) {
    for (Map.Entry<String, ConfigValue> e : user.entrySet()) {
      String key = e.getKey();
      if (!key.startsWith(ROOT + ".")) {
        throw new LakesynthException(ErrorCode.CONFIG_UNKNOWN_KEY, key, origin,
            " (all keys live under '" + ROOT + " { ... }')");
      }
      if (freeFormRoot(key) != null || OPTIONAL_KEYS.contains(key)) {
        continue;
      }
      if (!reference.hasPath(key)) {
        throw new LakesynthException(ErrorCode.CONFIG_UNKNOWN_KEY, key, origin, suggestion(reference, key));
      }
    }
  }

  /** "; did you mean ..." from the closest reference key by edit distance. */
  private static String suggestion(Config reference, String key) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (Map.Entry<String, ConfigValue> e : reference.getConfig(ROOT).entrySet()) {
      String candidate = ROOT + "." + e.getKey();
      int d = levenshtein(candidate, key);
      if (d < bestDistance) {
        bestDistance = d;
        best = candidate;
      }
    }
    return best != null && bestDistance <= Math.max(3, key.length() / 4) ? "; did you mean '" + best + "'?" : "";
  }

  static int levenshtein(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }

  // ---------------------------------------------------------------- building the records

  /** Builds the settings record from a configuration already loaded by {@link #loadConfig}. */
  public static Settings build(Config root) {
    Config c = root.getConfig(ROOT);
    String runDate = c.getString("run-date");
    if (!runDate.isEmpty()) {
      try {
        LocalDate.parse(runDate);
      } catch (DateTimeParseException e) {
        throw invalid("run-date", runDate, "expected yyyy-MM-dd");
      }
    }
    return new Settings(
        runDate,
        c.getString("run-id"),
        nonEmpty(c, "work-dir"),
        spark(c.getConfig("spark")),
        source(c.getConfig("source")),
        profile(c.getConfig("profile")),
        model(c.getConfig("model")),
        generate(c),
        evaluate(c.getConfig("evaluate")),
        MultiTables.of(root));
  }

  private static SparkSettings spark(Config c) {
    Map<String, String> conf = new LinkedHashMap<>();
    for (Map.Entry<String, ConfigValue> e : c.getConfig("conf").entrySet()) {
      String key = String.join(".", com.typesafe.config.ConfigUtil.splitPath(e.getKey()));
      conf.put(key, String.valueOf(e.getValue().unwrapped()));
    }
    String level = c.getString("log-level").toUpperCase(Locale.ROOT);
    if (!List.of("ALL", "DEBUG", "INFO", "WARN", "ERROR", "FATAL", "OFF", "TRACE").contains(level)) {
      throw invalid("spark.log-level", level, "expected one of DEBUG, INFO, WARN, ERROR, OFF");
    }
    return new SparkSettings(c.getString("master"), c.getString("app-name"), level,
        Collections.unmodifiableMap(conf));
  }

  private static SourceSettings source(Config c) {
    Config csv = c.getConfig("csv");
    String delimiter = csv.getString("delimiter");
    if (delimiter.isEmpty()) {
      throw invalid("source.csv.delimiter", "\"\"", "must not be empty");
    }
    return new SourceSettings(
        nonEmpty(c, "name"),
        c.getString("path"),
        enumValue(c, "format", "source.format", TableFormat.class),
        c.getString("filter"),
        new CsvSettings(csv.getBoolean("header"), delimiter, csv.getString("null-value"),
            csv.getBoolean("infer-schema"), csv.getBoolean("trim"), csv.getBoolean("strict"), encoding(csv)));
  }

  private static String encoding(Config csv) {
    String e = csv.getString("encoding").trim();
    try {
      return java.nio.charset.Charset.forName(e).name();
    } catch (IllegalArgumentException ex) {
      throw invalid("source.csv.encoding", "'" + e + "'", "not a charset this JVM knows (e.g. UTF-8, ISO-8859-1, "
          + "windows-1252)");
    }
  }

  private static ProfileSettings profile(Config c) {
    Map<String, String> roles = new LinkedHashMap<>();
    for (Map.Entry<String, ConfigValue> e : c.getConfig("roles").root().entrySet()) {
      String role = String.valueOf(e.getValue().unwrapped()).toLowerCase(Locale.ROOT);
      if (!List.of("categorical", "continuous", "identifier", "text", "pii", "constant", "ignored").contains(role)) {
        throw invalid("profile.roles." + e.getKey(), role,
            "expected categorical, continuous, identifier, text, pii, constant or ignored");
      }
      roles.put(e.getKey(), role);
    }
    Config h = c.getConfig("history");
    TableFormat historyFormat = enumValue(h, "format", "profile.history.format", TableFormat.class);
    if (historyFormat == TableFormat.CSV) {
      throw invalid("profile.history.format", "csv", "expected parquet or delta");
    }
    return new ProfileSettings(
        c.getString("path"),
        intIn(c, "top-k", "profile.top-k", 1, 100_000),
        intIn(c, "rare-threshold", "profile.rare-threshold", 1, 1_000_000),
        intIn(c, "quantiles", "profile.quantiles", 3, 10_001),
        doubleIn(c, "quantile-relative-error", "profile.quantile-relative-error", 1e-6, 0.5),
        intIn(c, "bins", "profile.bins", 2, 1000),
        intIn(c, "categorical-max-distinct", "profile.categorical-max-distinct", 1, 100_000),
        doubleIn(c, "identifier-min-distinct-ratio", "profile.identifier-min-distinct-ratio", 0.0, 1.0),
        intIn(c, "dependence-sample-rows", "profile.dependence-sample-rows", 100, 10_000_000),
        whole(c, "seed", "profile.seed"),
        intIn(c, "max-partitions", "profile.max-partitions", 1, 10_000_000),
        c.getBoolean("model-complex-types"),
        Collections.unmodifiableMap(roles),
        new HistorySettings(h.getString("path"), historyFormat));
  }

  private static ModelSettings model(Config c) {
    Config g = c.getConfig("gmm");
    int minK = intIn(g, "min-components", "model.gmm.min-components", 1, 100);
    int maxK = intIn(g, "max-components", "model.gmm.max-components", 1, 100);
    if (maxK < minK) {
      throw invalid("model.gmm.max-components", maxK, "must be >= model.gmm.min-components (" + minK + ")");
    }
    Config dp = c.getConfig("dp");
    Config rare = c.getConfig("rare-values");
    Map<String, String> rareColumns = new LinkedHashMap<>();
    for (Map.Entry<String, ConfigValue> e : rare.getConfig("columns").root().entrySet()) {
      rareColumns.put(e.getKey(), rarePolicy(String.valueOf(e.getValue().unwrapped()),
          "model.rare-values.columns." + e.getKey()));
    }
    Config text = c.getConfig("text");
    Config refine = c.getConfig("refine");
    return new ModelSettings(
        c.getString("path"),
        enumValue(c, "type", "model.type", ModelType.class),
        whole(c, "seed", "model.seed"),
        intIn(c, "max-parents", "model.max-parents", -1, 8),
        intIn(c, "sample-rows", "model.sample-rows", 100, 50_000_000),
        doubleIn(c, "smoothing", "model.smoothing", 0.0, 1e6),
        c.getBoolean("adaptive-smoothing"),
        List.copyOf(c.getStringList("roots")),
        longIn(c, "max-cpt-cells", "model.max-cpt-cells", 1, 1_000_000_000L),
        new GmmSettings(minK, maxK, intIn(g, "max-iterations", "model.gmm.max-iterations", 1, 100_000),
            doubleIn(g, "tolerance", "model.gmm.tolerance", 0.0, 1.0), gmmEngine(g)),
        new DpSettings(dp.getBoolean("enabled"), doubleIn(dp, "epsilon", "model.dp.epsilon", 1e-6, 1e6),
            doubleIn(dp, "structure-share", "model.dp.structure-share", 0.01, 0.99),
            dp.getBoolean("public-domain")),
        new RareValueSettings(rarePolicy(rare.getString("policy"), "model.rare-values.policy"),
            doubleIn(rare, "generate-above", "model.rare-values.generate-above", 0.0, 1.0),
            Collections.unmodifiableMap(rareColumns)),
        new TextSettings(intIn(text, "order", "model.text.order", 1, 8),
            intIn(text, "max-transitions", "model.text.max-transitions", 100, 10_000_000),
            intIn(text, "max-length", "model.text.max-length", 1, 100_000),
            longIn(text, "sample-rows", "model.text.sample-rows", 0, Long.MAX_VALUE)),
        new RefineSettings(refine.getBoolean("enabled"),
            intIn(refine, "min-rows", "model.refine.min-rows", 2, 1_000_000),
            intIn(refine, "max-cells", "model.refine.max-cells", 0, 10_000_000)));
  }

  private static String rarePolicy(String value, String key) {
    String v = value.trim().toLowerCase(Locale.ROOT);
    if (!List.of("auto", "redistribute", "generate").contains(v)) {
      throw invalid(key, value, "expected auto, redistribute or generate");
    }
    return v;
  }

  private static String gmmEngine(Config g) {
    String e = g.getString("engine");
    if (!e.equals("em") && !e.equals("mllib")) {
      throw invalid("model.gmm.engine", e, "expected em or mllib");
    }
    return e;
  }

  private static GenerateSettings generate(Config root) {
    Config c = root.getConfig("generate");
    long rows = whole(c, "rows", "generate.rows");
    if (rows < -1 || rows == 0) {
      throw invalid("generate.rows", rows, "must be a positive row count, or -1 to use generate.scale");
    }
    if (rows > 1_000_000_000_000L) {
      throw invalid("generate.rows", rows, "more than 10^12 rows is not supported");
    }
    double scale = c.getDouble("scale");
    if (!(scale > 0) || scale > 1e6) {
      throw invalid("generate.scale", scale, "must be > 0 and <= 1000000");
    }
    Optional<List<String>> partitionBy = c.hasPath("partition-by")
        ? Optional.of(List.copyOf(c.getStringList("partition-by"))) : Optional.empty();
    Config out = c.getConfig("output");
    TableFormat format = enumValue(out, "format", "generate.output.format", TableFormat.class);
    if (format == TableFormat.CSV) {
      throw invalid("generate.output.format", "csv", "expected parquet or delta");
    }
    Config s = c.getConfig("slice");
    SliceSettings slice = new SliceSettings(s.getString("column"), s.getString("from"), s.getString("to"),
        List.copyOf(s.getStringList("values")), whole(s, "rows-per-partition", "generate.slice.rows-per-partition"));
    WriteMode mode = enumValue(out, "mode", "generate.output.mode", WriteMode.class);
    if (mode == WriteMode.SLICE && !slice.isSet()) {
      throw invalid("generate.output.mode", "slice", "needs generate.slice.column with from/to or values");
    }
    if (slice.isSet() && slice.values().isEmpty() && (slice.from().isEmpty() || slice.to().isEmpty())) {
      throw invalid("generate.slice", slice.column(), "needs both from and to, or a list of values");
    }
    Map<String, Map<String, Double>> conditions = new LinkedHashMap<>();
    for (Map.Entry<String, ConfigValue> col : c.getConfig("conditions").root().entrySet()) {
      if (col.getValue().valueType() != ConfigValueType.OBJECT) {
        throw invalid("generate.conditions." + col.getKey(), col.getValue().render(),
            "expected an object of value = probability");
      }
      Map<String, Double> dist = new LinkedHashMap<>();
      double total = 0;
      for (Map.Entry<String, ConfigValue> v : ((com.typesafe.config.ConfigObject) col.getValue()).entrySet()) {
        Object p = v.getValue().unwrapped();
        if (!(p instanceof Number n) || n.doubleValue() < 0) {
          throw invalid("generate.conditions." + col.getKey() + "." + v.getKey(), v.getValue().render(),
              "expected a probability >= 0");
        }
        dist.put(v.getKey(), n.doubleValue());
        total += n.doubleValue();
      }
      if (!(total > 0)) {
        throw invalid("generate.conditions." + col.getKey(), total, "probabilities must add up to more than 0");
      }
      conditions.put(col.getKey(), Collections.unmodifiableMap(dist));
    }
    return new GenerateSettings(rows, scale,
        intIn(c, "partitions", "generate.partitions", 0, 1_000_000),
        whole(c, "seed", "generate.seed"),
        longIn(c, "rows-per-file", "generate.rows-per-file", 1, Long.MAX_VALUE),
        partitionBy,
        new OutputSettings(out.getString("path"), format, mode),
        slice,
        Collections.unmodifiableMap(conditions));
  }

  private static EvaluateSettings evaluate(Config c) {
    String fmt = c.getString("synthetic-format");
    Optional<TableFormat> synFormat = fmt.isEmpty() ? Optional.empty()
        : Optional.of(enumValue(c, "synthetic-format", "evaluate.synthetic-format", TableFormat.class));
    Config g = c.getConfig("gate");
    return new EvaluateSettings(
        c.getString("synthetic-path"),
        synFormat,
        c.getString("synthetic-filter"),
        c.getString("report-dir"),
        c.getString("target"),
        intIn(c, "sample-rows", "evaluate.sample-rows", 100, 10_000_000),
        intIn(c, "dcr-sample-rows", "evaluate.dcr-sample-rows", 10, 1_000_000),
        intIn(c, "tstr-rows", "evaluate.tstr-rows", 100, 10_000_000),
        doubleIn(c, "holdout-fraction", "evaluate.holdout-fraction", 0.0, 0.9),
        whole(c, "seed", "evaluate.seed"),
        new GateSettings(doubleIn(g, "min-quality", "evaluate.gate.min-quality", 0.0, 1.0),
            g.getDouble("max-exact-copy-ratio"),
            doubleIn(g, "min-dcr-ratio", "evaluate.gate.min-dcr-ratio", 0.0, 1e6)));
  }

  // ---------------------------------------------------------------- value helpers

  private static LakesynthException invalid(String key, Object value, String why) {
    return new LakesynthException(ErrorCode.CONFIG_INVALID_VALUE, ROOT + "." + key, value, why);
  }

  private static String nonEmpty(Config c, String key) {
    String v = c.getString(key);
    if (v.isBlank()) {
      throw invalid(key, "\"\"", "must not be empty");
    }
    return v;
  }

  private static int intIn(Config c, String key, String full, int min, int max) {
    long v = longIn(c, key, full, min, max);
    return (int) v;
  }

  private static long longIn(Config c, String key, String full, long min, long max) {
    long v = whole(c, key, full);
    if (v < min || v > max) {
      throw invalid(full, v, "must be between " + min + " and " + max);
    }
    return v;
  }

  /** A whole number: Typesafe Config's getLong would silently truncate 1.5 to 1 (--rows 1.5 wrote 1 row). */
  private static long whole(Config c, String key, String full) {
    try {
      double d = c.getDouble(key);
      long v = c.getLong(key);
      if (d != (double) v && !(Math.abs(d) >= 0x1p53)) {
        throw invalid(full, c.getValue(key).render(com.typesafe.config.ConfigRenderOptions.concise()),
            "must be a whole number");
      }
      return v;
    } catch (ConfigException.WrongType | ConfigException.BadValue e) {
      throw new LakesynthException(ErrorCode.CONFIG_WRONG_TYPE, e, ROOT + "." + full, e.getMessage());
    }
  }

  private static double doubleIn(Config c, String key, String full, double min, double max) {
    double v;
    try {
      v = c.getDouble(key);
    } catch (ConfigException.WrongType e) {
      throw new LakesynthException(ErrorCode.CONFIG_WRONG_TYPE, e, ROOT + "." + full, e.getMessage());
    }
    if (Double.isNaN(v) || v < min || v > max) {
      throw invalid(full, v, "must be between " + min + " and " + max);
    }
    return v;
  }

  private static <E extends Enum<E>> E enumValue(Config c, String key, String full, Class<E> type) {
    String raw = c.getString(key);
    String norm = raw.trim().toUpperCase(Locale.ROOT).replace('-', '_');
    for (E e : type.getEnumConstants()) {
      if (e.name().equals(norm)) {
        return e;
      }
    }
    List<String> names = new ArrayList<>();
    for (E e : type.getEnumConstants()) {
      names.add(e.name().toLowerCase(Locale.ROOT).replace('_', '-'));
    }
    throw invalid(full, "'" + raw + "'", "expected one of " + String.join(", ", names));
  }
}
