package io.lakesynth.model;

import io.lakesynth.model.gmm.MixtureMath;
import io.lakesynth.model.gmm.Normal;
import io.lakesynth.profile.Role;
import java.io.Serializable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;

/**
 * Turns one prepared row (see {@link ModelFrames#prepare}: one value per node column, strings for
 * categorical and numeric-space doubles for continuous columns) into node codes, including the
 * mixture component of hybrid models. Serializable: used on executors to count CPT families.
 */
public final class RowCoder implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final double EPS = 1e-6;

  private final int nodes;
  private final boolean[] categorical;
  private final Map<String, Integer>[] dictionaries;
  private final int[] otherCode;
  private final int[] nullCode;
  private final String[] names;
  private final double[][] thresholds;
  private final double[][] quantiles;
  private final int[] gmmDim;
  private final int componentNode;
  private final MixtureMath mixture;

  @SuppressWarnings("unchecked")
  public RowCoder(ModelLayout layout, MixtureMath mixture) {
    List<ModelColumn> cols = layout.nodeColumns();
    this.nodes = layout.nodeCount();
    int n = cols.size();
    this.categorical = new boolean[n];
    this.dictionaries = new Map[n];
    this.otherCode = new int[n];
    this.nullCode = new int[n];
    this.names = new String[n];
    this.thresholds = new double[n][];
    this.quantiles = new double[n][];
    this.gmmDim = new int[n];
    for (int i = 0; i < n; i++) {
      ModelColumn c = cols.get(i);
      categorical[i] = c.role() == Role.CATEGORICAL;
      otherCode[i] = c.otherCode();
      nullCode[i] = c.nullCode();
      names[i] = c.name();
      gmmDim[i] = c.gmmDimension();
      if (categorical[i]) {
        Map<String, Integer> dict = new HashMap<>();
        for (int j = 0; j < c.categories().size(); j++) {
          dict.put(c.categories().get(j), j);
        }
        dictionaries[i] = dict;
      } else {
        thresholds[i] = c.thresholds();
        quantiles[i] = c.quantiles();
      }
    }
    this.componentNode = layout.componentNode();
    this.mixture = componentNode >= 0 ? mixture : null;
  }

  /** Number of column values a prepared row holds. */
  public int columnCount() {
    return categorical.length;
  }

  /** Fills codes[0..nodes) from a prepared row; scratch arrays avoid per-row allocation. */
  public void encode(Row row, int[] codes, double[] z, double[] scratch) {
    int n = categorical.length;
    for (int i = 0; i < n; i++) {
      if (row.isNullAt(i)) {
        if (nullCode[i] < 0) {
          // was silently coded as state 0 (a real value); issue 17 item 6
          throw new io.lakesynth.error.LakesynthException(io.lakesynth.error.ErrorCode.SOURCE_BAD_COLUMN,
              "being fitted", names[i], "has null values but its profile saw none, so the model has no NULL state "
                  + "for it; profile the table again");
        }
        codes[i] = nullCode[i];
        if (gmmDim[i] >= 0 && z != null) {
          z[gmmDim[i]] = 0.0;
        }
        continue;
      }
      if (categorical[i]) {
        Integer code = dictionaries[i].get(row.getString(i));
        if (code == null) {
          if (otherCode[i] < 0) {
            // was silently coded as state 0 (a real value): a value the profile never saw has no state
            throw new io.lakesynth.error.LakesynthException(io.lakesynth.error.ErrorCode.SOURCE_BAD_COLUMN,
                "being fitted", names[i], "has the value '" + row.getString(i) + "' that its profile never saw "
                    + "(the table changed since it was profiled); profile the table again");
          }
          code = otherCode[i]; // rare values and values beyond the state budget
        }
        codes[i] = code;
      } else {
        double x = row.getDouble(i);
        codes[i] = Binning.binOf(thresholds[i], x);
        if (gmmDim[i] >= 0 && z != null) {
          z[gmmDim[i]] = normalScore(quantiles[i], x);
        }
      }
    }
    if (componentNode >= 0) {
      codes[componentNode] = mixture.mostLikely(z, scratch);
    }
  }

  /** Normal score of x through the column's quantile table (mid-point of ties). */
  public static double normalScore(double[] quantiles, double x) {
    double p = Binning.probabilityOf(quantiles, x);
    return Normal.inverseCdf(Math.min(Math.max(p, EPS), 1 - EPS));
  }

  public int nodes() {
    return nodes;
  }
}
