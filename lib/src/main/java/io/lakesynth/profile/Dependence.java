package io.lakesynth.profile;

import io.lakesynth.config.ModelType;
import io.lakesynth.config.Settings.ProfileSettings;
import io.lakesynth.model.ModelFrames;
import io.lakesynth.model.ModelLayout;
import io.lakesynth.model.RowCoder;
import io.lakesynth.model.bn.MutualInformation;
import io.lakesynth.model.ModelColumn;
import io.lakesynth.profile.TableProfile.DependenceMatrix;
import io.lakesynth.profile.TableProfile.Derivation;
import java.util.ArrayList;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.functions;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Pass 4: pairwise mutual information between modelled columns on their discretised codes,
 * from one seeded sample of at most profile.dependence-sample-rows rows (one Spark job).
 */
final class Dependence {
  private Dependence() {}

  /** At most this many derivation candidates are checked (each is one boolean column of the sample). */
  static final int MAX_CANDIDATES = 64;
  /** A derivation needs at least this many sampled rows where its source is set. */
  static final int MIN_ROWS = 20;

  static DependenceMatrix compute(Dataset<Row> data, TableProfile draft, ProfileSettings settings) {
    ModelLayout layout = ModelLayout.plan(draft, ModelType.BAYESNET, settings.bins(), 0);
    List<Derivation> candidates = candidates(draft);
    if (layout.nodeCount() < 2 && candidates.isEmpty()) {
      return new DependenceMatrix(layout.nodeNames(), new double[layout.nodeCount()][layout.nodeCount()], 0);
    }
    int limit = settings.dependenceSampleRows();
    double fraction = Math.min(1.0, 1.1 * limit / Math.max(1, draft.rowCount()));
    List<Column> cols = new ArrayList<>();
    for (ModelColumn c : layout.nodeColumns()) {
      cols.add(ModelFrames.prepared(c.name(), c.sparkType(), c.role()).alias("c" + c.node()));
    }
    // each candidate: (holds on this row, source is set); evaluated by Spark (to_date in the session time zone)
    for (int i = 0; i < candidates.size(); i++) {
      Derivation d = candidates.get(i);
      Column target = functions.col(ModelFrames.quote(d.column()));
      Column source = functions.col(ModelFrames.quote(d.source()));
      Column derived = switch (d.kind()) {
        case "date_of" -> functions.to_date(source);
        case "year_of" -> functions.year(source);
        default -> functions.month(source);
      };
      cols.add(target.eqNullSafe(derived.cast(data.schema().apply(d.column()).dataType())).alias("h" + i));
      cols.add(source.isNotNull().alias("s" + i));
    }
    Dataset<Row> prepared = data.select(cols.toArray(new Column[0]));
    Dataset<Row> sample = fraction >= 1.0 ? prepared : prepared.sample(false, fraction, settings.seed());
    List<Row> rows = sample.limit(limit).collectAsList(); // bounded by dependence-sample-rows
    List<Derivation> found = confirmed(candidates, rows, layout.nodeCount());
    if (layout.nodeCount() < 2) {
      return new DependenceMatrix(layout.nodeNames(), new double[layout.nodeCount()][layout.nodeCount()],
          rows.size(), found);
    }
    RowCoder coder = new RowCoder(layout, null);
    int n = layout.nodeCount();
    int[][] codes = new int[n][rows.size()];
    int[] buf = new int[n];
    for (int r = 0; r < rows.size(); r++) {
      coder.encode(rows.get(r), buf, null, null);
      for (int i = 0; i < n; i++) {
        codes[i][r] = buf[i];
      }
    }
    List<Derivation> all = new ArrayList<>(found);
    all.addAll(functions(layout, codes, found));
    return new DependenceMatrix(layout.nodeNames(), MutualInformation.pairwise(codes, layout.cardinalities()),
        rows.size(), all);
  }

  /**
   * Categorical columns that are functions of another categorical column on the sample (a code and its label, a
   * value that is constant per partition or per group): {@code function_of} derivations, at most one source per
   * column, without cycles. A function needs real evidence: at least {@link #MIN_ROWS} sampled rows that repeat a
   * value of the source already seen (a nearly unique source is a function of nothing), at least two target values,
   * and no row of the source's value states whose target is a rare (OTHER) value. Among sources the one with the
   * fewest states wins (the coarsest grouping that still determines the column), ties by column order.
   */
  static List<Derivation> functions(ModelLayout layout, int[][] codes, List<Derivation> derived) {
    java.util.Set<String> skip = new java.util.HashSet<>();
    for (Derivation d : derived) {
      skip.add(d.column());
      skip.add(d.source());
    }
    List<ModelColumn> cats = new ArrayList<>();
    for (ModelColumn c : layout.nodeColumns()) {
      if (c.role() == Role.CATEGORICAL && c.categories().size() >= 2 && !skip.contains(c.name())) {
        cats.add(c);
      }
    }
    java.util.Map<String, String> sourceOf = new java.util.LinkedHashMap<>();
    for (ModelColumn target : cats) {
      ModelColumn best = null;
      for (ModelColumn source : cats) {
        if (source == target || source.cardinality() < target.categories().size()
            || (best != null && source.cardinality() >= best.cardinality())
            || !isFunction(codes[source.node()], source.categories().size(), codes[target.node()], target)) {
          continue;
        }
        best = source;
      }
      if (best != null) {
        sourceOf.put(target.name(), best.name());
      }
    }
    // one-to-one pairs (and longer cycles) keep the function whose target comes later in column order
    List<Derivation> out = new ArrayList<>();
    for (ModelColumn target : cats) {
      String source = sourceOf.get(target.name());
      if (source == null) {
        continue;
      }
      String s = source;
      boolean cycle = false;
      for (int steps = 0; s != null && steps <= cats.size(); steps++) {
        if (s.equals(target.name())) {
          cycle = true;
          break;
        }
        s = sourceOf.get(s);
      }
      if (cycle) {
        sourceOf.remove(target.name());
        continue;
      }
      out.add(new Derivation(target.name(), Derivation.FUNCTION_OF, source));
    }
    return out;
  }

  private static boolean isFunction(int[] source, int sourceValues, int[] target, ModelColumn t) {
    int[] map = new int[sourceValues];
    java.util.Arrays.fill(map, -1);
    int seen = 0;
    int repeats = 0;
    int first = -1;
    boolean twoValues = false;
    int other = t.otherState() ? t.otherCode() : -1;
    for (int r = 0; r < source.length; r++) {
      int a = source[r];
      if (a >= sourceValues) {
        continue; // the source's rare (OTHER) or null rows carry no evidence
      }
      int b = target[r];
      if (b == other) {
        return false;
      }
      if (map[a] < 0) {
        map[a] = b;
        seen++;
        if (first < 0) {
          first = b;
        } else if (b != first) {
          twoValues = true;
        }
      } else if (map[a] != b) {
        return false;
      } else {
        repeats++;
      }
    }
    return twoValues && seen >= 2 && repeats >= MIN_ROWS;
  }

  /**
   * Pairs worth checking: a DATE column and a timestamp (date_of), an integer column and a date or timestamp
   * (year_of, month_of). Only modelled (categorical or continuous) columns are targets; timestamps are tried as
   * sources before dates.
   */
  static List<Derivation> candidates(TableProfile p) {
    List<ColumnProfile> timestamps = new ArrayList<>();
    List<ColumnProfile> dates = new ArrayList<>();
    for (ColumnProfile c : p.columns()) {
      String t = c.sparkType().toUpperCase(java.util.Locale.ROOT);
      if (t.startsWith("TIMESTAMP") && c.nullCount() < p.rowCount()) {
        timestamps.add(c);
      } else if (t.equals("DATE") && c.nullCount() < p.rowCount()) {
        dates.add(c);
      }
    }
    List<Derivation> out = new ArrayList<>();
    for (ColumnProfile c : p.columns()) {
      if (!c.role().modelled()) {
        continue;
      }
      String t = c.sparkType().toUpperCase(java.util.Locale.ROOT);
      boolean integral = RoleInference.kindOf(t) == RoleInference.Kind.INTEGRAL && !t.startsWith("DECIMAL");
      List<ColumnProfile> sources = new ArrayList<>(timestamps);
      if (integral) {
        sources.addAll(dates);
      }
      for (ColumnProfile s : sources) {
        if (s.name().equals(c.name()) || out.size() + 2 > MAX_CANDIDATES) {
          continue;
        }
        if (t.equals("DATE")) {
          out.add(new Derivation(c.name(), "date_of", s.name()));
        } else if (integral) {
          out.add(new Derivation(c.name(), "year_of", s.name()));
          out.add(new Derivation(c.name(), "month_of", s.name()));
        }
      }
    }
    return out;
  }

  /** Candidates that hold on every sampled row, at most one per target, never a target used as a source. */
  private static List<Derivation> confirmed(List<Derivation> candidates, List<Row> rows, int offset) {
    List<Derivation> out = new ArrayList<>();
    java.util.Set<String> targets = new java.util.HashSet<>();
    for (int i = 0; i < candidates.size(); i++) {
      Derivation d = candidates.get(i);
      if (targets.contains(d.column()) || targets.contains(d.source())) {
        continue;
      }
      int set = 0;
      boolean holds = true;
      for (Row r : rows) {
        if (!r.getBoolean(offset + 2 * i)) {
          holds = false;
          break;
        }
        set += r.getBoolean(offset + 2 * i + 1) ? 1 : 0;
      }
      if (holds && set >= MIN_ROWS) {
        out.add(d);
        targets.add(d.column());
      }
    }
    // a source must not itself be derived (no chains): drop derivations whose source became a target
    out.removeIf(d -> targets.contains(d.source()));
    return out;
  }
}
