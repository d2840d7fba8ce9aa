package io.lakesynth.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import java.util.Map;
import java.util.TreeMap;

/**
 * Renders the resolved configuration with secrets masked, for logs and {@code --print-config}. Which keys are
 * secret is decided by {@link Redaction}: Hadoop's and Spark's sensitive-key patterns plus lakesynth's, plus any
 * {@code spark.redaction.regex} or {@code hadoop.security.sensitive-config-keys} set in {@code spark.conf}.
 */
public final class ConfigPrinter {
  public static final String MASK = Redaction.MASK;
  private static final String SPARK_CONF = SettingsLoader.ROOT + ".spark.conf";

  private ConfigPrinter() {}

  /** One "key = value" line per leaf under lakesynth, sorted, secrets masked. */
  public static String render(Config config) {
    Redaction redaction = redaction(config);
    Map<String, ConfigValue> sorted = new TreeMap<>();
    for (Map.Entry<String, ConfigValue> e : config.getConfig(SettingsLoader.ROOT).entrySet()) {
      sorted.put(SettingsLoader.ROOT + "." + e.getKey(), e.getValue());
    }
    StringBuilder sb = new StringBuilder();
    for (Map.Entry<String, ConfigValue> e : sorted.entrySet()) {
      String value = redaction.isSensitive(String.join(".", ConfigUtil.splitPath(e.getKey())))
          ? ConfigUtil.quoteString(MASK) : e.getValue().render(ConfigRenderOptions.concise());
      sb.append(e.getKey()).append(" = ").append(value).append('\n');
    }
    return sb.toString();
  }

  /** The redaction rules for a configuration: the defaults plus the user's own patterns in spark.conf. */
  public static Redaction redaction(Config config) {
    if (!config.hasPath(SPARK_CONF)) {
      return Redaction.defaults();
    }
    Map<String, Object> conf = config.getConfig(SPARK_CONF).root().unwrapped();
    return Redaction.defaults().with(string(conf.get("spark.redaction.regex")),
        string(conf.get("spark.hadoop." + Redaction.HADOOP_KEY)));
  }

  private static String string(Object o) {
    return o == null ? null : String.valueOf(o);
  }

  /** Masks a single value if its key is sensitive by the default rules. */
  public static String maskIfSecret(String key, String value) {
    return Redaction.defaults().redact(key, value);
  }
}
