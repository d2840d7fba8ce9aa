package io.lakesynth.generate;

import io.lakesynth.config.Settings.GenerateSettings;
import io.lakesynth.config.Settings.SliceSettings;
import io.lakesynth.config.WriteMode;
import io.lakesynth.error.ErrorCode;
import io.lakesynth.error.LakesynthException;
import io.lakesynth.model.ModelMetadata;
import io.lakesynth.profile.TableProfile.PartitionCount;
import io.lakesynth.util.RowRandom;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * What one generate run produces: row segments (one per slice value, or one for the whole
 * table), each with its own random stream so a slice's rows never depend on other slices, the
 * output partitioning and the Delta replaceWhere predicate. Pure Java.
 */
public record GeneratePlan(List<Segment> segments, long totalRows, List<String> partitionBy, String sliceColumn,
    String slicePredicate) {

  /** Maximum slice values one run may generate. */
  public static final int MAX_SLICE_VALUES = 100_000;

  /**
   * A run of rows with its own stream. {@code value} is the slice value (null when unsliced);
   * {@code keyBase} offsets identifier keys so slices never share them.
   */
  public record Segment(String value, long rows, long stream, long keyBase) {}

  public static GeneratePlan of(ModelMetadata meta, StructType schema, GenerateSettings settings) {
    long tableHash = RowRandom.hash(meta.table());
    List<String> partitionBy = new ArrayList<>(settings.partitionBy().orElse(meta.partitionColumns()));
    for (String p : partitionBy) {
      if (!List.of(schema.fieldNames()).contains(p)) {
        throw new LakesynthException(ErrorCode.CONFIG_INVALID_VALUE, "lakesynth.generate.partition-by", p,
            "table " + meta.table() + " has no column '" + p + "'");
      }
    }
    SliceSettings slice = settings.slice();
    if (!slice.isSet()) {
      if (settings.output().mode() == WriteMode.SLICE) {
        throw new LakesynthException(ErrorCode.CONFIG_INVALID_VALUE, "lakesynth.generate.output.mode", "slice",
            "needs generate.slice.column");
      }
      long rows = settings.rows() > 0 ? settings.rows() : Math.max(1, Math.round(meta.rowCount() * settings.scale()));
      return new GeneratePlan(List.of(new Segment(null, rows, tableHash, 0L)), rows, List.copyOf(partitionBy), null,
          null);
    }
    SliceSpec spec = slice(schema, meta.table(), slice, partitionBy);
    String column = spec.column();
    StructField field = field(schema, column, meta.table());
    List<String> values = spec.values();
    List<Segment> segments = new ArrayList<>();
    long total = 0;
    long stride = keyStride(meta, column, slice, settings);
    long origin = keyOrigin(meta, column, field.dataType());
    for (String v : values) {
      long rows = rowsFor(meta, column, v, slice, settings);
      segments.add(new Segment(v, rows, RowRandom.mix(tableHash, RowRandom.hash(column + "=" + v)),
          (ordinal(v, field.dataType()) - origin) * stride));
      total += rows;
    }
    return new GeneratePlan(List.copyOf(segments), total, List.copyOf(partitionBy), column, spec.predicate());
  }

  /** A slice of a table: its column, its values and the predicate that selects them. */
  record SliceSpec(String column, List<String> values, String predicate) {}

  /**
   * The slice {@code slice} of a table with {@code schema}: the column must exist and the slice hold values; the
   * column joins {@code partitionBy} (first) when it is not there yet.
   */
  static SliceSpec slice(StructType schema, String table, SliceSettings slice, List<String> partitionBy) {
    String column = slice.column();
    StructField field = field(schema, column, table);
    if (!partitionBy.contains(column)) {
      partitionBy.add(0, column);
    }
    List<String> values = values(slice, field.dataType());
    if (values.isEmpty()) {
      throw new LakesynthException(ErrorCode.SLICE_INVALID, describe(slice), "it contains no values");
    }
    return new SliceSpec(column, values, predicate(column, field.dataType(), slice, values));
  }

  private static StructField field(StructType schema, String column, String table) {
    for (StructField f : schema.fields()) {
      if (f.name().equals(column)) {
        return f;
      }
    }
    throw new LakesynthException(ErrorCode.SLICE_INVALID, "on column '" + column + "'",
        "table " + table + " has no such column");
  }

  static List<String> values(SliceSettings slice, DataType type) {
    if (!slice.values().isEmpty()) {
      List<String> out = new ArrayList<>();
      for (String v : slice.values()) {
        try {
          TypedValues.parse(v, type);
        } catch (IllegalArgumentException e) {
          throw new LakesynthException(ErrorCode.SLICE_INVALID, describe(slice), e.getMessage());
        }
        out.add(v);
      }
      return out;
    }
    List<String> out = new ArrayList<>();
    if (type.equals(DataTypes.DateType)) {
      LocalDate from;
      LocalDate to;
      try {
        from = LocalDate.parse(slice.from());
        to = LocalDate.parse(slice.to());
      } catch (DateTimeParseException e) {
        throw new LakesynthException(ErrorCode.SLICE_INVALID, describe(slice), "from/to must be yyyy-MM-dd dates");
      }
      if (to.isBefore(from)) {
        throw new LakesynthException(ErrorCode.SLICE_INVALID, describe(slice), "'to' is before 'from'");
      }
      for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
        out.add(d.toString());
        if (out.size() > MAX_SLICE_VALUES) {
          throw new LakesynthException(ErrorCode.SLICE_INVALID, describe(slice), "more than " + MAX_SLICE_VALUES
              + " values");
        }
      }
      return out;
    }
    if (TypedValues.integral(type)) {
      long from;
      long to;
      try {
        from = Long.parseLong(slice.from().trim());
        to = Long.parseLong(slice.to().trim());
      } catch (NumberFormatException e) {
        throw new LakesynthException(ErrorCode.SLICE_INVALID, describe(slice), "from/to must be integers");
      }
      if (to < from || to - from >= MAX_SLICE_VALUES) {
        throw new LakesynthException(ErrorCode.SLICE_INVALID, describe(slice),
            "needs from <= to and at most " + MAX_SLICE_VALUES + " values");
      }
      for (long v = from; v <= to; v++) {
        out.add(Long.toString(v));
      }
      return out;
    }
    throw new LakesynthException(ErrorCode.SLICE_INVALID, describe(slice),
        "a range needs a date or integer column; list the values with generate.slice.values");
  }

  private static long rowsFor(ModelMetadata meta, String column, String value, SliceSettings slice,
      GenerateSettings settings) {
    if (slice.rowsPerPartition() > 0) {
      return slice.rowsPerPartition();
    }
    long known = 0;
    boolean found = false;
    long sum = 0;
    int partitions = 0;
    for (PartitionCount pc : meta.partitions()) {
      String v = pc.values().get(column);
      if (v == null) {
        continue;
      }
      sum += pc.rows();
      partitions++;
      if (v.equals(value)) {
        known += pc.rows();
        found = true;
      }
    }
    double scale = settings.scale();
    if (found) {
      return Math.max(1, Math.round(known * scale));
    }
    if (partitions > 0) {
      return Math.max(1, Math.round((double) sum / partitions * scale));
    }
    return Math.max(1, Math.round(meta.rowCount() * scale));
  }

  /**
   * Identifier keys of slice value {@code v} are {@code (ordinal(v) - origin) * stride + rowInSlice}: a pure function
   * of the value, the profile and the scale, never of which other values the run covers, so a slice regenerated alone
   * gets the same keys as in a wider backfill, and distinct slices never share keys.
   */
  private static long keyStride(ModelMetadata meta, String column, SliceSettings slice, GenerateSettings settings) {
    long max = Math.max(1, slice.rowsPerPartition());
    for (PartitionCount pc : meta.partitions()) {
      if (pc.values().get(column) != null) {
        max = Math.max(max, Math.round(pc.rows() * settings.scale()));
      }
    }
    return Long.highestOneBit(Math.max(1, max)) << 1;
  }

  private static long keyOrigin(ModelMetadata meta, String column, DataType type) {
    if (!type.equals(DataTypes.DateType) && !TypedValues.integral(type)) {
      return 0;
    }
    long min = Long.MAX_VALUE;
    for (PartitionCount pc : meta.partitions()) {
      String v = pc.values().get(column);
      if (v != null) {
        try {
          min = Math.min(min, ordinal(v, type));
        } catch (RuntimeException e) {
          // a partition value that does not parse (e.g. __HIVE_DEFAULT_PARTITION__) does not move the origin
        }
      }
    }
    return min == Long.MAX_VALUE ? 0 : min;
  }

  private static long ordinal(String value, DataType type) {
    if (type.equals(DataTypes.DateType)) {
      return LocalDate.parse(value).toEpochDay();
    }
    if (TypedValues.integral(type)) {
      return Long.parseLong(value.trim());
    }
    return RowRandom.hash(value) & 0xFFFFFL;
  }

  static String predicate(String column, DataType type, SliceSettings slice, List<String> values) {
    String col = "`" + column.replace("`", "``") + "`";
    if (slice.values().isEmpty()) {
      return col + " >= " + literal(slice.from(), type) + " AND " + col + " <= " + literal(slice.to(), type);
    }
    List<String> lits = new ArrayList<>();
    for (String v : values) {
      lits.add(literal(v, type));
    }
    return col + " IN (" + String.join(", ", lits) + ")";
  }

  static String literal(String v, DataType type) {
    if (type.equals(DataTypes.DateType)) {
      return "DATE'" + v + "'";
    }
    if (TypedValues.integral(type) || type.equals(DataTypes.DoubleType) || type.equals(DataTypes.FloatType)) {
      return v;
    }
    return "'" + v.replace("'", "''") + "'";
  }

  private static String describe(SliceSettings s) {
    return String.format(Locale.ROOT, "%s %s", s.column(),
        s.values().isEmpty() ? "from " + s.from() + " to " + s.to() : s.values().toString());
  }
}
