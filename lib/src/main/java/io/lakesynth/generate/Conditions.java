package io.lakesynth.generate;

import io.lakesynth.error.ErrorCode;
import io.lakesynth.error.LakesynthException;
import io.lakesynth.model.Binning;
import io.lakesynth.model.ModelColumn;
import io.lakesynth.model.SynthModel;
import io.lakesynth.model.bn.CompiledNetwork;
import io.lakesynth.profile.Role;
import java.sql.Date;
import java.sql.Timestamp;
import java.util.Arrays;
import java.util.Map;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Conditional generation: target distributions for root columns (generate.conditions) and the
 * fixed partition value of each slice segment. Exact because the conditioned nodes are roots.
 */
final class Conditions {
  private static final Logger LOG = LoggerFactory.getLogger(Conditions.class);

  private Conditions() {}

  static CompiledNetwork apply(CompiledNetwork network, SynthModel model, Map<String, Map<String, Double>> conditions,
      StructType schema) {
    CompiledNetwork out = network;
    for (Map.Entry<String, Map<String, Double>> e : conditions.entrySet()) {
      ModelColumn c = column(model, e.getKey(), "lakesynth.generate.conditions." + e.getKey());
      requireRoot(model, c, "lakesynth.generate.conditions." + e.getKey());
      double[] probs = new double[model.metadata().cardinalities()[c.node()]];
      DataType type = schema.apply(c.name()).dataType();
      for (Map.Entry<String, Double> v : e.getValue().entrySet()) {
        int code = code(c, v.getKey(), type);
        if (code < 0) {
          throw new LakesynthException(ErrorCode.CONFIG_INVALID_VALUE,
              "lakesynth.generate.conditions." + c.name(), "'" + v.getKey() + "'",
              "the model of column '" + c.name() + "' has no such value (known: " + known(c) + ")");
        }
        probs[code] += v.getValue();
      }
      out = out.withRootDistribution(c.node(), probs);
      LOG.info("generate: column {} conditioned on {}", c.name(), e.getValue());
    }
    return out;
  }

  /** Fixed node codes per slice segment (-1 = free), or null when the slice column is not a root. */
  static int[][] sliceEvidence(SynthModel model, GeneratePlan plan, StructType schema) {
    ModelColumn c = model.metadata().columns().stream().filter(x -> x.name().equals(plan.sliceColumn())).findFirst()
        .orElseThrow();
    if (c.node() < 0) {
      return null;
    }
    if (model.metadata().parents()[c.node()].length > 0) {
      LOG.warn("generate: slice column {} is not a root of the model, so other columns are sampled without "
          + "conditioning on it; refit with model.roots = [\"{}\"] for exact per-partition distributions",
          c.name(), c.name());
      return null;
    }
    int nodes = model.metadata().nodeNames().size();
    DataType type = schema.apply(c.name()).dataType();
    int[][] out = new int[plan.segments().size()][];
    for (int s = 0; s < out.length; s++) {
      int[] fixed = new int[nodes];
      Arrays.fill(fixed, -1);
      int code = code(c, plan.segments().get(s).value(), type);
      // a value the model keeps no state for (new in a backfill, or a protected rare value) leaves the node free:
      // the slice's rows still carry the value, written by the segment's override
      fixed[c.node()] = code == c.otherCode() && ModelColumn.REDISTRIBUTE.equals(c.tail()) ? -1 : code;
      out[s] = fixed;
    }
    return out;
  }

  /** The node state of a value, -1 when the model has no state for it. */
  static int code(ModelColumn c, String value, DataType type) {
    if (value == null || value.equalsIgnoreCase("null")) {
      return c.nullCode();
    }
    if (c.role() == Role.CATEGORICAL) {
      int i = c.categories().indexOf(value);
      if (i < 0) {
        Object typed = TypedValues.parse(value, type);
        for (int j = 0; j < c.categories().size(); j++) {
          if (typed.equals(TypedValues.parse(c.categories().get(j), type))) {
            return j;
          }
        }
      }
      return i >= 0 ? i : c.otherCode();
    }
    return Binning.binOf(c.thresholds(), numeric(TypedValues.parse(value, type)));
  }

  static double numeric(Object v) {
    if (v instanceof Date d) {
      return d.toLocalDate().toEpochDay();
    }
    if (v instanceof Timestamp t) {
      return Math.floorDiv(t.getTime(), 1000L) * 1_000_000L + t.getNanos() / 1000;
    }
    if (v instanceof Boolean b) {
      return b ? 1 : 0;
    }
    return ((Number) v).doubleValue();
  }

  private static ModelColumn column(SynthModel model, String name, String key) {
    for (ModelColumn c : model.metadata().columns()) {
      if (c.name().equals(name)) {
        if (c.node() < 0) {
          throw new LakesynthException(ErrorCode.CONFIG_INVALID_VALUE, key, name,
              "column has role " + c.role().configName() + " and cannot be conditioned");
        }
        return c;
      }
    }
    throw new LakesynthException(ErrorCode.CONFIG_INVALID_VALUE, key, name,
        "table " + model.metadata().table() + " has no such column");
  }

  private static void requireRoot(SynthModel model, ModelColumn c, String key) {
    if (model.metadata().parents()[c.node()].length > 0) {
      throw new LakesynthException(ErrorCode.CONFIG_INVALID_VALUE, key, c.name(),
          "column is not a root of the model; refit with model.roots = [\"" + c.name() + "\"]");
    }
  }

  private static String known(ModelColumn c) {
    if (c.role() == Role.CATEGORICAL) {
      return c.categories().size() <= 20 ? c.categories().toString() : c.categories().subList(0, 20) + "...";
    }
    return "values between " + c.min() + " and " + c.max();
  }
}
