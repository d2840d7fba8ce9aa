package io.lakesynth.evaluate;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/**
 * A bounded, seeded, partitioning-independent sample of a table as columns: doubles (NaN = null) for continuous
 * columns, strings ({@link #NULL} marker) for the others.
 *
 * <p>The sample is the {@code limit} rows with the smallest seeded 64-bit hash of their content (ties broken by the
 * values themselves), in that order: the same rows in the same order whatever the partitioning, executor count or
 * cluster, so every score computed from it is identical everywhere. Spark runs it as a per-partition top-k (one scan,
 * no full sort); only {@code limit} rows reach the driver.
 */
record Sample(double[][] numbers, String[][] strings, int size) {
  static final String NULL = "\u2205null";
  static final String HASH = "__lakesynth_sample_hash";

  /** The prepared columns c0..c(k-1) of a table, in the order of {@code cols}. */
  static Dataset<Row> prepare(Dataset<Row> df, List<EvalColumn> cols) {
    Column[] sel = new Column[cols.size()];
    for (int i = 0; i < sel.length; i++) {
      sel[i] = cols.get(i).prepared().alias("c" + i);
    }
    return df.select(sel);
  }

  /** The seeded sample as a Dataset: at most limit rows, ordered by the seeded content hash. */
  static Dataset<Row> seeded(Dataset<Row> prepared, long seed, int limit) {
    String[] names = prepared.columns();
    Column[] hashed = new Column[2 * names.length + 1];
    hashed[0] = functions.lit(seed);
    Column[] order = new Column[names.length + 1];
    order[0] = functions.col(HASH);
    for (int i = 0; i < names.length; i++) {
      // xxhash64 skips nulls: a null flag per column keeps (null, "a") and ("a", null) apart
      hashed[2 * i + 1] = functions.col(names[i]);
      hashed[2 * i + 2] = functions.col(names[i]).isNull();
      order[i + 1] = functions.col(names[i]).asc_nulls_first();
    }
    return prepared.withColumn(HASH, functions.xxhash64(hashed)).orderBy(order).limit(limit).drop(HASH);
  }

  static Sample of(Dataset<Row> prepared, int limit, long seed, List<EvalColumn> cols) {
    List<Row> list = seeded(prepared, seed, limit).collectAsList(); // bounded by limit (a config value)
    return fromRows(list, cols);
  }

  static Sample fromRows(List<Row> list, List<EvalColumn> cols) {
    int n = list.size();
    double[][] num = new double[cols.size()][];
    String[][] str = new String[cols.size()][];
    for (int j = 0; j < cols.size(); j++) {
      if (cols.get(j).continuous()) {
        num[j] = new double[n];
      } else {
        str[j] = new String[n];
      }
    }
    for (int i = 0; i < n; i++) {
      Row row = list.get(i);
      for (int j = 0; j < cols.size(); j++) {
        if (num[j] != null) {
          num[j][i] = row.isNullAt(j) ? Double.NaN : row.getDouble(j);
        } else {
          str[j][i] = row.isNullAt(j) ? NULL : row.getString(j);
        }
      }
    }
    return new Sample(num, str, n);
  }

  /** The first n rows (itself a seeded sample: rows are in hash order). */
  Sample head(int n) {
    int m = Math.min(n, size);
    double[][] num = new double[numbers.length][];
    String[][] str = new String[strings.length][];
    for (int j = 0; j < numbers.length; j++) {
      num[j] = numbers[j] == null ? null : Arrays.copyOf(numbers[j], m);
      str[j] = strings[j] == null ? null : Arrays.copyOf(strings[j], m);
    }
    return new Sample(num, str, m);
  }

  /** The columns idx, in that order (the same rows). */
  Sample columns(int[] idx) {
    double[][] num = new double[idx.length][];
    String[][] str = new String[idx.length][];
    for (int j = 0; j < idx.length; j++) {
      num[j] = numbers[idx[j]];
      str[j] = strings[idx[j]];
    }
    return new Sample(num, str, size);
  }

  /** Whether column j of row i is null. */
  boolean isNull(int j, int i) {
    return numbers[j] != null ? Double.isNaN(numbers[j][i]) : NULL.equals(strings[j][i]);
  }

  /** Rows whose column j is not null. */
  int nonNullCount(int j) {
    int c = 0;
    for (int i = 0; i < size; i++) {
      c += isNull(j, i) ? 0 : 1;
    }
    return c;
  }

  /** Row i's value of column j as in the prepared table: a Double, a String or null. */
  Object value(int j, int i) {
    if (isNull(j, i)) {
      return null;
    }
    return numbers[j] != null ? (Object) numbers[j][i] : strings[j][i];
  }

  double[] nonNull(int j) {
    return Arrays.stream(numbers[j]).filter(x -> !Double.isNaN(x)).toArray();
  }

  String[] nonNullStrings(int j) {
    return Arrays.stream(strings[j]).filter(v -> !NULL.equals(v)).toArray(String[]::new);
  }

  double nullShare(int j) {
    if (size == 0) {
      return 0;
    }
    long nulls = numbers[j] != null ? Arrays.stream(numbers[j]).filter(Double::isNaN).count()
        : Arrays.stream(strings[j]).filter(NULL::equals).count();
    return (double) nulls / size;
  }

  Map<String, Long> counts(int j) {
    Map<String, Long> m = new HashMap<>();
    for (String v : strings[j]) {
      m.merge(v, 1L, Long::sum);
    }
    return m;
  }
}
