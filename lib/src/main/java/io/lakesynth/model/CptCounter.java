package io.lakesynth.model;

import io.lakesynth.error.ErrorCode;
import io.lakesynth.error.LakesynthException;
import io.lakesynth.model.bn.FamilyEncoder;
import io.lakesynth.model.bn.NetworkStructure;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import scala.Tuple2;

/**
 * Counts every node's family (node state x parent configuration) over the full table in ONE
 * distributed aggregation: each partition encodes its rows and pre-aggregates in a hash map,
 * then one shuffle sums the (node, cell) keys. Only the bounded count tables reach the driver.
 */
public final class CptCounter {
  private static final int CELL_BITS = 40;

  private CptCounter() {}

  /** Cells of each node's family table. */
  public static long[] familySizes(NetworkStructure structure, int[] cards) {
    long[] sizes = new long[cards.length];
    for (int node = 0; node < cards.length; node++) {
      sizes[node] = (long) FamilyEncoder.parentConfigCount(structure.parents()[node], cards) * cards[node];
    }
    return sizes;
  }

  /** counts[node][parentConfig * card + state] over the prepared table. */
  public static long[][] count(Dataset<Row> prepared, RowCoder coder, NetworkStructure structure, int[] cards,
      long maxTotalCells) {
    long[] sizes = familySizes(structure, cards);
    long total = 0;
    for (long s : sizes) {
      total += s;
    }
    if (total > maxTotalCells) {
      throw new LakesynthException(ErrorCode.CONFIG_INVALID_VALUE, "lakesynth.model.max-cpt-cells", maxTotalCells,
          "the network's tables need " + total + " cells; lower model.max-parents or profile.bins");
    }
    Dataset<Tuple2<Long, Long>> pairs = prepared.mapPartitions(
        new FamilyCounts(coder, structure.parents(), cards), Encoders.tuple(Encoders.LONG(), Encoders.LONG()));
    Dataset<Row> summed = pairs.toDF("k", "n").groupBy("k").agg(functions.sum("n").alias("n"));
    long[][] counts = new long[cards.length][];
    for (int node = 0; node < cards.length; node++) {
      counts[node] = new long[(int) sizes[node]];
    }
    // bounded: at most `total` distinct keys, checked above
    for (Row r : summed.collectAsList()) {
      long key = r.getLong(0);
      int node = (int) (key >>> CELL_BITS);
      int cell = (int) (key & ((1L << CELL_BITS) - 1));
      counts[node][cell] += r.getLong(1);
    }
    return counts;
  }

  /** Per-partition family counting. */
  static final class FamilyCounts implements MapPartitionsFunction<Row, Tuple2<Long, Long>> {
    private static final long serialVersionUID = 1L;
    private final RowCoder coder;
    private final int[][] parents;
    private final int[] cards;

    FamilyCounts(RowCoder coder, int[][] parents, int[] cards) {
      this.coder = coder;
      this.parents = parents;
      this.cards = cards;
    }

    @Override
    public Iterator<Tuple2<Long, Long>> call(Iterator<Row> rows) {
      int n = cards.length;
      int[] codes = new int[n];
      double[] z = new double[n];
      double[] scratch = new double[n];
      Map<Long, long[]> local = new HashMap<>();
      while (rows.hasNext()) {
        coder.encode(rows.next(), codes, z, scratch);
        for (int node = 0; node < n; node++) {
          long cell = (long) FamilyEncoder.parentConfig(parents[node], cards, codes) * cards[node] + codes[node];
          long key = ((long) node << CELL_BITS) | cell;
          local.computeIfAbsent(key, k -> new long[1])[0]++;
        }
      }
      List<Tuple2<Long, Long>> out = new ArrayList<>(local.size());
      for (Map.Entry<Long, long[]> e : local.entrySet()) {
        out.add(new Tuple2<>(e.getKey(), e.getValue()[0]));
      }
      return out.iterator();
    }
  }
}
