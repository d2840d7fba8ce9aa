package io.lakesynth.generate;

import io.lakesynth.model.BinRefinement;
import io.lakesynth.model.Binning;
import io.lakesynth.model.ModelColumn;
import io.lakesynth.model.bn.FamilyEncoder;
import io.lakesynth.util.RowRandom;
import java.io.Serializable;
import java.util.List;
import org.apache.spark.sql.types.DataType;

/** Builds one output column's value for a row from the sampled node codes. */
abstract class ColumnDecoder implements Serializable {
  private static final long serialVersionUID = 1L;
  protected final long columnHash;
  protected final DataType type;

  ColumnDecoder(String name, DataType type) {
    this.columnHash = RowRandom.hash(name);
    this.type = type;
  }

  abstract Object decode(RowState st);

  /** The same value as {@link #decode} in Spark's internal representation (for InternalRow output). */
  Object decodeInternal(RowState st) {
    return TypedValues.toInternal(decode(st), type);
  }

  /**
   * Categorical: one typed value per kept state. The OTHER state stands for rare values (and values beyond the state
   * budget): with the redistribute policy the network never samples it (its CPT probability is 0); with the generate
   * policy it becomes a new value from the column's string model, never one of the kept values. No placeholder is
   * ever written.
   */
  static final class Categorical extends ColumnDecoder {
    private static final long serialVersionUID = 1L;
    private final String column;
    private final int node;
    private final Object[] values;
    private final int otherCode;
    private final int nullCode;
    private final StringSampler strings;
    private final java.util.Set<String> kept;

    Categorical(ModelColumn c, DataType type, StringSampler strings) {
      super(c.name(), type);
      this.column = c.name();
      this.node = c.node();
      List<String> cats = c.categories();
      this.values = new Object[cats.size()];
      for (int i = 0; i < cats.size(); i++) {
        values[i] = TypedValues.parse(cats.get(i), type);
      }
      this.otherCode = c.otherCode();
      this.nullCode = c.nullCode();
      this.strings = ModelColumn.GENERATE.equals(c.tail()) ? strings : null;
      this.kept = new java.util.HashSet<>(cats);
      if (otherCode >= 0 && this.strings == null && !ModelColumn.REDISTRIBUTE.equals(c.tail())) {
        throw new IllegalArgumentException("column " + c.name() + " has rare values to generate but no string model");
      }
    }

    @Override
    Object decode(RowState st) {
      int code = st.codes[node];
      if (code == nullCode) {
        return null;
      }
      if (code == otherCode) {
        if (strings == null) {
          // redistributed: the network gives OTHER probability 0, so only forced evidence can land here
          throw new IllegalStateException("column " + column + ": the redistributed rare-value state was sampled");
        }
        return TypedValues.parse(strings.sample(st.columnRandom(columnHash), kept::contains), type);
      }
      return values[code];
    }

    private transient Object[] internalValues;

    @Override
    Object decodeInternal(RowState st) {
      int code = st.codes[node];
      if (code == nullCode || code == otherCode) {
        return super.decodeInternal(st);
      }
      Object[] iv = internalValues;
      if (iv == null) { // built once per executor JVM copy of the sampler: UTF8String and Decimal per category
        iv = new Object[values.length];
        for (int i = 0; i < iv.length; i++) {
          iv[i] = TypedValues.toInternal(values[i], type);
        }
        internalValues = iv;
      }
      return iv[code];
    }
  }

  /**
   * Continuous: the bin comes from the network; the position inside the bin is uniform on the
   * bin's probability range (bayesnet; through the cell's quantiles where the model refines the bin given the parents,
   * see {@link BinRefinement}) or the mixture's Gaussian copula draw (hybrid), then the
   * inverse CDF of the quantile table. For gmm models the mixture's draw maps through the whole CDF.
   */
  static final class Continuous extends ColumnDecoder {
    private static final long serialVersionUID = 1L;
    private final int node;
    private final int nullCode;
    private final double[] quantiles;
    private final double[] thresholds;
    private final double[] low;
    private final double[] high;
    private final double min;
    private final double max;
    private final int dim;
    private final boolean wholeCdf;
    private final int decimals;
    private final long timeUnit;
    private final BinRefinement.Cells refined;
    private final int[] parents;
    private final int[] cards;
    private final int card;

    /** With the node's within-bin refinement (null: none), its parents and the network's cardinalities. */
    Continuous(ModelColumn c, DataType type, boolean wholeCdf, BinRefinement.Cells refined, int[] parents,
        int[] cards) {
      super(c.name(), type);
      this.node = c.node();
      this.nullCode = c.nullCode();
      this.quantiles = c.quantiles();
      this.thresholds = c.thresholds();
      this.low = c.binLow();
      this.high = c.binHigh();
      this.min = c.min();
      this.max = c.max();
      this.dim = c.gmmDimension();
      this.wholeCdf = wholeCdf;
      this.decimals = c.decimals();
      this.timeUnit = c.timeUnit();
      this.refined = refined == null || refined.size() == 0 || dim >= 0 || wholeCdf ? null : refined;
      this.parents = parents;
      this.cards = cards;
      this.card = this.refined == null ? 0 : cards[node];
    }

    @Override
    Object decode(RowState st) {
      int code = st.codes[node];
      return code == nullCode ? null : TypedValues.fromNumeric(draw(st, code), type, min, max);
    }

    @Override
    Object decodeInternal(RowState st) {
      int code = st.codes[node];
      return code == nullCode ? null : TypedValues.internalFromNumeric(draw(st, code), type, min, max);
    }

    private double draw(RowState st, int code) {
      double p;
      if (wholeCdf && dim >= 0) {
        p = st.z[dim];
      } else {
        double f = dim >= 0 ? st.z[dim] : st.columnRandom(columnHash).nextDouble();
        if (refined != null) {
          f = refined.position((long) FamilyEncoder.parentConfig(parents, cards, st.codes) * card + code, f);
        }
        p = low[code] + f * (high[code] - low[code]);
      }
      double x = Binning.valueAt(quantiles, p);
      if (!wholeCdf) {
        double lo = thresholds[code];
        double hi = code + 1 < thresholds.length ? thresholds[code + 1] : max;
        x = Math.min(Math.max(x, lo), hi);
      }
      // the observed precision (12.8 stays 12.8, a table recorded to the minute gets no seconds); min and max are
      // themselves on that grid, so the clamp that follows keeps it
      return TypedValues.round(x, decimals, timeUnit);
    }
  }

  /** A fixed value (constant columns) or always null (ignored columns). */
  static final class Fixed extends ColumnDecoder {
    private static final long serialVersionUID = 1L;
    private final Object value;
    private final double nullRate;

    Fixed(String name, DataType type, Object value, double nullRate) {
      super(name, type);
      this.value = value;
      this.nullRate = nullRate;
    }

    @Override
    Object decode(RowState st) {
      if (value == null || (nullRate > 0 && st.columnRandom(columnHash).nextDouble() < nullRate)) {
        return null;
      }
      return value;
    }

    private transient Object internalValue;

    @Override
    Object decodeInternal(RowState st) {
      Object v = decode(st);
      if (v == null) {
        return null;
      }
      if (internalValue == null) {
        internalValue = TypedValues.toInternal(v, type);
      }
      return internalValue;
    }
  }
}
