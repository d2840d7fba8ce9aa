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

  /**
   * min/max/mean/stddev in numeric space; integral for integer, date and timestamp types.
   *
   * @param decimals most decimal places of (sampled) FLOAT/DOUBLE values as written, 0 for whole numbers, 13 for full
   *     precision; -1 for other types
   * @param timeUnitMicros for timestamps, the largest unit (hour, minute, second, ms, µs, in µs) dividing every value;
   *     0 for other types
   */
  public record NumericStats(double min, double max, double mean, double stddev, boolean integral,
      String minValue, String maxValue, int decimals, long timeUnitMicros) {}

  /**
   * Lengths and format shares of a string column; shares are of (sampled) non-null values.
   *
   * @param meanWords mean number of white-space separated words
   * @param zeroPaddedShare digit strings with a leading zero (zip codes, account numbers)
   * @param phoneShare phone numbers written with a separator or a leading + (bare digits are not phone evidence)
   * @param ipShare IPv4/IPv6 addresses
   * @param ssnShare US social security numbers (ddd-dd-dddd)
   * @param cardShare card numbers (13-19 digits passing the Luhn check)
   * @param prefixDigitsShare letters followed by digits (ci37868143, INV-0042)
   * @param streetShare a house number followed by words (street addresses)
   * @param personNameShare values whose every word is a first or last name of datafaker's English dictionaries
   * @param firstNameShare values that are one first name
   * @param commonPrefix the prefix shared by min and max value (a cheap proxy for ID prefixes)
   * @param positionClasses character classes (1 digit, 2 upper, 4 lower, 8 other) seen at each of the first 48
   *     positions
   * @param shapes the most frequent value shapes ('9' digit, 'A' upper, 'a' lower ASCII letter, other characters as
   *     they are; e.g. {@code aa99999999}) of sampled values up to 48 characters, each held by at least
   *     {@code SHAPE_MIN_ROWS} sampled rows, with their counts; null in older profiles
   */
  public record StringStats(int minLength, int maxLength, double meanLength, double meanWords, double emailShare,
      double uuidShare, double digitsShare, double zeroPaddedShare, double phoneShare, double ipShare,
      double ssnShare, double cardShare, double prefixDigitsShare, double streetShare, double personNameShare,
      double firstNameShare, String commonPrefix, int[] positionClasses, List<Category> shapes) {
    /** A shape held by fewer sampled rows is not kept (an unusual format could single out a value). */
    public static final int SHAPE_MIN_ROWS = 5;
    /** At most this many shapes are kept. */
    public static final int MAX_SHAPES = 32;
  }

  /** One frequent value. */
  public record Category(String value, long count) {}
}
