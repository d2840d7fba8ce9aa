package io.lakesynth.model;

import io.lakesynth.profile.ColumnProfile.StringStats;
import io.lakesynth.profile.Role;
import java.util.List;

/**
 * How one source column is modelled and decoded. Part of the model metadata (JSON).
 *
 * <p>Categorical node states: {@code 0..categories-1}, then OTHER if {@code otherState}, then
 * NULL if {@code nullState}. Continuous node states: bins {@code 0..thresholds-1}, then NULL if
 * {@code nullState}. Numeric space as in the profile (dates = epoch days, timestamps = epoch
 * micros).
 *
 * @param name column name
 * @param sparkType Spark DDL type
 * @param role modelling role
 * @param semantic text/pii kind (email, name, phone, ...) or identifier format (uuid, digits, prefix)
 * @param node network node index, -1 when the column is not a node
 * @param categories category values (Spark cast to string) for categorical columns
 * @param otherState whether an OTHER state exists
 * @param nullState whether a NULL state exists
 * @param thresholds bin thresholds (numeric space) for continuous columns
 * @param binLow lower probability of each bin on the quantile table
 * @param binHigh upper probability of each bin
 * @param quantiles quantile table (numeric space)
 * @param min minimum (numeric space)
 * @param max maximum (numeric space)
 * @param integral integral values (integers, dates, timestamps)
 * @param gmmDimension index among the mixture's dimensions, -1 if not in the mixture
 * @param nullRate share of nulls (used for columns that are not nodes)
 * @param constant the value of a constant column (null when all null)
 * @param strings string statistics for identifier/text/pii columns
 * @param rowCount non-null + null rows of the source (for identifier offsets)
 * @param tail what the OTHER state (rare values, values beyond the state budget) becomes: {@link #REDISTRIBUTE}
 *     (never sampled: its probability goes to the kept values of the same parent configuration) or
 *     {@link #GENERATE} (a new value from the column's string model); "" when there is no OTHER state
 * @param decimals decimal places of FLOAT/DOUBLE values as observed (-1: keep full precision)
 * @param timeUnit timestamps are multiples of this many microseconds (0: any)
 * @param derivedKind "" or how the column is computed from {@code derivedFrom} (date_of, year_of, month_of): such a
 *     column is no node; generate computes it from its source's generated value, so the dependency holds exactly
 * @param derivedFrom the source column of a derived column, "" otherwise
 */
public record ModelColumn(
    String name,
    String sparkType,
    Role role,
    String semantic,
    int node,
    List<String> categories,
    boolean otherState,
    boolean nullState,
    double[] thresholds,
    double[] binLow,
    double[] binHigh,
    double[] quantiles,
    double min,
    double max,
    boolean integral,
    int gmmDimension,
    double nullRate,
    String constant,
    StringStats strings,
    long rowCount,
    String tail,
    int decimals,
    long timeUnit,
    String derivedKind,
    String derivedFrom) {

  public static final String REDISTRIBUTE = "redistribute";
  public static final String GENERATE = "generate";

  /** This column with another rare-value policy. */
  public ModelColumn withTail(String value) {
    return new ModelColumn(name, sparkType, role, semantic, node, categories, otherState, nullState, thresholds,
        binLow, binHigh, quantiles, min, max, integral, gmmDimension, nullRate, constant, strings, rowCount, value,
        decimals, timeUnit, derivedKind, derivedFrom);
  }

  /** Whether generate computes this column from another one. */
  public boolean derived() {
    return derivedKind != null && !derivedKind.isEmpty();
  }

  /** Whether the column's values come from a string model (text columns, generated rare values). */
  public boolean usesStringModel() {
    return role == Role.TEXT || GENERATE.equals(tail);
  }

  /** Number of states of this column's node. */
  public int cardinality() {
    if (role == Role.CATEGORICAL) {
      return categories.size() + (otherState ? 1 : 0) + (nullState ? 1 : 0);
    }
    if (role == Role.CONTINUOUS) {
      return thresholds.length + (nullState ? 1 : 0);
    }
    return 0;
  }

  /** Code of the NULL state, -1 if none. */
  public int nullCode() {
    return nullState ? cardinality() - 1 : -1;
  }

  /** Code of the OTHER state, -1 if none. */
  public int otherCode() {
    return otherState ? categories.size() : -1;
  }

  /** Number of bins of a continuous column. */
  public int bins() {
    return thresholds == null ? 0 : thresholds.length;
  }
}
