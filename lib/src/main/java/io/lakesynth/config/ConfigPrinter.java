package io.lakesynth.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/** Renders the resolved configuration with secrets masked, for logs and {@code --print-config}. */
public final class ConfigPrinter {
  /** Keys whose values are never printed. */
  public static final Pattern SECRET_KEY = Pattern.compile(
      "(?i).*(secret|password|passwd|token|credential|session|access[._-]?key|private[._-]?key|signature).*");
  public static final String MASK = "****";

  private ConfigPrinter() {}

  /** One "key = value" line per leaf under lakesynth, sorted, secrets masked. */
  public static String render(Config config) {
    Map<String, ConfigValue> sorted = new TreeMap<>();
    for (Map.Entry<String, ConfigValue> e : config.getConfig(SettingsLoader.ROOT).entrySet()) {
      sorted.put(SettingsLoader.ROOT + "." + e.getKey(), e.getValue());
    }
    StringBuilder sb = new StringBuilder();
    for (Map.Entry<String, ConfigValue> e : sorted.entrySet()) {
      ConfigValue v = SECRET_KEY.matcher(e.getKey()).matches()
          ? ConfigValueFactory.fromAnyRef(MASK) : e.getValue();
      sb.append(e.getKey()).append(" = ").append(v.render(com.typesafe.config.ConfigRenderOptions.concise()))
          .append('\n');
    }
    return sb.toString();
  }

  /** Masks a single value if its key looks secret. */
  public static String maskIfSecret(String key, String value) {
    return SECRET_KEY.matcher(key).matches() ? MASK : value;
  }
}
