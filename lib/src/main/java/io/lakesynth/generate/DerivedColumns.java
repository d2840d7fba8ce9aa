package io.lakesynth.generate;

import io.lakesynth.model.ModelColumn;
import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;

/**
 * Columns that are functions of another column in the real table (the profile found {@code day = to_date(ts)},
 * {@code year = year(d)}, {@code month = month(ts)} on every sampled row), computed from the generated source value so
 * the dependency holds on every synthetic row. In a slice of a {@code date_of} column (a day partition derived from a
 * timestamp), the source timestamp is moved into the slice's day, keeping its time of day, so every timestamp lies in
 * its partition. Works on Spark's internal values (days, microseconds) in the session time zone.
 */
final class DerivedColumns implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final long MICROS_PER_DAY = 86_400_000_000L;
  private static final int NO_DAY = Integer.MIN_VALUE;

  private final int[] target;
  private final int[] source;
  private final String[] kind;
  private final DataType[] types;
  private final String zone;
  private final int shiftSource;
  private final int[] segmentDay;

  private DerivedColumns(int[] target, int[] source, String[] kind, DataType[] types, String zone, int shiftSource,
      int[] segmentDay) {
    this.target = target;
    this.source = source;
    this.kind = kind;
    this.types = types;
    this.zone = zone;
    this.shiftSource = shiftSource;
    this.segmentDay = segmentDay;
  }

  /**
   * The derived columns of a model, or null when it has none. {@code sliceColumn}/{@code sliceValues} (null when not
   * slicing) give each segment's day when the slice column is a date_of column.
   */
  static DerivedColumns of(List<ModelColumn> cols, DataType[] types, String zone, String sliceColumn,
      List<String> sliceValues) {
    List<Integer> t = new ArrayList<>();
    List<Integer> s = new ArrayList<>();
    List<String> k = new ArrayList<>();
    int shift = -1;
    for (int i = 0; i < cols.size(); i++) {
      ModelColumn c = cols.get(i);
      if (!c.derived()) {
        continue;
      }
      int src = -1;
      for (int j = 0; j < cols.size(); j++) {
        if (cols.get(j).name().equals(c.derivedFrom())) {
          src = j;
        }
      }
      if (src < 0 || cols.get(src).derived()) {
        throw new IllegalArgumentException("derived column " + c.name() + ": source " + c.derivedFrom()
            + " is not a generated column of the model");
      }
      t.add(i);
      s.add(src);
      k.add(c.derivedKind());
      if (c.name().equals(sliceColumn) && c.derivedKind().equals("date_of")) {
        shift = src;
      }
    }
    if (t.isEmpty()) {
      return null;
    }
    int[] days = null;
    if (shift >= 0) {
      days = new int[sliceValues.size()];
      for (int i = 0; i < days.length; i++) {
        String v = sliceValues.get(i);
        days[i] = v == null ? NO_DAY : (int) LocalDate.parse(v.trim()).toEpochDay();
      }
    }
    return new DerivedColumns(t.stream().mapToInt(Integer::intValue).toArray(),
        s.stream().mapToInt(Integer::intValue).toArray(), k.toArray(new String[0]), types, zone, shift, days);
  }

  /** Fills the derived columns of one row of internal values (after the slice's move of the source into its day). */
  void applyInternal(Object[] values, int segment) {
    if (shiftSource >= 0 && segmentDay[segment] != NO_DAY && values[shiftSource] != null) {
      values[shiftSource] = moveToDay((Long) values[shiftSource], segmentDay[segment],
          types[shiftSource].equals(DataTypes.TimestampNTZType));
    }
    for (int d = 0; d < target.length; d++) {
      Object src = values[source[d]];
      values[target[d]] = src == null ? null : derive(d, src);
    }
  }

  /** The same for a row of external values (the Row path). */
  void applyExternal(Object[] values, int segment) {
    Object[] internal = values.clone();
    if (shiftSource >= 0) {
      internal[shiftSource] = TypedValues.toInternal(values[shiftSource], types[shiftSource]);
    }
    for (int d = 0; d < target.length; d++) {
      internal[source[d]] = TypedValues.toInternal(values[source[d]], types[source[d]]);
    }
    applyInternal(internal, segment);
    if (shiftSource >= 0 && internal[shiftSource] != null) {
      long micros = (Long) internal[shiftSource];
      values[shiftSource] = TypedValues.fromNumeric(micros, types[shiftSource], Double.NaN, Double.NaN);
    }
    for (int d = 0; d < target.length; d++) {
      Object v = internal[target[d]];
      DataType ty = types[target[d]];
      values[target[d]] = v == null ? null
          : ty.equals(DataTypes.DateType) ? LocalDate.ofEpochDay((Integer) v) : v;
    }
  }

  private Object derive(int d, Object src) {
    LocalDate date = localDate(src, types[source[d]]);
    DataType ty = types[target[d]];
    return switch (kind[d]) {
      case "date_of" -> (int) date.toEpochDay();
      case "year_of" -> integer(date.getYear(), ty);
      default -> integer(date.getMonthValue(), ty);
    };
  }

  private static Object integer(int v, DataType ty) {
    if (ty.equals(DataTypes.LongType)) {
      return (long) v;
    }
    if (ty.equals(DataTypes.ShortType)) {
      return (short) v;
    }
    if (ty.equals(DataTypes.ByteType)) {
      return (byte) v;
    }
    return v;
  }

  private LocalDate localDate(Object internal, DataType type) {
    if (type.equals(DataTypes.DateType)) {
      return LocalDate.ofEpochDay((Integer) internal);
    }
    long micros = (Long) internal;
    if (type.equals(DataTypes.TimestampNTZType)) {
      return LocalDate.ofEpochDay(Math.floorDiv(micros, MICROS_PER_DAY));
    }
    return instant(micros).atZone(ZoneId.of(zone)).toLocalDate();
  }

  /** The timestamp moved to {@code day} (epoch day), keeping its local time of day. */
  long moveToDay(long micros, int day, boolean ntz) {
    if (ntz) {
      return (long) day * MICROS_PER_DAY + Math.floorMod(micros, MICROS_PER_DAY);
    }
    ZoneId z = ZoneId.of(zone);
    LocalDateTime local = instant(micros).atZone(z).toLocalDateTime();
    Instant moved = LocalDate.ofEpochDay(day).atTime(local.toLocalTime()).atZone(z).toInstant();
    return moved.getEpochSecond() * 1_000_000L + moved.getNano() / 1000;
  }

  private static Instant instant(long micros) {
    return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000L);
  }
}
