package io.lakesynth.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Which configuration keys hold secrets. A key is sensitive when any of these patterns is found in it (case
 * insensitive, on the key with HOCON quotes removed):
 * <ol>
 *   <li>Hadoop's {@code hadoop.security.sensitive-config-keys}, read from the core-default.xml of the Hadoop on
 *       the class path (a copy of Hadoop 3.4's list when Hadoop is absent), e.g. {@code fs.azure.account.key.*},
 *       {@code fs.s3a.encryption.key}, {@code secret$};</li>
 *   <li>Spark's {@code spark.redaction.regex} default, {@value #SPARK_DEFAULT} (a test compares it with the Spark
 *       on the class path);</li>
 *   <li>lakesynth's own, {@value #OURS};</li>
 *   <li>a {@code spark.redaction.regex} or Hadoop list the user adds in {@code spark.conf} (see {@link #with}).</li>
 * </ol>
 */
public final class Redaction {
  /** Spark 4.1's default for spark.redaction.regex (org.apache.spark.internal.config.SECRET_REDACTION_PATTERN). */
  public static final String SPARK_DEFAULT = "(?i)secret|password|token|access[.]?key";
  /** lakesynth's additions. */
  public static final String OURS = "(?i)passwd|credential|private[._-]?key|signature|encryption[._-]?key"
      + "|account[._-]?key|session[._-]?(key|token)|api[._-]?key|sas[._-]?token|client[._-]?secret";
  public static final String MASK = "****";
  static final String HADOOP_KEY = "hadoop.security.sensitive-config-keys";

  /** Hadoop 3.4.2's default list, used only when Hadoop's core-default.xml cannot be read. */
  static final List<String> HADOOP_FALLBACK = List.of("secret$", "password$", "ssl.keystore.pass$",
      "fs.s3a.server-side-encryption.key", "fs.s3a.*.server-side-encryption.key", "fs.s3a.encryption.algorithm",
      "fs.s3a.encryption.key", "fs.s3a.secret.key", "fs.s3a.*.secret.key", "fs.s3a.session.key",
      "fs.s3a.*.session.key", "fs.s3a.session.token", "fs.s3a.*.session.token", "fs.azure.account.key.*",
      "fs.azure.oauth2.*", "fs.adl.oauth2.*", "fs.gs.encryption.*", "fs.gs.proxy.*", "fs.gs.auth.*", "credential$",
      "oauth.*secret", "oauth.*password", "oauth.*token", "hadoop.security.sensitive-config-keys");

  private static final Redaction DEFAULT = new Redaction(defaultPatterns());

  private final List<Pattern> patterns;

  private Redaction(List<Pattern> patterns) {
    this.patterns = List.copyOf(patterns);
  }

  /** Hadoop's, Spark's and lakesynth's patterns. */
  public static Redaction defaults() {
    return DEFAULT;
  }

  /**
   * The defaults plus a user's {@code spark.redaction.regex} and Hadoop list (either may be null or blank); a
   * pattern that does not compile is ignored rather than hiding the configuration error being reported.
   */
  public Redaction with(String sparkRegex, String hadoopKeys) {
    List<Pattern> all = new ArrayList<>(patterns);
    if (sparkRegex != null && !sparkRegex.isBlank()) {
      compile(sparkRegex, all);
    }
    if (hadoopKeys != null) {
      for (String p : hadoopKeys.split("[,\\n]")) {
        if (!p.isBlank()) {
          compile(p.trim(), all);
        }
      }
    }
    return new Redaction(all);
  }

  /** The regular expressions in use, Hadoop's first. */
  public List<String> patterns() {
    return patterns.stream().map(Pattern::pattern).toList();
  }

  public boolean isSensitive(String key) {
    String k = key.replace("\"", "").toLowerCase(Locale.ROOT);
    for (Pattern p : patterns) {
      if (p.matcher(k).find()) {
        return true;
      }
    }
    return false;
  }

  /** {@link #MASK} for a sensitive key's value, the value otherwise. */
  public String redact(String key, String value) {
    return isSensitive(key) ? MASK : value;
  }

  private static List<Pattern> defaultPatterns() {
    List<Pattern> out = new ArrayList<>();
    for (String p : hadoopDefaults()) {
      compile(p, out);
    }
    compile(SPARK_DEFAULT, out);
    compile(OURS, out);
    return out;
  }

  /** Hadoop's own default list from its core-default.xml. */
  static List<String> hadoopDefaults() {
    try {
      org.apache.hadoop.conf.Configuration c = new org.apache.hadoop.conf.Configuration(false);
      c.addResource("core-default.xml");
      String[] keys = c.getTrimmedStrings(HADOOP_KEY);
      return keys.length == 0 ? HADOOP_FALLBACK : List.of(keys);
    } catch (LinkageError | RuntimeException e) { // Hadoop not on the class path
      return HADOOP_FALLBACK;
    }
  }

  private static void compile(String regex, List<Pattern> into) {
    try {
      into.add(Pattern.compile(regex, Pattern.CASE_INSENSITIVE));
    } catch (PatternSyntaxException e) {
      // ignored: see with()
    }
  }
}
