package io.lakesynth.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;
import com.typesafe.config.ConfigValueType;
import io.lakesynth.config.MultiTableSettings.ForeignKey;
import io.lakesynth.config.MultiTableSettings.TableSettings;
import io.lakesynth.error.ErrorCode;
import io.lakesynth.error.LakesynthException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds {@link MultiTableSettings} from {@code lakesynth.tables} (free-form table names, each block's keys checked
 * here with a "did you mean") and {@code lakesynth.multitable}. Each table's own {@link Settings} is the whole
 * configuration with that table's source over {@code lakesynth.source}, its work dir {@code <work-dir>/<table>}, its
 * scale and roles, and every artifact path left to the work dir.
 */
final class MultiTables {
  private static final Set<String> TABLE_KEYS = Set.of("source", "primary-key", "foreign-keys", "scale", "roles",
      "children");
  private static final List<String> PER_TABLE_PATHS = List.of("profile.path", "model.path", "generate.output.path",
      "evaluate.report-dir", "evaluate.synthetic-path", "profile.history.path");

  private MultiTables() {}

  static MultiTableSettings of(Config root) {
    Config c = root.getConfig(SettingsLoader.ROOT);
    if (!c.hasPath("tables") || c.getObject("tables").isEmpty()) {
      return MultiTableSettings.none();
    }
    Config m = c.getConfig("multitable");
    List<TableSettings> declared = new ArrayList<>();
    for (Map.Entry<String, ConfigValue> e : c.getObject("tables").entrySet()) {
      declared.add(table(root, e.getKey(), e.getValue()));
    }
    return new MultiTableSettings(MultiTableSettings.ordered(declared),
        (int) range(m, "max-parent-attributes", 0, 20), (int) range(m, "max-attribute-states", 2, 10_000),
        range(m, "max-referenced-parent-rows", 1, 100_000_000), (int) range(m, "max-children", 1, 10_000_000));
  }

  private static TableSettings table(Config root, String name, ConfigValue value) {
    String prefix = "lakesynth.tables." + ConfigUtil.quoteString(name).replace("\"", "");
    if (!name.matches("[A-Za-z0-9_-]+")) {
      throw invalid("lakesynth.tables", "'" + name + "'", "a table name may hold letters, digits, '_' and '-'");
    }
    if (value.valueType() != ConfigValueType.OBJECT) {
      throw invalid(prefix, value.render(), "expected a table block { source { ... }, primary-key, foreign-keys }");
    }
    Config t = ((ConfigObject) value).toConfig();
    Config reference = ConfigFactory.defaultReference(MultiTables.class.getClassLoader());
    for (Map.Entry<String, ConfigValue> e : t.entrySet()) {
      String first = ConfigUtil.splitPath(e.getKey()).get(0);
      if (!TABLE_KEYS.contains(first)) {
        throw unknown(prefix + "." + e.getKey(), TABLE_KEYS.stream().map(k -> prefix + "." + k).toList());
      }
      if (first.equals("source") && !reference.hasPath("lakesynth." + e.getKey())) {
        List<String> known = reference.getConfig("lakesynth.source").entrySet().stream()
            .map(x -> prefix + ".source." + x.getKey()).toList();
        throw unknown(prefix + "." + e.getKey(), known);
      }
    }
    Config c = root.getConfig(SettingsLoader.ROOT);
    String pk = t.hasPath("primary-key") ? string(t, "primary-key", prefix) : "";
    List<ForeignKey> fks = new ArrayList<>();
    if (t.hasPath("foreign-keys")) {
      List<? extends ConfigObject> list;
      try {
        list = t.getObjectList("foreign-keys");
      } catch (ConfigException.WrongType ex) {
        throw invalid(prefix + ".foreign-keys", t.getValue("foreign-keys").render(),
            "expected a list of { column = ..., references = table.column }");
      }
      for (int i = 0; i < list.size(); i++) {
        fks.add(foreignKey(list.get(i).toConfig(), prefix + ".foreign-keys[" + i + "]"));
      }
    }
    String workDir = c.getString("work-dir").replaceAll("/+$", "") + "/" + name;
    Config own = ConfigFactory.empty()
        .withValue("lakesynth.source", (t.hasPath("source") ? t.getConfig("source") : ConfigFactory.empty())
            .withValue("name", ConfigValueFactory.fromAnyRef(name)).withFallback(c.getConfig("source")).root())
        .withValue("lakesynth.work-dir", ConfigValueFactory.fromAnyRef(workDir))
        .withValue("lakesynth.generate.rows", ConfigValueFactory.fromAnyRef(-1))
        // the real tables' links are what the model learns from: every row is fitted (no holdout split of a parent
        // would keep its children's counts honest)
        .withValue("lakesynth.evaluate.holdout-fraction", ConfigValueFactory.fromAnyRef(0.0))
        .withValue("lakesynth.evaluate.target", ConfigValueFactory.fromAnyRef(""));
    for (String p : PER_TABLE_PATHS) {
      own = own.withValue("lakesynth." + p, ConfigValueFactory.fromAnyRef(""));
    }
    if (t.hasPath("scale")) {
      own = own.withValue("lakesynth.generate.scale", t.getValue("scale"));
    }
    if (t.hasPath("roles")) {
      own = own.withValue("lakesynth.profile.roles",
          t.getConfig("roles").withFallback(c.getConfig("profile.roles")).root());
    }
    Settings settings = SettingsLoader.build(own.withFallback(root.withoutPath("lakesynth.tables")).resolve());
    if (settings.source().path().isBlank()) {
      throw invalid(prefix + ".source.path", "\"\"", "every table needs its source path");
    }
    String children = t.hasPath("children") ? string(t, "children", prefix) : "per-parent";
    if (!children.equals("per-parent") && !children.equals("pick-parent")) {
      throw invalid(prefix + ".children", "'" + children + "'", "expected per-parent or pick-parent");
    }
    if (children.equals("pick-parent") && fks.isEmpty()) {
      throw invalid(prefix + ".children", "'" + children + "'", "the table has no foreign-keys to pick");
    }
    return new TableSettings(name, pk, List.copyOf(fks), children.equals("pick-parent"), settings);
  }

  private static ForeignKey foreignKey(Config f, String key) {
    for (Map.Entry<String, ConfigValue> e : f.entrySet()) {
      if (!e.getKey().equals("column") && !e.getKey().equals("references")) {
        throw unknown(key + "." + e.getKey(), List.of(key + ".column", key + ".references"));
      }
    }
    String column = string(f, "column", key);
    String ref = string(f, "references", key);
    int dot = ref.indexOf('.');
    if (dot <= 0 || dot == ref.length() - 1) {
      throw invalid(key + ".references", "'" + ref + "'", "expected table.column, e.g. airports.iata");
    }
    return new ForeignKey(column, ref.substring(0, dot), ref.substring(dot + 1));
  }

  private static String string(Config c, String key, String prefix) {
    if (!c.hasPath(key)) {
      throw invalid(prefix + "." + key, "(missing)", "required");
    }
    String v;
    try {
      v = c.getString(key);
    } catch (ConfigException.WrongType e) {
      throw new LakesynthException(ErrorCode.CONFIG_WRONG_TYPE, e, prefix + "." + key, e.getMessage());
    }
    if (v.isBlank()) {
      throw invalid(prefix + "." + key, "\"\"", "must not be empty");
    }
    return v.trim();
  }

  private static long range(Config c, String key, long min, long max) {
    long v = c.getLong(key);
    if (v < min || v > max) {
      throw invalid("lakesynth.multitable." + key, v, "must be between " + min + " and " + max);
    }
    return v;
  }

  private static LakesynthException invalid(String key, Object value, String why) {
    return new LakesynthException(ErrorCode.CONFIG_INVALID_VALUE, key, value, why);
  }

  private static LakesynthException unknown(String key, List<String> known) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String k : known) {
      int d = SettingsLoader.levenshtein(k, key);
      if (d < bestDistance) {
        bestDistance = d;
        best = k;
      }
    }
    String hint = best != null && bestDistance <= Math.max(3, key.length() / 4) ? "; did you mean '" + best + "'?"
        : "";
    return new LakesynthException(ErrorCode.CONFIG_UNKNOWN_KEY, key, "lakesynth.tables", hint);
  }
}
