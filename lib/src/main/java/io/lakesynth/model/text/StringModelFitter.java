package io.lakesynth.model.text;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Tuple5;

/**
 * Fits a {@link StringModel} for each of a list of string columns in one Spark job: every row emits
 * the distinct transitions of each non-null value ({@link StringFeatures}), one aggregation counts the
 * rows holding each transition, length and word count, transitions held by fewer than k rows are
 * dropped on the executors, and a window keeps the {@code maxTransitions} most widely held per column.
 * Only that bounded set reaches the driver: at most columns × (maxTransitions + 2 × (maxLength + 1))
 * rows. Lengths and word counts held by fewer than k rows are merged into their nearest kept value on
 * the driver ({@link Histogram#protect}).
 */
public final class StringModelFitter {
  private static final Logger LOG = LoggerFactory.getLogger(StringModelFitter.class);
  private static final String DESCRIPTION = "spark.job.description";

  private final TextModelParams params;

  public StringModelFitter(TextModelParams params) {
    this.params = params;
  }

  /** With {@link TextModelParams#defaults()}. */
  public StringModelFitter() {
    this(TextModelParams.defaults());
  }

  public TextModelParams params() {
    return params;
  }

  /**
   * One model per column, in the given order; values are read as strings (other types are cast).
   * A column without enough support gets a model whose {@link StringModel#isEmpty()} is true.
   */
  public Map<String, StringModel> fit(Dataset<Row> data, List<String> columns) {
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
      counted = counts(data, columns).collectAsList(); // bounded: see the class comment
    } finally {
      spark.sparkContext().setLocalProperty(DESCRIPTION, before);
    }
    for (int j = 0; j < columns.size(); j++) {
      out.put(columns.get(j), build(counted, j));
    }
    LOG.info("string models: {} columns, {} kept transitions in {} ms", columns.size(),
        out.values().stream().mapToInt(m -> m.transitions().size()).sum(), (System.nanoTime() - t0) / 1_000_000);
    return out;
  }

  /** The bounded, protected counts: (col, kind, ctx, next, rows, weight). */
  Dataset<Row> counts(Dataset<Row> data, List<String> columns) {
    Column[] cs = columns.stream().map(c -> col("`" + c + "`").cast("string")).toArray(Column[]::new);
    Dataset<Row> features = data.select(cs)
        .flatMap(new Emit(params.order(), params.maxLength()),
            Encoders.tuple(Encoders.INT(), Encoders.INT(), Encoders.STRING(), Encoders.INT(), Encoders.INT()))
        .toDF("col", "kind", "ctx", "next", "occ");
    Column transition = col("kind").gt(0);
    Dataset<Row> counts = features.groupBy("col", "kind", "ctx", "next")
        .agg(count(lit(1)).as("rows"), sum("occ").as("weight"))
        .filter(col("kind").lt(0).or(col("rows").geq(params.rareThreshold())));
    Column rank = row_number().over(Window.partitionBy(col("col"), when(transition, lit(0)).otherwise(col("kind")))
        .orderBy(col("rows").desc(), col("kind"), col("ctx"), col("next")));
    return counts.withColumn("rank", rank)
        .filter(col("kind").lt(0).or(col("rank").leq(params.maxTransitions())))
        .drop("rank");
  }

  private StringModel build(List<Row> counted, int column) {
    SortedMap<Integer, Long> lengths = new TreeMap<>();
    SortedMap<Integer, Long> words = new TreeMap<>();
    List<Row> trans = new ArrayList<>();
    for (Row r : counted) {
      if (r.getInt(0) != column) {
        continue;
      }
      int kind = r.getInt(1);
      if (kind == StringFeatures.LENGTH) {
        lengths.put(r.getInt(3), r.getLong(4));
      } else if (kind == StringFeatures.WORDS) {
        words.put(r.getInt(3), r.getLong(4));
      } else {
        trans.add(r);
      }
    }
    trans.sort(Comparator.<Row>comparingInt(r -> r.getInt(1)).thenComparing(r -> r.getString(2))
        .thenComparingInt(r -> r.getInt(3)));
    int n = trans.size();
    Transitions t = new Transitions(new int[n], new String[n], new int[n], new long[n], new long[n]);
    for (int i = 0; i < n; i++) {
      Row r = trans.get(i);
      t.order()[i] = r.getInt(1);
      t.context()[i] = r.getString(2);
      t.next()[i] = r.getInt(3);
      t.rows()[i] = r.getLong(4);
      t.weight()[i] = r.getLong(5);
    }
    long rows = lengths.values().stream().mapToLong(Long::longValue).sum();
    return new StringModel(StringModel.FORMAT_VERSION, params, rows, Histogram.protect(lengths,
        params.rareThreshold()), Histogram.protect(words, params.rareThreshold()), t);
  }

  /**
   * Row → features of each non-null value. A typed flatMap: the same with built-in functions would
   * take a sequence/transform/explode per column and order, and could not cap a row's weight.
   */
  static final class Emit implements FlatMapFunction<Row, Tuple5<Integer, Integer, String, Integer, Integer>> {
    private final int order;
    private final int maxLength;

    Emit(int order, int maxLength) {
      this.order = order;
      this.maxLength = maxLength;
    }

    @Override
    public Iterator<Tuple5<Integer, Integer, String, Integer, Integer>> call(Row row) {
      List<Tuple5<Integer, Integer, String, Integer, Integer>> out = new ArrayList<>();
      for (int j = 0; j < row.length(); j++) {
        if (!row.isNullAt(j)) {
          int column = j;
          StringFeatures.emit(row.getString(j), order, maxLength,
              (kind, ctx, next, w) -> out.add(new Tuple5<>(column, kind, ctx, next, w)));
        }
      }
      return out.iterator();
    }
  }
}
