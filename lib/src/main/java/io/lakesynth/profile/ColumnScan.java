package io.lakesynth.profile;

import io.lakesynth.util.RowRandom;
import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.datasketches.hll.HllSketch;
import org.apache.datasketches.hll.TgtHllType;
import org.apache.datasketches.hll.Union;
import org.apache.spark.Partitioner;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.CatalystTypeConverters;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.XXH64;
import org.apache.spark.sql.catalyst.util.DateTimeUtils;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.ByteType;
import org.apache.spark.sql.types.CharType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DateType;
import org.apache.spark.sql.types.Decimal;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.FloatType;
import org.apache.spark.sql.types.IntegerType;
import org.apache.spark.sql.types.LongType;
import org.apache.spark.sql.types.ShortType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.types.TimestampNTZType;
import org.apache.spark.sql.types.TimestampType;
import org.apache.spark.sql.types.VarcharType;
import org.apache.spark.unsafe.types.UTF8String;
import scala.Tuple2;

/**
 * Pass 1 of the profile: every column's univariate statistics in ONE scan of the table's internal rows, with
 * typed per-column accumulators (count, min/max, Welford moments, a seeded {@link QuantileSketch}, a
 * DataSketches HLL, string lengths and sampled formats). Each partition yields one {@link Partial}; partials
 * are merged in partition order (directly on the driver for few partitions, else first in groups of
 * consecutive partitions on the executors), so a profile depends only on the data and its partitioning.
 *
 * <p>This replaced one {@code agg()} with Spark's aggregate functions: {@code percentile_approx} and the other
 * object aggregates run interpreted in Spark's ObjectHashAggregate, which made pass 1 four times a plain scan.
 */
final class ColumnScan {
  /** log2 of the HLL sketches' registers: relative standard error 1.04 / sqrt(2^11) = 2.3%. */
  static final int HLL_LG_K = 11;
  /**
   * Values kept exactly, split over the numeric columns: each column's sketch is exact while the table has at most
   * EXACT_BUDGET / numeric columns values (but at least the sketch's k). About 8 MB of doubles per task when full.
   */
  static final int EXACT_BUDGET = 1 << 20;
  /**
   * Distinct values a column's exact value counts may hold (per partition and merged): columns with at most this many
   * get their top values from pass 1; categorical columns with more need the grouped count of pass 2.
   */
  static final int COUNTED_DISTINCT = 1024;
  /** Partials collected to the driver at most; more partitions are first merged in this many groups. */
  static final int FAN_IN = 8;
  /** Timestamp units tried, coarsest first: hour, minute, second, millisecond, microsecond. */
  static final long[] TIME_UNITS = {3_600_000_000L, 60_000_000L, 1_000_000L, 1_000L, 1L};
  /** Decimal places tried for floating-point values; more is "full precision". */
  static final int MAX_DECIMALS = 12;

  private ColumnScan() {}

  /** How a column's internal values are read. */
  enum Reader {
    BYTE, SHORT, INT, LONG, FLOAT, DOUBLE, DECIMAL, DATE, TIMESTAMP, TIMESTAMP_NTZ, BOOLEAN, STRING, OTHER;

    static Reader of(DataType t) {
      if (t instanceof ByteType) {
        return BYTE;
      } else if (t instanceof ShortType) {
        return SHORT;
      } else if (t instanceof IntegerType) {
        return INT;
      } else if (t instanceof LongType) {
        return LONG;
      } else if (t instanceof FloatType) {
        return FLOAT;
      } else if (t instanceof DoubleType) {
        return DOUBLE;
      } else if (t instanceof DecimalType) {
        return DECIMAL;
      } else if (t instanceof DateType) {
        return DATE;
      } else if (t instanceof TimestampType) {
        return TIMESTAMP;
      } else if (t instanceof TimestampNTZType) {
        return TIMESTAMP_NTZ;
      } else if (t instanceof BooleanType) {
        return BOOLEAN;
      } else if (t instanceof StringType || t instanceof CharType || t instanceof VarcharType) {
        return STRING;
      }
      return OTHER;
    }

    boolean numeric() {
      return this != STRING && this != OTHER;
    }
  }

  /** What every task needs to know (serialised with the closure). */
  record Plan(Reader[] readers, int[] precision, int[] scale, long seed, boolean checkAllFormats, String zone,
      double epsilon, int exactLimit) implements Serializable {

    static Plan of(StructType schema, long seed, boolean checkAllFormats, String zone, double epsilon) {
      int n = schema.fields().length;
      Reader[] readers = new Reader[n];
      int[] precision = new int[n];
      int[] scale = new int[n];
      int numeric = 0;
      for (int i = 0; i < n; i++) {
        DataType t = schema.fields()[i].dataType();
        readers[i] = Reader.of(t);
        if (t instanceof DecimalType d) {
          precision[i] = d.precision();
          scale[i] = d.scale();
        }
        numeric += readers[i].numeric() ? 1 : 0;
      }
      // Spark accepts zone names ZoneId.of does not (PST, +8:00): resolve them here with Spark's own parser
      String zoneId = DateTimeUtils.getZoneId(zone).getId();
      return new Plan(readers, precision, scale, seed, checkAllFormats, zoneId, epsilon,
          EXACT_BUDGET / Math.max(1, numeric));
    }
  }

  /** One column's statistics over some rows. Numeric values are in numeric space (see ModelFrames.numericSpace). */
  static final class Acc implements Serializable {
    private static final long serialVersionUID = 1L;
    long nonNull;
    // numeric columns: extremes (and the original internal values at them), sum, central moments, quantiles
    double min;
    double max;
    Object minRaw;
    Object maxRaw;
    double sum;
    double n;
    double avg;
    double m2;
    QuantileSketch quantiles;
    /** Most decimal places of sampled floating-point values (0 = whole numbers), -1 before any. */
    int decimals = -1;
    /** Largest of {@link #TIME_UNITS} that divides every timestamp (microseconds). */
    long timeUnit = TIME_UNITS[0];
    // string columns: lengths in characters, binary extremes, format checks on sampled rows
    int minLength = Integer.MAX_VALUE;
    int maxLength;
    long sumLength;
    UTF8String lo;
    UTF8String hi;
    StringFormats formats;
    /** Exact count per value (internal values: UTF8String, Integer, Long, Double, Decimal, ...); null once too many. */
    HashMap<Object, long[]> counts = new HashMap<>();
    /** The HLL sketch in DataSketches' compact form once the partition is done. */
    byte[] hll;
    transient HllSketch sketch;

    /** Adds a numeric value; returns 1 when it is a new minimum, 2 a new maximum, 3 both. */
    int addNumeric(double x) {
      int changed = 0;
      if (nonNull == 0 || Double.compare(x, min) < 0) {
        min = x;
        changed |= 1;
      }
      if (nonNull == 0 || Double.compare(x, max) > 0) {
        max = x;
        changed |= 2;
      }
      nonNull++;
      sum += x;
      // Spark's CentralMomentAgg update, so stddev matches stddev_samp on one partition
      double newN = n + 1.0;
      double delta = x - avg;
      double deltaN = delta / newN;
      avg += deltaN;
      m2 += delta * (delta - deltaN);
      n = newN;
      quantiles.add(x);
      return changed;
    }

    /** Counts one more {@code key} (a new UTF8String key is copied: Spark reuses the bytes behind it). */
    void count(Object key) {
      if (counts == null) {
        return;
      }
      long[] n = counts.get(key);
      if (n != null) {
        n[0]++;
      } else if (counts.size() < COUNTED_DISTINCT) {
        counts.put(key instanceof UTF8String u ? u.copy() : key, new long[] {1});
      } else {
        counts = null;
      }
    }

    void raw(int changed, Object value) {
      if ((changed & 1) != 0) {
        minRaw = value;
      }
      if ((changed & 2) != 0) {
        maxRaw = value;
      }
    }

    void addString(UTF8String s, boolean sample) {
      nonNull++;
      int len = s.numChars();
      minLength = Math.min(minLength, len);
      maxLength = Math.max(maxLength, len);
      sumLength += len;
      if (lo == null || s.binaryCompare(lo) < 0) {
        lo = s.copy();
      }
      if (hi == null || s.binaryCompare(hi) > 0) {
        hi = s.copy();
      }
      sketch.update(XXH64.hashUTF8String(s, 42L));
      count(s);
      if (sample) {
        if (formats == null) {
          formats = new StringFormats();
        }
        formats.add(s.toString());
      }
    }

    /** Records the decimal places of a sampled floating-point value. */
    void addDecimals(double v) {
      if (Double.isNaN(v) || Double.isInfinite(v)) {
        return;
      }
      decimals = Math.max(decimals, decimalsOf(v));
    }

    /** Narrows the timestamp unit to one that divides {@code micros}. */
    void addTime(long micros) {
      if (timeUnit > 1 && micros % timeUnit != 0) {
        int i = 0;
        while (micros % TIME_UNITS[i] != 0) {
          i++;
        }
        timeUnit = TIME_UNITS[i];
      }
    }

    /** Adds {@code o}, which covers rows after this one's. */
    void merge(Acc o) {
      if (o.nonNull > 0 && quantiles != null && nonNull == 0) {
        min = o.min;
        max = o.max;
        minRaw = o.minRaw;
        maxRaw = o.maxRaw;
        sum = o.sum;
        n = o.n;
        avg = o.avg;
        m2 = o.m2;
      } else if (o.nonNull > 0 && quantiles != null) {
        if (nonNull == 0 || Double.compare(o.min, min) < 0) {
          min = o.min;
          minRaw = o.minRaw;
        }
        if (nonNull == 0 || Double.compare(o.max, max) > 0) {
          max = o.max;
          maxRaw = o.maxRaw;
        }
        sum += o.sum;
        // Spark's CentralMomentAgg merge
        double newN = n + o.n;
        double delta = o.avg - avg;
        double deltaN = newN == 0.0 ? 0.0 : delta / newN;
        avg += deltaN * o.n;
        m2 += o.m2 + delta * deltaN * n * o.n;
        n = newN;
      }
      if (quantiles != null) {
        quantiles.merge(o.quantiles);
      }
      nonNull += o.nonNull;
      minLength = Math.min(minLength, o.minLength);
      maxLength = Math.max(maxLength, o.maxLength);
      sumLength += o.sumLength;
      if (o.lo != null && (lo == null || o.lo.binaryCompare(lo) < 0)) {
        lo = o.lo;
      }
      if (o.hi != null && (hi == null || o.hi.binaryCompare(hi) > 0)) {
        hi = o.hi;
      }
      if (o.formats != null) {
        if (formats == null) {
          formats = new StringFormats();
        }
        formats.merge(o.formats);
      }
      decimals = Math.max(decimals, o.decimals);
      timeUnit = Math.min(timeUnit, o.timeUnit);
      if (counts != null && o.counts != null) {
        for (Map.Entry<Object, long[]> e : o.counts.entrySet()) {
          long[] n = counts.get(e.getKey());
          if (n != null) {
            n[0] += e.getValue()[0];
          } else if (counts.size() < COUNTED_DISTINCT) {
            counts.put(e.getKey(), e.getValue());
          } else {
            counts = null;
            break;
          }
        }
      } else {
        counts = null;
      }
      if (hll != null) {
        Union u = new Union(HLL_LG_K);
        u.update(HllSketch.heapify(hll));
        u.update(HllSketch.heapify(o.hll));
        hll = u.getResult(TgtHllType.HLL_8).toCompactByteArray();
      }
    }

    /**
     * Distinct count from the HLL registers alone (DataSketches' composite estimator), so it does not depend on the
     * order the values arrived in, unlike the HIP estimate of a single sketch.
     */
    long distinct() {
      if (hll == null) {
        return 0;
      }
      Union u = new Union(HLL_LG_K);
      u.update(HllSketch.heapify(hll));
      return Math.round(u.getCompositeEstimate());
    }
  }

  /**
   * Decimal places of a double as it was written: the fewest d ≤ {@link #MAX_DECIMALS} whose rounding gives the value
   * back (12.8 has 1), {@code MAX_DECIMALS + 1} when none does (a computed value at full precision).
   */
  static int decimalsOf(double v) {
    double scale = 1;
    for (int d = 0; d <= MAX_DECIMALS; d++) {
      double r = Math.rint(v * scale) / scale;
      if (r == v || Math.abs(r - v) <= Math.ulp(v)) {
        return d;
      }
      scale *= 10;
    }
    return MAX_DECIMALS + 1;
  }

  /** Statistics of all columns over some rows. */
  static final class Partial implements Serializable {
    private static final long serialVersionUID = 1L;
    long rows;
    final Acc[] columns;

    Partial(Acc[] columns) {
      this.columns = columns;
    }

    void merge(Partial o) {
      rows += o.rows;
      for (int i = 0; i < columns.length; i++) {
        columns[i].merge(o.columns[i]);
      }
    }
  }

  /** Runs the scan (one Spark job) and returns the statistics of the whole table. */
  static Partial run(Dataset<Row> data, Plan plan) {
    JavaPairRDD<Integer, Partial> partials = data.queryExecution().toRdd().toJavaRDD()
        .mapPartitionsWithIndex((index, rows) -> List.of(new Tuple2<>(index, scan(index, rows, plan))).iterator(),
            false)
        .mapToPair(t -> t);
    int n = partials.getNumPartitions();
    List<Tuple2<Integer, Partial>> collected;
    if (n <= FAN_IN) {
      collected = partials.collect();
    } else {
      // consecutive partitions go to one group; sorted by partition index within it, so the merge order is fixed
      collected = partials.repartitionAndSortWithinPartitions(new Groups(n, FAN_IN))
          .mapPartitions(ColumnScan::mergeInOrder).collect();
    }
    List<Tuple2<Integer, Partial>> ordered = new ArrayList<>(collected);
    ordered.sort(Comparator.comparing(Tuple2::_1));
    Iterator<Tuple2<Integer, Partial>> it = ordered.iterator();
    Partial total = it.hasNext() ? it.next()._2() : empty(plan, 0);
    while (it.hasNext()) {
      total.merge(it.next()._2());
    }
    return total;
  }

  private static Iterator<Tuple2<Integer, Partial>> mergeInOrder(Iterator<Tuple2<Integer, Partial>> sorted) {
    if (!sorted.hasNext()) {
      return List.<Tuple2<Integer, Partial>>of().iterator();
    }
    Tuple2<Integer, Partial> first = sorted.next();
    Partial p = first._2();
    while (sorted.hasNext()) {
      p.merge(sorted.next()._2());
    }
    return List.of(new Tuple2<>(first._1(), p)).iterator();
  }

  /** Key {@code i} of {@code n} partitions goes to group {@code i / ceil(n / groups)}. */
  static final class Groups extends Partitioner {
    private final int size;
    private final int groups;

    Groups(int n, int groups) {
      this.size = (n + groups - 1) / groups;
      this.groups = (n + size - 1) / size;
    }

    @Override
    public int numPartitions() {
      return groups;
    }

    @Override
    public int getPartition(Object key) {
      return (Integer) key / size;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Groups g && g.size == size && g.groups == groups;
    }

    @Override
    public int hashCode() {
      return 31 * size + groups;
    }
  }

  private static Partial empty(Plan plan, int partition) {
    Acc[] acc = new Acc[plan.readers().length];
    for (int c = 0; c < acc.length; c++) {
      acc[c] = new Acc();
      Reader r = plan.readers()[c];
      if (r.numeric()) {
        acc[c].quantiles = new QuantileSketch(plan.epsilon(), plan.exactLimit(),
            RowRandom.mix(RowRandom.mix(plan.seed(), partition), c));
      }
      if (r != Reader.OTHER) {
        acc[c].sketch = new HllSketch(HLL_LG_K, TgtHllType.HLL_8);
      }
    }
    return new Partial(acc);
  }

  static Partial scan(int partition, Iterator<InternalRow> rows, Plan plan) {
    Partial p = empty(plan, partition);
    Acc[] acc = p.columns;
    Reader[] readers = plan.readers();
    ZoneId zone = ZoneId.of(plan.zone()); // a region or offset id: Plan.of resolved Spark's spelling
    boolean utc = zone.getRules().isFixedOffset() && zone.getRules().getOffset(Instant.EPOCH).getTotalSeconds() == 0;
    long rowBase = (long) partition << 33; // as monotonically_increasing_id
    long count = 0;
    while (rows.hasNext()) {
      InternalRow row = rows.next();
      boolean sample = plan.checkAllFormats()
          || (RowRandom.finalise(rowBase + count) & (ColumnStatistics.FORMAT_SAMPLE - 1)) == 0;
      count++;
      for (int c = 0; c < readers.length; c++) {
        if (row.isNullAt(c)) {
          continue;
        }
        Acc a = acc[c];
        switch (readers[c]) {
          case BYTE -> {
            byte v = row.getByte(c);
            a.sketch.update(v);
            a.count(v);
            int changed = a.addNumeric(v);
            if (changed != 0) {
              a.raw(changed, v);
            }
          }
          case SHORT -> {
            short v = row.getShort(c);
            a.sketch.update(v);
            a.count(v);
            int changed = a.addNumeric(v);
            if (changed != 0) {
              a.raw(changed, v);
            }
          }
          case INT, DATE -> {
            int v = row.getInt(c);
            a.sketch.update(v);
            a.count(v);
            int changed = a.addNumeric(v);
            if (changed != 0) {
              a.raw(changed, v);
            }
          }
          case LONG, TIMESTAMP, TIMESTAMP_NTZ -> {
            long v = row.getLong(c);
            a.sketch.update(v);
            a.count(v);
            if (readers[c] != Reader.LONG) {
              a.addTime(v);
            }
            double x = readers[c] == Reader.TIMESTAMP_NTZ && !utc ? ntzMicros(v, zone) : v;
            int changed = a.addNumeric(x);
            if (changed != 0) {
              a.raw(changed, v);
            }
          }
          case FLOAT, DOUBLE -> {
            double v = readers[c] == Reader.FLOAT ? row.getFloat(c) : row.getDouble(c);
            a.sketch.update(v);
            if (sample) {
              // a float's decimals as it prints (12.8f, not 12.800000190734863)
              a.addDecimals(readers[c] == Reader.FLOAT ? Double.parseDouble(Float.toString(row.getFloat(c))) : v);
            }
            // -0.0 and 0.0 are one group in Spark; floats are counted as the float they are
            a.count(readers[c] == Reader.FLOAT ? (Object) (v == 0.0 ? 0.0f : (float) v) : (Object) (v == 0.0 ? 0.0 : v));
            int changed = a.addNumeric(v);
            if (changed != 0) {
              a.raw(changed, readers[c] == Reader.FLOAT ? (Object) (float) v : (Object) v);
            }
          }
          case DECIMAL -> {
            Decimal d = row.getDecimal(c, plan.precision()[c], plan.scale()[c]);
            if (plan.precision()[c] <= Decimal.MAX_LONG_DIGITS()) {
              a.sketch.update(d.toUnscaledLong());
            } else {
              a.sketch.update(d.toJavaBigDecimal().unscaledValue().toByteArray());
            }
            a.count(d);
            int changed = a.addNumeric(d.toDouble());
            if (changed != 0) {
              a.raw(changed, d);
            }
          }
          case BOOLEAN -> {
            int v = row.getBoolean(c) ? 1 : 0;
            a.sketch.update(v);
            a.count(v == 1);
            int changed = a.addNumeric(v);
            if (changed != 0) {
              a.raw(changed, v == 1); // internal values (Boolean, Byte, ..., Decimal) for the cast to string
            }
          }
          case STRING -> a.addString(row.getUTF8String(c), sample);
          case OTHER -> {
            a.nonNull++;
            a.counts = null;
          }
          default -> throw new IllegalStateException(readers[c].name());
        }
      }
    }
    p.rows = count;
    for (Acc a : acc) {
      if (a.sketch != null) {
        a.hll = a.sketch.toCompactByteArray();
        a.sketch = null;
      }
    }
    return p;
  }

  /**
   * The numeric columns' extreme values as Spark casts them to strings: {@code [column][0 = min, 1 = max]}, null
   * where a column has none.
   */
  static String[][] extremes(SparkSession spark, StructType schema, Partial total) {
    List<DataType> types = new ArrayList<>();
    List<Object> values = new ArrayList<>();
    for (int c = 0; c < total.columns.length; c++) {
      Acc a = total.columns[c];
      if (a.quantiles != null && a.nonNull > 0) {
        types.add(schema.fields()[c].dataType());
        types.add(schema.fields()[c].dataType());
        values.add(a.minRaw);
        values.add(a.maxRaw);
      }
    }
    List<String> strings = asStrings(spark, types, values);
    String[][] out = new String[total.columns.length][];
    int i = 0;
    for (int c = 0; c < total.columns.length; c++) {
      Acc a = total.columns[c];
      if (a.quantiles != null && a.nonNull > 0) {
        out[c] = new String[] {strings.get(i), strings.get(i + 1)};
        i += 2;
      }
    }
    return out;
  }

  /**
   * Internal values as Spark's {@code CAST(v AS STRING)} gives them ({@code types.get(i)} is the type of value i):
   * strings, booleans and integers in Java, the rest (dates, timestamps in the session time zone, floating point,
   * decimals) through one one-row local relation, which runs no Spark job.
   */
  static List<String> asStrings(SparkSession spark, List<DataType> types, List<Object> raws) {
    String[] out = new String[raws.size()];
    List<StructField> fields = new ArrayList<>();
    List<Object> values = new ArrayList<>();
    List<Column> casts = new ArrayList<>();
    List<Integer> where = new ArrayList<>();
    for (int i = 0; i < raws.size(); i++) {
      DataType t = types.get(i);
      Reader r = Reader.of(t);
      if (r == Reader.STRING || r == Reader.BOOLEAN || r == Reader.BYTE || r == Reader.SHORT || r == Reader.INT
          || r == Reader.LONG) {
        out[i] = String.valueOf(raws.get(i));
        continue;
      }
      String name = "v" + fields.size();
      fields.add(new StructField(name, t, true, Metadata.empty()));
      values.add(CatalystTypeConverters.convertToScala(raws.get(i), t));
      casts.add(functions.col(name).cast("string"));
      where.add(i);
    }
    if (!fields.isEmpty()) {
      Row r = spark.createDataFrame(List.of(RowFactory.create(values.toArray())),
          new StructType(fields.toArray(new StructField[0]))).select(casts.toArray(new Column[0])).first();
      for (int j = 0; j < where.size(); j++) {
        out[where.get(j)] = r.getString(j);
      }
    }
    return List.of(out);
  }

  /** A TIMESTAMP_NTZ value as CAST(... AS TIMESTAMP) sees it: the local date-time in the session time zone. */
  static long ntzMicros(long localMicros, ZoneId zone) {
    long seconds = Math.floorDiv(localMicros, 1_000_000L);
    int micros = (int) Math.floorMod(localMicros, 1_000_000L);
    Instant at = LocalDateTime.ofEpochSecond(seconds, micros * 1000, ZoneOffset.UTC).atZone(zone).toInstant();
    return at.getEpochSecond() * 1_000_000L + at.getNano() / 1000;
  }
}
