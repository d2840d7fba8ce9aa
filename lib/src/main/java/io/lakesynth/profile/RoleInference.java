package io.lakesynth.profile;

import io.lakesynth.config.Settings.ProfileSettings;
import io.lakesynth.error.ErrorCode;
import io.lakesynth.error.LakesynthException;
import io.lakesynth.profile.ColumnProfile.StringStats;
import java.util.List;
import java.util.Locale;

/** Infers a column's role, the reason and its semantic kind from its statistics. Pure Java. */
public final class RoleInference {
  /** Column-name hints for personal data. */
  private static final List<String[]> NAME_HINTS = List.of(
      new String[] {"email", "email"}, new String[] {"e_mail", "email"}, new String[] {"phone", "phone"},
      new String[] {"mobile", "phone"}, new String[] {"first_name", "first_name"},
      new String[] {"firstname", "first_name"}, new String[] {"last_name", "last_name"},
      new String[] {"lastname", "last_name"}, new String[] {"surname", "last_name"},
      new String[] {"full_name", "name"}, new String[] {"address", "address"}, new String[] {"street", "address"},
      new String[] {"city", "city"}, new String[] {"ssn", "digits"});

  /** The inferred role, why, and the semantic kind ("" when none). */
  public record Inferred(Role role, String reason, String semantic) {}

  private RoleInference() {}

  /** Base type classes the rules work on. */
  public enum Kind { BOOLEAN, INTEGRAL, FRACTIONAL, STRING, DATETIME, COMPLEX }

  public static Kind kindOf(String sparkType) {
    String t = sparkType.toUpperCase(Locale.ROOT);
    if (t.equals("BOOLEAN")) {
      return Kind.BOOLEAN;
    }
    if (t.equals("TINYINT") || t.equals("SMALLINT") || t.equals("INT") || t.equals("BIGINT")
        || t.matches("DECIMAL\\(\\d+,\\s*0\\)")) {
      return Kind.INTEGRAL;
    }
    if (t.equals("FLOAT") || t.equals("DOUBLE") || t.startsWith("DECIMAL")) {
      return Kind.FRACTIONAL;
    }
    if (t.equals("STRING") || t.startsWith("VARCHAR") || t.startsWith("CHAR")) {
      return Kind.STRING;
    }
    if (t.equals("DATE") || t.startsWith("TIMESTAMP")) {
      return Kind.DATETIME;
    }
    return Kind.COMPLEX;
  }

  public static Inferred infer(String name, String sparkType, long rows, long nonNull, long distinct,
      StringStats strings, ProfileSettings settings) {
    String override = settings.roles().get(name);
    Kind kind = kindOf(sparkType);
    if (override != null) {
      Role r = Role.parse(override);
      if (kind == Kind.COMPLEX && r != Role.IGNORED) {
        throw new LakesynthException(ErrorCode.CONFIG_INVALID_VALUE, "lakesynth.profile.roles." + name, override,
            "column type " + sparkType + " can only be ignored");
      }
      if (r == Role.CONTINUOUS && (kind == Kind.STRING || kind == Kind.BOOLEAN)) {
        throw new LakesynthException(ErrorCode.CONFIG_INVALID_VALUE, "lakesynth.profile.roles." + name, override,
            "a " + sparkType + " column cannot be continuous");
      }
      return new Inferred(r, "configured", semantic(name, strings, r));
    }
    if (kind == Kind.COMPLEX) {
      return new Inferred(Role.IGNORED, "unsupported type " + sparkType, "");
    }
    if (nonNull == 0) {
      return new Inferred(Role.CONSTANT, "all null", "");
    }
    if (distinct <= 1) {
      return new Inferred(Role.CONSTANT, "single value", "");
    }
    double ratio = (double) distinct / nonNull;
    boolean unique = ratio >= settings.identifierMinDistinctRatio() && nonNull >= 100;
    int catMax = settings.categoricalMaxDistinct();
    switch (kind) {
      case BOOLEAN:
        return new Inferred(Role.CATEGORICAL, "boolean", "");
      case DATETIME:
        return new Inferred(Role.CONTINUOUS, "date/time", "");
      case FRACTIONAL:
        return distinct <= Math.min(10, catMax)
            ? new Inferred(Role.CATEGORICAL, distinct + " distinct values", "")
            : new Inferred(Role.CONTINUOUS, "numeric", "");
      case INTEGRAL:
        if (distinct <= catMax) {
          return new Inferred(Role.CATEGORICAL, distinct + " distinct values <= categorical-max-distinct " + catMax, "");
        }
        if (unique) {
          return new Inferred(Role.IDENTIFIER, String.format(Locale.ROOT, "%.0f%% distinct integers", 100 * ratio), "");
        }
        return new Inferred(Role.CONTINUOUS, "integer with " + distinct + " distinct values", "");
      default:
        break;
    }
    // strings
    String hint = nameHint(name);
    if (strings != null && strings.emailShare() > 0.5) {
      return new Inferred(Role.PII, "values look like emails", "email");
    }
    if (strings != null && strings.uuidShare() > 0.5) {
      return new Inferred(Role.IDENTIFIER, "values look like UUIDs", "uuid");
    }
    if (hint != null && distinct > catMax) {
      return new Inferred(Role.PII, "column name suggests " + hint, hint);
    }
    if (strings != null && strings.phoneShare() > 0.5 && distinct > catMax) {
      return new Inferred(Role.PII, "values look like phone numbers", "phone");
    }
    if (distinct <= catMax) {
      return new Inferred(Role.CATEGORICAL, distinct + " distinct values <= categorical-max-distinct " + catMax, "");
    }
    if (unique) {
      String sem = strings != null && strings.digitsShare() > 0.9 ? "digits" : "";
      return new Inferred(Role.IDENTIFIER, String.format(Locale.ROOT, "%.0f%% distinct strings", 100 * ratio), sem);
    }
    if (strings != null && strings.meanLength() > 30) {
      return new Inferred(Role.TEXT, "long free-form strings", "text");
    }
    return new Inferred(Role.CATEGORICAL, "string with " + distinct + " distinct values (top-k kept, rest OTHER)", "");
  }

  private static String semantic(String name, StringStats s, Role role) {
    if (role == Role.PII) {
      if (s != null && s.emailShare() > 0.5) {
        return "email";
      }
      String h = nameHint(name);
      return h != null ? h : (s != null && s.phoneShare() > 0.5 ? "phone" : "name");
    }
    if (role == Role.TEXT) {
      return "text";
    }
    if (role == Role.IDENTIFIER && s != null) {
      return s.uuidShare() > 0.5 ? "uuid" : s.digitsShare() > 0.9 ? "digits" : "";
    }
    return "";
  }

  static String nameHint(String name) {
    String n = name.toLowerCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
    for (String[] h : NAME_HINTS) {
      if (n.equals(h[0]) || n.endsWith("_" + h[0]) || n.startsWith(h[0] + "_") || n.contains(h[0])) {
        return h[1];
      }
    }
    if (n.equals("name") || n.endsWith("_name")) {
      return "name";
    }
    return null;
  }
}
