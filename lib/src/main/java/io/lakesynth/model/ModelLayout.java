package io.lakesynth.model;

import io.lakesynth.config.ModelType;
import io.lakesynth.config.Settings.ModelSettings;
import io.lakesynth.config.Settings.RareValueSettings;
import io.lakesynth.error.ErrorCode;
import io.lakesynth.error.LakesynthException;
import io.lakesynth.profile.ColumnProfile;
import io.lakesynth.profile.ColumnProfile.Category;
import io.lakesynth.profile.Role;
import io.lakesynth.profile.TableProfile;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a profile into the model's columns and nodes: which columns become network nodes, their
 * states and bins, and which continuous columns enter the Gaussian mixture. Pure Java.
 */
public final class ModelLayout {
  /** Name of the mixture component node in hybrid models. */
  public static final String COMPONENT_NODE = "__gmm_component";

  private final List<ModelColumn> columns;
  private final List<String> nodeNames;
  private final int[] cardinalities;
  private final int componentNode;
  private final List<String> gmmColumns;

  private ModelLayout(List<ModelColumn> columns, List<String> nodeNames, int[] cardinalities, int componentNode,
      List<String> gmmColumns) {
    this.columns = columns;
    this.nodeNames = nodeNames;
    this.cardinalities = cardinalities;
    this.componentNode = componentNode;
    this.gmmColumns = gmmColumns;
  }

  /**
   * Builds the layout. {@code components} is the mixture's component count for hybrid models
   * (0 when there is no mixture node).
   */
  public static ModelLayout plan(TableProfile profile, ModelSettings settings, int bins, int components) {
    return plan(profile, settings.type(), settings.rareValues(), bins, components);
  }

  /** {@link #plan(TableProfile, ModelSettings, int, int)} for a model type, rare values redistributed. */
  public static ModelLayout plan(TableProfile profile, ModelType type, int bins, int components) {
    return plan(profile, type, new RareValueSettings(ModelColumn.REDISTRIBUTE, 1.0, java.util.Map.of()), bins,
        components);
  }

  private static ModelLayout plan(TableProfile profile, ModelType type, RareValueSettings rare, int bins,
      int components) {
    List<ModelColumn> cols = new ArrayList<>();
    List<String> names = new ArrayList<>();
    List<Integer> cards = new ArrayList<>();
    List<String> gmm = new ArrayList<>();
    java.util.Map<String, TableProfile.Derivation> derivations = new java.util.HashMap<>();
    if (profile.dependence() != null) {
      for (TableProfile.Derivation d : profile.dependence().derivations()) {
        if (d.computed()) {
          derivations.put(d.column(), d);
        }
      }
    }
    for (ColumnProfile c : profile.columns()) {
      Role role = c.role();
      if (role == Role.CONTINUOUS && (c.quantiles() == null || c.quantiles().length < 2 || c.numeric() == null)) {
        throw new LakesynthException(ErrorCode.PROFILE_INVALID, profile.table(),
            "continuous column '" + c.name() + "' has no quantiles");
      }
      double nullRate = profile.rowCount() == 0 ? 0 : (double) c.nullCount() / profile.rowCount();
      boolean hasNull = c.nullCount() > 0;
      int node = -1;
      int gmmDim = -1;
      ModelColumn mc;
      int decimals = c.numeric() == null ? -1 : c.numeric().decimals();
      long unit = c.numeric() == null ? 0 : c.numeric().timeUnitMicros();
      if (role == Role.CATEGORICAL && c.topValues().isEmpty() && c.strings() == null) {
        // every value is rare: a numeric column falls back to its continuous model (bounds and quantiles)
        role = c.quantiles() != null && c.quantiles().length >= 2 && c.numeric() != null ? Role.CONTINUOUS
            : Role.CONSTANT;
      }
      TableProfile.Derivation derivation = derivations.get(c.name());
      if (derivation != null) {
        // computed from its source at generation: no node, no CPT
        cols.add(new ModelColumn(c.name(), c.sparkType(), role, c.semantic(), -1, List.of(), false, hasNull, null,
            null, null, null, num(c, true), num(c, false), c.numeric() != null && c.numeric().integral(), -1,
            nullRate, null, c.strings(), profile.rowCount(), "", decimals, unit, derivation.kind(),
            derivation.source()));
        continue;
      }
      switch (role) {
        case CATEGORICAL -> {
          List<String> cats = new ArrayList<>();
          for (Category cat : c.topValues()) {
            cats.add(cat.value());
          }
          boolean other = c.otherCount() > 0;
          String tail = other ? tail(c, rare) : "";
          node = names.size();
          mc = new ModelColumn(c.name(), c.sparkType(), role, c.semantic(), node, cats, other, hasNull,
              null, null, null, null, num(c, true), num(c, false), c.numeric() != null && c.numeric().integral(),
              -1, nullRate, null, c.strings(), profile.rowCount(), tail, decimals, unit, "", "");
        }
        case CONTINUOUS -> {
          double[] q = c.quantiles();
          double[] t = type == ModelType.GMM ? new double[] {q[0]} : Binning.thresholds(q, bins);
          double[] lo = Binning.binLowProbabilities(q, t);
          double[] hi = Binning.binHighProbabilities(lo);
          if (type != ModelType.BAYESNET) {
            gmmDim = gmm.size();
            gmm.add(c.name());
          }
          node = names.size();
          mc = new ModelColumn(c.name(), c.sparkType(), role, c.semantic(), node, List.of(), false, hasNull,
              t, lo, hi, q, c.numeric().min(), c.numeric().max(), c.numeric().integral(), gmmDim, nullRate, null,
              null, profile.rowCount(), "", decimals, unit, "", "");
        }
        case CONSTANT -> mc = new ModelColumn(c.name(), c.sparkType(), role, c.semantic(), -1, List.of(), false,
            hasNull, null, null, null, null, num(c, true), num(c, false), false, -1, nullRate,
            c.role() == Role.CONSTANT && !c.topValues().isEmpty() ? c.topValues().get(0).value() : null, c.strings(),
            profile.rowCount(), "", decimals, unit, "", "");
        default -> mc = new ModelColumn(c.name(), c.sparkType(), role, c.semantic(), -1, List.of(), false, hasNull,
            null, null, null, null, num(c, true), num(c, false), c.numeric() != null && c.numeric().integral(), -1,
            nullRate, null, c.strings(), profile.rowCount(), "", decimals, unit, "", "");
      }
      cols.add(mc);
      if (node >= 0) {
        names.add(c.name());
        cards.add(Math.max(1, mc.cardinality()));
      }
    }
    int componentNode = -1;
    if (type == ModelType.HYBRID && components > 0 && !gmm.isEmpty()) {
      componentNode = names.size();
      names.add(COMPONENT_NODE);
      cards.add(components);
    }
    return new ModelLayout(List.copyOf(cols), List.copyOf(names), cards.stream().mapToInt(Integer::intValue).toArray(),
        componentNode, List.copyOf(gmm));
  }

  /** This layout with the rare-value policy of some columns replaced (by name). */
  public ModelLayout withTails(java.util.Map<String, String> tails) {
    List<ModelColumn> cols = new ArrayList<>();
    for (ModelColumn c : columns) {
      cols.add(tails.containsKey(c.name()) ? c.withTail(tails.get(c.name())) : c);
    }
    return new ModelLayout(List.copyOf(cols), nodeNames, cardinalities, componentNode, gmmColumns);
  }

  /** Re-creates the layout from saved metadata. */
  public static ModelLayout of(List<ModelColumn> columns, List<String> nodeNames, int[] cardinalities,
      int componentNode, List<String> gmmColumns) {
    return new ModelLayout(List.copyOf(columns), List.copyOf(nodeNames), cardinalities.clone(), componentNode,
        List.copyOf(gmmColumns));
  }

  /** The policy for a categorical column's rare mass: generate needs a string column. */
  private static String tail(ColumnProfile c, RareValueSettings rare) {
    if (c.strings() == null) {
      return ModelColumn.REDISTRIBUTE;
    }
    String policy = rare.policyOf(c.name());
    if (c.topValues().isEmpty()) {
      return ModelColumn.GENERATE; // nothing to redistribute over
    }
    if (policy.equals("auto")) {
      long nonNull = c.topValues().stream().mapToLong(Category::count).sum() + c.otherCount();
      return (double) c.otherCount() / Math.max(1, nonNull) > rare.generateAbove() ? ModelColumn.GENERATE
          : ModelColumn.REDISTRIBUTE;
    }
    return policy;
  }

  private static double num(ColumnProfile c, boolean min) {
    if (c.numeric() == null) {
      return Double.NaN;
    }
    return min ? c.numeric().min() : c.numeric().max();
  }

  public List<ModelColumn> columns() {
    return columns;
  }

  /** Columns that are network nodes, in node order. */
  public List<ModelColumn> nodeColumns() {
    List<ModelColumn> out = new ArrayList<>();
    for (ModelColumn c : columns) {
      if (c.node() >= 0) {
        out.add(c);
      }
    }
    out.sort((a, b) -> Integer.compare(a.node(), b.node()));
    return out;
  }

  public List<String> nodeNames() {
    return nodeNames;
  }

  public int[] cardinalities() {
    return cardinalities.clone();
  }

  public int nodeCount() {
    return nodeNames.size();
  }

  /** Node index of the mixture component, -1 if none. */
  public int componentNode() {
    return componentNode;
  }

  /** Continuous columns in the mixture, in dimension order. */
  public List<String> gmmColumns() {
    return gmmColumns;
  }

  public int nodeOf(String column) {
    int i = nodeNames.indexOf(column);
    if (i < 0) {
      throw new LakesynthException(ErrorCode.CONFIG_INVALID_VALUE, "lakesynth.model.roots", column,
          "column '" + column + "' is not a modelled (categorical or continuous) column");
    }
    return i;
  }
}
