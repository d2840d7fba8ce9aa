package io.lakesynth.model.text;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fits a {@link StringModel} for each of a list of string columns in one Spark job: every row emits
 * the distinct transitions of each non-null value ({@link StringFeatures}) — once for the column and,
 * when the column has a parent, once more for the row's parent value — one aggregation counts the rows
 * holding each transition, length and word count, everything held by fewer than k rows is dropped on
 * the executors (except the column's own lengths and word counts, which are merged into their nearest
 * kept value on the driver by {@link Histogram#protect}), and a window keeps the {@code maxTransitions}
 * most widely held of each kind per column (the column's transitions; its parent groups' transitions,
 * lengths and word counts). Only that bounded set reaches the driver: per column at most
 * 2 × (maxLength + 1) + 4 × maxTransitions rows.
 */
public final class StringModelFitter {
  private static final Logger LOG = LoggerFactory.getLogger(StringModelFitter.class);
  private static final String DESCRIPTION = "spark.job.description";
  private static final StructType FEATURES = new StructType()
      .add("col", DataTypes.IntegerType, false)
      .add("grp", DataTypes.StringType, true)
      .add("kind", DataTypes.IntegerType, false)
      .add("ctx", DataTypes.StringType, false)
      .add("next", DataTypes.IntegerType, false)
      .add("occ", DataTypes.LongType, false)
      .add("rows", DataTypes.LongType, false);
  /**
   * Distinct features a task sums in memory before it passes them on (about 100 bytes each): a bound on executor
   * memory, not on the result; when full the sums go downstream and the buffer starts again.
   */
  static final int BUFFERED_FEATURES = 100_000;

  private final TextModelParams params;
  private int bufferedFeatures = BUFFERED_FEATURES;

  public StringModelFitter(TextModelParams params) {
    this.params = Objects.requireNonNull(params, "params");
  }

  /** With {@link TextModelParams#defaults()}. */
  public StringModelFitter() {
    this(TextModelParams.defaults());
  }

  /** Tests: a smaller per-task feature buffer, so that it fills and flushes (the counts must not change). */
  StringModelFitter bufferedFeatures(int value) {
    this.bufferedFeatures = value;
    return this;
  }

  public TextModelParams params() {
    return params;
  }

  /** {@link #fit(Dataset, List, Map)} without parents. */
  public Map<String, StringModel> fit(Dataset<Row> data, List<String> columns) {
    return fit(data, columns, Map.of());
  }

  /**
   * One model per column, in the given order; values are read as strings (other types are cast). A
   * column without enough support gets a model whose {@link StringModel#isEmpty()} is true.
   *
   * @param parents optional categorical parent column per string column (cast to string; a null parent
   *     value counts for the column only)
   */
  public Map<String, StringModel> fit(Dataset<Row> data, List<String> columns, Map<String, String> parents) {
    Map<String, StringModel> out = new LinkedHashMap<>();
    if (columns.isEmpty()) {
      return out;
    }
    long t0 = System.nanoTime();
    SparkSession spark = data.sparkSession();
    String before = spark.sparkContext().getLocalProperty(DESCRIPTION);
    spark.sparkContext().setLocalProperty(DESCRIPTION, "lakesynth string models of " + columns);
    List<Row> counted;
    try {
      counted = counts(data, columns, parents).collectAsList(); // bounded: see the class comment
    } finally {
      spark.sparkContext().setLocalProperty(DESCRIPTION, before);
    }
    Map<Integer, List<Row>> byColumn = new TreeMap<>();
    counted.forEach(r -> byColumn.computeIfAbsent(r.getInt(0), j -> new ArrayList<>()).add(r));
    for (int j = 0; j < columns.size(); j++) {
      out.put(columns.get(j), build(byColumn.getOrDefault(j, List.of()), parents.get(columns.get(j))));
    }
    LOG.info("string models: {} columns, {} kept transitions in {} ms", columns.size(),
        out.values().stream().mapToInt(StringModel::size).sum(), (System.nanoTime() - t0) / 1_000_000);
    return out;
  }

  /** The bounded, protected counts: (col, grp, kind, ctx, next, rows, weight). */
  Dataset<Row> counts(Dataset<Row> data, List<String> columns, Map<String, String> parents) {
    List<Column> cs = new ArrayList<>();
    columns.forEach(c -> cs.add(col("`" + c + "`").cast("string")));
    columns.forEach(c -> cs.add(parents.containsKey(c) ? col("`" + parents.get(c) + "`").cast("string")
        : lit(null).cast("string")));
    Dataset<Row> features = data.select(cs.toArray(Column[]::new))
        .mapPartitions(new Emit(columns.size(), params.order(), params.maxLength(), bufferedFeatures), Encoders.row(FEATURES));
    Column transition = col("kind").gt(0);
    Column columnShape = col("kind").lt(0).and(col("grp").isNull()); // merged on the driver instead
    Dataset<Row> counts = features.groupBy("col", "grp", "kind", "ctx", "next")
        .agg(sum("rows").as("rows"), sum("occ").as("weight"))
        .filter(columnShape.or(col("rows").geq(params.rareThreshold())));
    Column rank = row_number().over(Window.partitionBy(col("col"), col("grp").isNull(),
        when(transition, lit(0)).otherwise(col("kind")))
        .orderBy(col("rows").desc(), col("grp"), col("kind"), col("ctx"), col("next")));
    return counts.withColumn("rank", rank)
        .filter(columnShape.or(col("rank").leq(params.maxTransitions())))
        .drop("rank");
  }

  private StringModel build(List<Row> counted, String parent) {
    Map<String, List<Row>> byGroup = new TreeMap<>();
    List<Row> column = new ArrayList<>();
    for (Row r : counted) {
      if (r.isNullAt(1)) {
        column.add(r);
      } else {
        byGroup.computeIfAbsent(r.getString(1), g -> new ArrayList<>()).add(r);
      }
    }
    List<ParentGroup> groups = new ArrayList<>();
    byGroup.forEach((value, rows) -> {
      TextCounts c = textCounts(rows);
      if (!c.lengths().isEmpty()) { // a parent value held by fewer than k rows keeps nothing
        groups.add(new ParentGroup(value, c));
      }
    });
    return new StringModel(StringModel.FORMAT_VERSION, params, textCounts(column), parent, groups);
  }

  private TextCounts textCounts(List<Row> counted) {
    SortedMap<Integer, Long> lengths = new TreeMap<>();
    SortedMap<Integer, Long> words = new TreeMap<>();
    List<Row> trans = new ArrayList<>();
    for (Row r : counted) {
      int kind = r.getInt(2);
      if (kind == StringFeatures.LENGTH) {
        lengths.put(r.getInt(4), r.getLong(5));
      } else if (kind == StringFeatures.WORDS) {
        words.put(r.getInt(4), r.getLong(5));
      } else {
        trans.add(r);
      }
    }
    trans.sort(Comparator.<Row>comparingInt(r -> r.getInt(2)).thenComparing(r -> r.getString(3))
        .thenComparingInt(r -> r.getInt(4)));
    // a context's total (ANY, sorted first) is kept only with a kept transition from that context
    List<Row> useful = new ArrayList<>();
    for (int i = 0; i < trans.size(); i++) {
      Row r = trans.get(i);
      if (r.getInt(4) != StringFeatures.ANY || (i + 1 < trans.size() && trans.get(i + 1).getInt(2) == r.getInt(2)
          && trans.get(i + 1).getString(3).equals(r.getString(3)))) {
        useful.add(r);
      }
    }
    trans = useful;
    int n = trans.size();
    Transitions t = new Transitions(new int[n], new String[n], new int[n], new long[n], new long[n]);
    for (int i = 0; i < n; i++) {
      Row r = trans.get(i);
      t.order()[i] = r.getInt(2);
      t.context()[i] = r.getString(3);
      t.next()[i] = r.getInt(4);
      t.rows()[i] = r.getLong(5);
      t.weight()[i] = r.getLong(6);
    }
    long rows = lengths.values().stream().mapToLong(Long::longValue).sum();
    return new TextCounts(rows, Histogram.protect(lengths, params.rareThreshold()),
        Histogram.protect(words, params.rareThreshold()), t);
  }

  /**
   * Rows (values, then parent values) → features of each non-null value, summed per task: (col, grp, kind, ctx,
   * next) with the rows holding it and their total occurrences. A typed function: the same with built-in functions
   * would take a sequence/transform/explode per column and order, and could not cap a row's weight. Summing in the
   * task first (at most {@link #BUFFERED_FEATURES} distinct features at a time) hands Spark one row per distinct
   * feature instead of one per value and feature (each through the Row encoder and the partial aggregation): a
   * text column's values share most of their n-grams.
   */
  static final class Emit implements MapPartitionsFunction<Row, Row> {
    private final int columns;
    private final int order;
    private final int maxLength;
    private final int buffered;

    Emit(int columns, int order, int maxLength, int buffered) {
      this.columns = columns;
      this.order = order;
      this.maxLength = maxLength;
      this.buffered = buffered;
    }

    /** One feature's key. */
    private record Key(int column, String group, int kind, String context, int next) {}

    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
      return new Iterator<>() {
        private final Map<Key, long[]> sums = new HashMap<>();
        private Iterator<Row> ready = java.util.Collections.emptyIterator();

        @Override
        public boolean hasNext() {
          while (!ready.hasNext()) {
            if (!rows.hasNext()) {
              if (sums.isEmpty()) {
                return false;
              }
              ready = flush();
              break;
            }
            add(rows.next());
            if (sums.size() >= buffered) {
              ready = flush();
            }
          }
          return ready.hasNext();
        }

        @Override
        public Row next() {
          if (!hasNext()) {
            throw new java.util.NoSuchElementException();
          }
          return ready.next();
        }

        private void add(Row row) {
          for (int j = 0; j < columns; j++) {
            if (!row.isNullAt(j)) {
              int column = j;
              String parent = row.isNullAt(columns + j) ? null : row.getString(columns + j);
              StringFeatures.emit(row.getString(j), order, maxLength, (kind, ctx, next, w) -> {
                count(new Key(column, null, kind, ctx, next), w);
                if (parent != null) {
                  count(new Key(column, parent, kind, ctx, next), w);
                }
              });
            }
          }
        }

        private void count(Key k, int weight) {
          long[] c = sums.computeIfAbsent(k, x -> new long[2]);
          c[0]++;
          c[1] += weight;
        }

        private Iterator<Row> flush() {
          List<Row> out = new ArrayList<>(sums.size());
          sums.forEach((k, c) -> out.add(RowFactory.create(k.column(), k.group(), k.kind(), k.context(), k.next(),
              c[1], c[0])));
          sums.clear();
          return out.iterator();
        }
      };
    }
  }
}
