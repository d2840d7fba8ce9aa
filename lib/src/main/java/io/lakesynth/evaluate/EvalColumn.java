package io.lakesynth.evaluate;

import io.lakesynth.error.ErrorCode;
import io.lakesynth.error.LakesynthException;
import io.lakesynth.model.ModelFrames;
import io.lakesynth.profile.ColumnProfile;
import io.lakesynth.profile.Role;
import io.lakesynth.profile.RoleInference;
import io.lakesynth.profile.TableProfile;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructField;

/**
 * One source column under evaluation: its role (from the profile, else from the Spark type), the role's reason, and
 * how it is compared. Every source column gets one, so the report accounts for all of them.
 *
 * @param kind CONTINUOUS (numeric space, KSComplement), CATEGORICAL (strings, TVComplement), TEXT (strings: length
 *     and character-bigram similarity, or TVComplement when the values repeat like categories), IDENTIFIER
 *     (uniqueness and format checks, outside Quality), NONE (no comparison; {@code reason} says why)
 * @param ceiling 1 - the share of rows the model cannot reproduce (rare values), when the profile knows it
 */
record EvalColumn(String name, String sparkType, String role, String roleReason, Kind kind, String reason,
    Double ceiling) {

  enum Kind { CONTINUOUS, CATEGORICAL, TEXT, IDENTIFIER, NONE }

  boolean continuous() {
    return kind == Kind.CONTINUOUS;
  }

  /** Compared through the sampled arrays (everything but NONE). */
  boolean sampled() {
    return kind != Kind.NONE;
  }

  /** The column in numeric space (continuous) or as a string (every other kind). */
  Column prepared() {
    return ModelFrames.prepared(name, sparkType, continuous() ? Role.CONTINUOUS : Role.CATEGORICAL);
  }

  static List<EvalColumn> plan(Dataset<Row> real, Dataset<Row> synthetic, TableProfile profile, String table,
      String syntheticPath) {
    List<EvalColumn> out = new ArrayList<>();
    List<String> synCols = List.of(synthetic.columns());
    for (StructField f : real.schema().fields()) {
      String type = f.dataType().sql();
      ColumnProfile c = profile == null ? null : profile.column(f.name()).orElse(null);
      Role role = c == null ? null : c.role();
      String reason = c == null || c.roleReason() == null ? "" : c.roleReason();
      if (role == null) {
        role = inferRole(type);
        reason = "no profile: from the Spark type " + type;
      }
      if (!synCols.contains(f.name())) {
        if (role == Role.IGNORED) {
          out.add(new EvalColumn(f.name(), type, role.configName(), reason, Kind.NONE,
              "ignored and absent from the synthetic table", null));
          continue;
        }
        throw new LakesynthException(ErrorCode.EVALUATE_INVALID, syntheticPath,
            "it has no column '" + f.name() + "' of the real table " + table);
      }
      Kind kind = kindOf(role, type);
      String why = switch (kind) {
        case NONE -> role == Role.IGNORED ? "role ignored: the column is not synthesized"
            : "type " + type + " cannot be compared";
        case IDENTIFIER -> "identifier: checked for uniqueness and format, not counted in Quality";
        default -> "";
      };
      out.add(new EvalColumn(f.name(), type, role.configName(), reason, kind, why, ceiling(c, profile, kind)));
    }
    return out;
  }

  /** Roles map to kinds; a role this version does not know is compared by its Spark type. */
  static Kind kindOf(Role role, String type) {
    RoleInference.Kind k = RoleInference.kindOf(type);
    if (k == RoleInference.Kind.COMPLEX) {
      return Kind.NONE;
    }
    return switch (role.name()) {
      case "CONTINUOUS" -> k == RoleInference.Kind.STRING ? Kind.CATEGORICAL : Kind.CONTINUOUS;
      case "CATEGORICAL", "CONSTANT" -> Kind.CATEGORICAL;
      case "IDENTIFIER" -> Kind.IDENTIFIER;
      case "TEXT", "PII" -> k == RoleInference.Kind.STRING ? Kind.TEXT : Kind.CATEGORICAL;
      case "IGNORED" -> Kind.NONE;
      default -> k == RoleInference.Kind.STRING ? Kind.TEXT
          : k == RoleInference.Kind.BOOLEAN ? Kind.CATEGORICAL : Kind.CONTINUOUS;
    };
  }

  /** Without a profile: booleans and strings are categorical, numbers and dates continuous, the rest ignored. */
  static Role inferRole(String type) {
    return switch (RoleInference.kindOf(type)) {
      case BOOLEAN, STRING -> Role.CATEGORICAL;
      case INTEGRAL, FRACTIONAL, DATETIME -> Role.CONTINUOUS;
      case COMPLEX -> Role.IGNORED;
    };
  }

  /**
   * 1 - rare mass: the TVComplement reachable when the values outside the model's kept set never reach the output
   * (their real share is lost once and appears once as surplus elsewhere, so TVD is at least that share). The rare
   * mass is the profile's count of non-null rows outside its kept values; absent when unknown or zero.
   */
  static Double ceiling(ColumnProfile c, TableProfile profile, Kind kind) {
    if (c == null || profile == null || profile.rowCount() <= 0
        || (kind != Kind.CATEGORICAL && kind != Kind.TEXT) || c.otherCount() <= 0) {
      return null;
    }
    return 1.0 - (double) c.otherCount() / profile.rowCount();
  }
}
