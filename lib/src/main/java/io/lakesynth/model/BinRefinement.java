package io.lakesynth.model;

import io.lakesynth.model.bn.FamilyEncoder;
import io.lakesynth.model.bn.NetworkStructure;
import io.lakesynth.profile.Role;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;

/**
 * Where a continuous value sits inside its bin, given the node's parents. The network picks a bin; without this the
 * value is drawn through the column's marginal quantile table inside that bin, so every parent configuration gets the
 * same shape within the bin: the airports of a small state are spread over a latitude band several states wide.
 *
 * <p>For each (parent configuration, bin) cell of a continuous node that holds at least {@code minRows} rows of the
 * fit sample and whose rows sit unevenly inside the bin (a one-sample Kolmogorov-Smirnov test against the uniform
 * position at the 1 % level), the cell keeps {@value #POINTS} interior quantiles of the rows' positions (the position
 * of a value is where its marginal probability falls in the bin's probability range, 0..1). A draw inside that cell
 * maps its uniform number through those quantiles (linear between them, the end segments extended, clamped to the
 * bin), so no cell stores a row's extreme value. Cells without a table, hybrid and gmm models and models fitted under
 * differential privacy (this summary is not noised) keep the marginal shape. Total cells are capped ({@code
 * maxCells}, the largest kept) so the broadcast stays small. Pure Java, serializable.
 */
public final class BinRefinement implements Serializable {
  private static final long serialVersionUID = 1L;
  /** Quantiles kept per cell, at probabilities (j + 1/2) / POINTS. */
  public static final int POINTS = 8;
  /** Kolmogorov-Smirnov critical constant at the 1 % level (c(alpha) = sqrt(-ln(alpha / 2) / 2)). */
  static final double KS_CRITICAL = 1.628;

  private final int[] nodes;
  private final long[][] keys;
  private final float[][] points;

  BinRefinement(int[] nodes, long[][] keys, float[][] points) {
    this.nodes = nodes;
    this.keys = keys;
    this.points = points;
    for (int i = 0; i < nodes.length; i++) {
      if (points[i].length != keys[i].length * POINTS) {
        throw new IllegalArgumentException("bin refinement of node " + nodes[i] + ": " + points[i].length
            + " points for " + keys[i].length + " cells");
      }
      for (int j = 1; j < keys[i].length; j++) {
        if (keys[i][j] <= keys[i][j - 1]) {
          throw new IllegalArgumentException("bin refinement of node " + nodes[i] + ": cells not sorted");
        }
      }
    }
  }

  /** No refinement at all. */
  public static BinRefinement none() {
    return new BinRefinement(new int[0], new long[0][], new float[0][]);
  }

  public boolean isEmpty() {
    return nodes.length == 0;
  }

  /** Cells with a table, over all nodes. */
  public int cells() {
    int n = 0;
    for (long[] k : keys) {
      n += k.length;
    }
    return n;
  }

  /** The refinement of one node, or null when it has none. */
  public Cells of(int node) {
    int i = Arrays.binarySearch(nodes, node);
    return i < 0 ? null : new Cells(keys[i], points[i]);
  }

  /** One node's cells: key = parent configuration * cardinality + bin. */
  public static final class Cells implements Serializable {
    private static final long serialVersionUID = 1L;
    private final long[] keys;
    private final float[] points;

    Cells(long[] keys, float[] points) {
      this.keys = keys;
      this.points = points;
    }

    public int size() {
      return keys.length;
    }

    /** The position in [0, 1] for the uniform number {@code u}; {@code u} itself when the cell keeps no table. */
    public double position(long key, double u) {
      int i = Arrays.binarySearch(keys, key);
      return i < 0 ? u : interpolate(points, i * POINTS, u);
    }
  }

  /** Piecewise-linear inverse CDF through POINTS quantiles at (j + 1/2) / POINTS, end segments extended. */
  static double interpolate(float[] p, int off, double u) {
    double pos = u * POINTS - 0.5;
    int j = (int) Math.floor(pos);
    j = Math.max(0, Math.min(POINTS - 2, j));
    double f = pos - j;
    double x = p[off + j] + f * (p[off + j + 1] - p[off + j]);
    return Math.min(1.0, Math.max(0.0, x));
  }

  /**
   * Fits the refinement from the prepared fit sample and its node codes.
   *
   * @param sample prepared rows (one value per node column, continuous as doubles)
   * @param codes codes[node][row] of the same rows
   */
  public static BinRefinement fit(List<Row> sample, int[][] codes, ModelLayout layout, NetworkStructure structure,
      int[] cards, int minRows, int maxCells) {
    List<ModelColumn> cols = layout.nodeColumns();
    int rows = sample.size();
    List<Candidate> all = new ArrayList<>();
    int[] rowCodes = new int[cards.length];
    for (int node = 0; node < cols.size(); node++) {
      ModelColumn c = cols.get(node);
      int[] parents = structure.parents()[node];
      if (c.role() != Role.CONTINUOUS || c.gmmDimension() >= 0 || parents.length == 0) {
        continue;
      }
      Map<Long, double[]> cells = new HashMap<>();
      Map<Long, Integer> sizes = new HashMap<>();
      double[] pos = new double[rows];
      long[] key = new long[rows];
      for (int r = 0; r < rows; r++) {
        int bin = codes[node][r];
        if (bin == c.nullCode() || sample.get(r).isNullAt(node)) {
          key[r] = -1;
          continue;
        }
        for (int p : parents) {
          rowCodes[p] = codes[p][r];
        }
        long config = FamilyEncoder.parentConfig(parents, cards, rowCodes);
        key[r] = config * cards[node] + bin;
        double width = c.binHigh()[bin] - c.binLow()[bin];
        double prob = Binning.probabilityOf(c.quantiles(), sample.get(r).getDouble(node));
        pos[r] = width <= 0 ? 0.5 : Math.min(1.0, Math.max(0.0, (prob - c.binLow()[bin]) / width));
        sizes.merge(key[r], 1, Integer::sum);
      }
      for (Map.Entry<Long, Integer> e : sizes.entrySet()) {
        if (e.getValue() >= minRows) {
          cells.put(e.getKey(), new double[e.getValue()]);
        }
      }
      if (cells.isEmpty()) {
        continue;
      }
      Map<Long, Integer> filled = new HashMap<>();
      for (int r = 0; r < rows; r++) {
        double[] v = key[r] < 0 ? null : cells.get(key[r]);
        if (v != null) {
          v[filled.merge(key[r], 1, Integer::sum) - 1] = pos[r];
        }
      }
      for (Map.Entry<Long, double[]> e : cells.entrySet()) {
        double[] v = e.getValue();
        Arrays.sort(v);
        if (ksUniform(v) > KS_CRITICAL / Math.sqrt(v.length)) {
          all.add(new Candidate(node, e.getKey(), v.length, quantiles(v)));
        }
      }
    }
    // the largest cells first (ties by node and key, so the choice does not depend on hash order)
    all.sort((a, b) -> a.rows != b.rows ? Integer.compare(b.rows, a.rows)
        : a.node != b.node ? Integer.compare(a.node, b.node) : Long.compare(a.key, b.key));
    List<Candidate> kept = new ArrayList<>(all.subList(0, Math.min(all.size(), Math.max(0, maxCells))));
    kept.sort((a, b) -> a.node != b.node ? Integer.compare(a.node, b.node) : Long.compare(a.key, b.key));
    List<Integer> nodeList = new ArrayList<>();
    List<long[]> keyList = new ArrayList<>();
    List<float[]> pointList = new ArrayList<>();
    int i = 0;
    while (i < kept.size()) {
      int node = kept.get(i).node;
      int j = i;
      while (j < kept.size() && kept.get(j).node == node) {
        j++;
      }
      long[] k = new long[j - i];
      float[] p = new float[(j - i) * POINTS];
      for (int t = i; t < j; t++) {
        k[t - i] = kept.get(t).key;
        System.arraycopy(kept.get(t).points, 0, p, (t - i) * POINTS, POINTS);
      }
      nodeList.add(node);
      keyList.add(k);
      pointList.add(p);
      i = j;
    }
    return new BinRefinement(nodeList.stream().mapToInt(Integer::intValue).toArray(),
        keyList.toArray(new long[0][]), pointList.toArray(new float[0][]));
  }

  private record Candidate(int node, long key, int rows, float[] points) {}

  /** Kolmogorov-Smirnov distance of sorted values in [0, 1] from the uniform distribution. */
  static double ksUniform(double[] sorted) {
    int n = sorted.length;
    double d = 0;
    for (int i = 0; i < n; i++) {
      d = Math.max(d, Math.max((i + 1.0) / n - sorted[i], sorted[i] - (double) i / n));
    }
    return d;
  }

  /** Quantiles at (j + 1/2) / POINTS of sorted values, linear interpolation between order statistics. */
  static float[] quantiles(double[] sorted) {
    int n = sorted.length;
    float[] out = new float[POINTS];
    for (int j = 0; j < POINTS; j++) {
      double h = (n - 1) * (j + 0.5) / POINTS;
      int lo = (int) Math.floor(h);
      int hi = Math.min(n - 1, lo + 1);
      out[j] = (float) (sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]));
    }
    return out;
  }

  /** Binary form: node count, then per node its id, cell count, keys and points (big-endian). */
  public byte[] encode() {
    int size = Integer.BYTES;
    for (int i = 0; i < nodes.length; i++) {
      size += 2 * Integer.BYTES + keys[i].length * Long.BYTES + points[i].length * Float.BYTES;
    }
    ByteBuffer buf = ByteBuffer.allocate(size);
    buf.putInt(nodes.length);
    for (int i = 0; i < nodes.length; i++) {
      buf.putInt(nodes[i]).putInt(keys[i].length);
      for (long k : keys[i]) {
        buf.putLong(k);
      }
      for (float p : points[i]) {
        buf.putFloat(p);
      }
    }
    return buf.array();
  }

  /** Reads {@link #encode}'s form; IllegalArgumentException when it is malformed. */
  public static BinRefinement decode(byte[] bytes) {
    try {
      ByteBuffer buf = ByteBuffer.wrap(bytes);
      int n = buf.getInt();
      if (n < 0 || n > bytes.length) {
        throw new IllegalArgumentException("bad node count " + n);
      }
      int[] nodes = new int[n];
      long[][] keys = new long[n][];
      float[][] points = new float[n][];
      for (int i = 0; i < n; i++) {
        nodes[i] = buf.getInt();
        int cells = buf.getInt();
        if (cells < 0 || (long) cells * (Long.BYTES + POINTS * Float.BYTES) > buf.remaining()) {
          throw new IllegalArgumentException("bad cell count " + cells);
        }
        keys[i] = new long[cells];
        for (int j = 0; j < cells; j++) {
          keys[i][j] = buf.getLong();
        }
        points[i] = new float[cells * POINTS];
        for (int j = 0; j < points[i].length; j++) {
          points[i][j] = buf.getFloat();
        }
      }
      if (buf.remaining() != 0) {
        throw new IllegalArgumentException("trailing bytes");
      }
      return new BinRefinement(nodes, keys, points);
    } catch (java.nio.BufferUnderflowException e) {
      throw new IllegalArgumentException("truncated", e);
    }
  }
}
