package io.lakesynth.profile;

import java.util.List;

/**
 * Statistics of one column.
 *
 * <p>Numeric representation ("numeric space") used by quantiles, bin edges, min/max/mean:
 * numbers as themselves, booleans 0/1, dates as days since 1970-01-01, timestamps as
 * microseconds since the epoch (UTC).
 *
 * @param name column name
 * @param sparkType Spark type in DDL form ({@code DataType.sql()}: INT, DECIMAL(10,2), DATE, ...)
 * @param nullable schema nullability
 * @param nullCount rows where the column is null
 * @param approxDistinct approximate distinct non-null values (HLL, relative standard error 2.3%; small counts exact)
 * @param numeric numeric statistics, null for non-numeric columns
 * @param strings string statistics, null for non-string columns
 * @param topValues the most frequent non-null values (as strings, Spark cast) with counts, most frequent first, at most top-k
 * @param otherCount non-null rows whose value is not in topValues
 * @param quantiles values at evenly spaced probabilities 0, 1/(n-1), ..., 1 (numeric space), empty if not numeric
 * @param binEdges strictly increasing equi-depth bin edges (numeric space) from min to max, empty if not numeric
 * @param role the modelling role
 * @param roleReason why that role (inferred or "configured")
 * @param semantic for text/pii: email, uuid, phone, name, first_name, last_name, address, city, digits, text; else ""
 */
public record ColumnProfile(
    String name,
    String sparkType,
    boolean nullable,
    long nullCount,
    long approxDistinct,
    NumericStats numeric,
    StringStats strings,
    List<Category> topValues,
    long otherCount,
    double[] quantiles,
    double[] binEdges,
    Role role,
    String roleReason,
    String semantic) {

  /** min/max/mean/stddev in numeric space; integral for integer, date and timestamp types. */
  public record NumericStats(double min, double max, double mean, double stddev, boolean integral,
      String minValue, String maxValue) {}

  /**
   * Lengths and format shares of a string column; shares are of non-null values.
   * commonPrefix is the prefix shared by min and max value (a cheap proxy for ID prefixes).
   */
  public record StringStats(int minLength, int maxLength, double meanLength, double emailShare,
      double uuidShare, double digitsShare, double phoneShare, String commonPrefix) {}

  /** One frequent value. */
  public record Category(String value, long count) {}
}
