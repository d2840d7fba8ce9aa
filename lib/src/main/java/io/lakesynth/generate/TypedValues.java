package io.lakesynth.generate;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Locale;
import org.apache.spark.sql.catalyst.util.DateTimeUtils;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Decimal;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * Conversions from lakesynth's representations (category strings, numeric-space doubles) to the
 * Java objects Spark's Row expects for a column type. Pure Java.
 */
public final class TypedValues {
  private TypedValues() {}

  /** Parses a category value (Spark's cast to string) into the column's external type. */
  public static Object parse(String value, DataType type) {
    if (value == null) {
      return null;
    }
    try {
      if (type.equals(DataTypes.StringType)) {
        return value;
      }
      if (type.equals(DataTypes.IntegerType)) {
        return Integer.valueOf(value.trim());
      }
      if (type.equals(DataTypes.LongType)) {
        return Long.valueOf(value.trim());
      }
      if (type.equals(DataTypes.ShortType)) {
        return Short.valueOf(value.trim());
      }
      if (type.equals(DataTypes.ByteType)) {
        return Byte.valueOf(value.trim());
      }
      if (type.equals(DataTypes.DoubleType)) {
        return Double.valueOf(value.trim());
      }
      if (type.equals(DataTypes.FloatType)) {
        return Float.valueOf(value.trim());
      }
      if (type.equals(DataTypes.BooleanType)) {
        return Boolean.valueOf(value.trim().toLowerCase(Locale.ROOT));
      }
      if (type.equals(DataTypes.DateType)) {
        return Date.valueOf(LocalDate.parse(value.trim()));
      }
      if (type.equals(DataTypes.TimestampType) || type.equals(DataTypes.TimestampNTZType)) {
        return Timestamp.valueOf(value.trim());
      }
      if (type instanceof DecimalType d) {
        return new BigDecimal(value.trim()).setScale(d.scale(), RoundingMode.HALF_UP);
      }
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("value '" + value + "' is not a valid " + type.sql(), e);
    }
    throw new IllegalArgumentException("unsupported type " + type.sql());
  }

  /**
   * Converts a numeric-space double into the column's type, clamped to [min, max] and rounded
   * where the type is integral. Dates come back as {@link LocalDate} and timestamps as
   * {@link Instant}: a Row for Spark's lenient row encoder.
   */
  public static Object fromNumeric(double v, DataType type, double min, double max) {
    double x = clamp(v, min, max);
    if (type.equals(DataTypes.DoubleType)) {
      return x;
    }
    if (type.equals(DataTypes.FloatType)) {
      return (float) x;
    }
    if (type.equals(DataTypes.IntegerType)) {
      return (int) Math.round(x);
    }
    if (type.equals(DataTypes.LongType)) {
      return Math.round(x);
    }
    if (type.equals(DataTypes.ShortType)) {
      return (short) Math.round(x);
    }
    if (type.equals(DataTypes.ByteType)) {
      return (byte) Math.round(x);
    }
    if (type instanceof DecimalType d) {
      BigDecimal b = BigDecimal.valueOf(x).setScale(d.scale(), RoundingMode.HALF_UP);
      return b.precision() - b.scale() > d.precision() - d.scale() ? null : b;
    }
    if (type.equals(DataTypes.DateType)) {
      // java.time, not java.sql: Spark converts it to days without a calendar rebase (the generate
      // encoder is lenient and takes either)
      return LocalDate.ofEpochDay(Math.round(x));
    }
    if (type.equals(DataTypes.TimestampType)) {
      long micros = Math.round(x);
      return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000L);
    }
    if (type.equals(DataTypes.TimestampNTZType)) {
      long micros = Math.round(x);
      Timestamp t = new Timestamp(Math.floorDiv(micros, 1000L));
      t.setNanos((int) Math.floorMod(micros, 1_000_000L) * 1000);
      return t;
    }
    if (type.equals(DataTypes.BooleanType)) {
      return x >= 0.5;
    }
    if (type.equals(DataTypes.StringType)) {
      return Double.toString(x);
    }
    throw new IllegalArgumentException("unsupported type " + type.sql());
  }

  /**
   * Spark's internal representation of an external value of the column's type (what an {@code InternalRow}
   * holds): strings as UTF8String, dates as epoch days, timestamps as epoch micros, decimals as Decimal.
   */
  public static Object toInternal(Object v, DataType type) {
    if (v == null) {
      return null;
    }
    if (v instanceof String str) {
      return UTF8String.fromString(str);
    }
    if (v instanceof LocalDate d) {
      return Math.toIntExact(d.toEpochDay());
    }
    if (v instanceof Date d) {
      return DateTimeUtils.fromJavaDate(d);
    }
    if (v instanceof Instant t) {
      return DateTimeUtils.instantToMicros(t);
    }
    if (v instanceof Timestamp t) {
      return DateTimeUtils.fromJavaTimestamp(t);
    }
    if (v instanceof java.time.LocalDateTime t) {
      return DateTimeUtils.localDateTimeToMicros(t);
    }
    if (v instanceof BigDecimal b && type instanceof DecimalType d) {
      Decimal dec = Decimal.apply(b);
      return dec.changePrecision(d.precision(), d.scale()) ? dec : null;
    }
    return v; // boxed primitives and booleans are their own internal form
  }

  /** {@link #fromNumeric} straight to the internal representation (no java.time/java.sql objects). */
  public static Object internalFromNumeric(double v, DataType type, double min, double max) {
    if (type.equals(DataTypes.DateType)) {
      return (int) Math.round(clamp(v, min, max));
    }
    if (type.equals(DataTypes.TimestampType)) {
      return Math.round(clamp(v, min, max));
    }
    return toInternal(fromNumeric(v, type, min, max), type);
  }

  /**
   * A numeric-space value at the column's observed precision: {@code decimals} places for floating-point columns
   * (-1 or more than 12: unchanged), a multiple of {@code timeUnit} microseconds for timestamps (0 or 1: unchanged).
   */
  public static double round(double x, int decimals, long timeUnit) {
    if (decimals >= 0 && decimals <= 12) {
      double scale = Math.pow(10, decimals);
      return Math.rint(x * scale) / scale;
    }
    if (timeUnit > 1) {
      return Math.rint(x / timeUnit) * timeUnit;
    }
    return x;
  }

  /** v limited to [min, max]; a NaN bound is no bound. */
  private static double clamp(double v, double min, double max) {
    double x = v;
    if (!Double.isNaN(min) && x < min) {
      x = min;
    }
    if (!Double.isNaN(max) && x > max) {
      x = max;
    }
    return x;
  }

  /** Whether values of this type are whole numbers in numeric space. */
  public static boolean integral(DataType type) {
    return type.equals(DataTypes.IntegerType) || type.equals(DataTypes.LongType) || type.equals(DataTypes.ShortType)
        || type.equals(DataTypes.ByteType) || type.equals(DataTypes.DateType) || type.equals(DataTypes.TimestampType)
        || type.equals(DataTypes.TimestampNTZType) || (type instanceof DecimalType d && d.scale() == 0);
  }
}
