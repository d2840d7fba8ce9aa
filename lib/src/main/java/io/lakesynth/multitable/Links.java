package io.lakesynth.multitable;

import io.lakesynth.config.MultiTableSettings.ForeignKey;
import io.lakesynth.model.CountModel;
import io.lakesynth.model.LinkModel;
import io.lakesynth.model.ModelFrames;
import io.lakesynth.profile.ColumnProfile;
import io.lakesynth.profile.Role;
import io.lakesynth.profile.TableProfile;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/**
 * Joins along foreign keys, shared by fit and evaluate: which parent columns a child sees, the child rows with those
 * parent columns ({@code <fk>__<column>}), and the number of children per parent row.
 */
public final class Links {
  static final String KEY = "__lakesynth_parent_key";
  static final String COUNT = "__lakesynth_children";

  private Links() {}

  /**
   * Parent columns used as evidence in a child's model: categorical (not the key), with 2 to {@code maxStates}
   * kept values that cover at least half of the rows (a mostly-rare column such as a name would be evidence of
   * nothing), the most kept values first, at most {@code max}. A column whose name holds "__" is taken for a joined
   * grandparent column and skipped (so own columns must not contain "__").
   */
  public static List<String> evidenceAttributes(TableProfile parent, String pk, int max, int maxStates) {
    return own(parent).filter(c -> !c.name().equals(pk) && c.role() == Role.CATEGORICAL && c.topValues() != null)
        .filter(c -> c.topValues().size() >= 2 && c.topValues().size() <= maxStates && keptShare(c, parent) >= 0.5)
        .sorted(Comparator.comparingInt((ColumnProfile c) -> -c.topValues().size()))
        .limit(max).map(ColumnProfile::name).toList();
  }

  /** Parent columns compared with the child's in the evaluation: the evidence candidates and continuous columns. */
  public static List<String> evaluatedAttributes(TableProfile parent, String pk, int maxStates) {
    List<String> out = new ArrayList<>(evidenceAttributes(parent, pk, Integer.MAX_VALUE, maxStates));
    own(parent).filter(c -> !c.name().equals(pk) && c.role() == Role.CONTINUOUS).forEach(c -> out.add(c.name()));
    return out;
  }

  /** The parent's own columns: a child profile also holds its own parents' joined columns (named with "__"). */
  private static java.util.stream.Stream<ColumnProfile> own(TableProfile parent) {
    return parent.columns().stream().filter(c -> !c.name().contains("__"));
  }

  private static double keptShare(ColumnProfile c, TableProfile t) {
    long kept = c.topValues().stream().mapToLong(ColumnProfile.Category::count).sum();
    return t.rowCount() == 0 ? 0 : (double) kept / t.rowCount();
  }

  /**
   * The child's rows with the given parent columns of each link joined as {@code <fk>__<column>}, the foreign key
   * columns dropped. The first link is joined inner (its orphans are dropped: they have no parent to be generated
   * for), the others left (an orphan keeps nulls).
   */
  public static Dataset<Row> augment(Dataset<Row> child, List<ForeignKey> fks, List<List<String>> attributes,
      Map<String, Dataset<Row>> parents) {
    Dataset<Row> out = child;
    for (int i = 0; i < fks.size(); i++) {
      ForeignKey fk = fks.get(i);
      Dataset<Row> parent = parents.get(fk.table());
      List<Column> sel = new ArrayList<>();
      sel.add(functions.col(ModelFrames.quote(fk.parentColumn())).as(KEY + i));
      for (String a : attributes.get(i)) {
        sel.add(functions.col(ModelFrames.quote(a)).as(LinkModel.Link.childColumn(fk.column(), a)));
      }
      Dataset<Row> p = parent.select(sel.toArray(new Column[0]));
      out = out.join(p, out.col(ModelFrames.quote(fk.column())).equalTo(p.col(KEY + i)), i == 0 ? "inner" : "left")
          .drop(KEY + i);
    }
    for (ForeignKey fk : fks) {
      out = out.drop(fk.column());
    }
    return out;
  }

  /** Parents with n children, per n (parents without children under 0); small: one row per distinct count. */
  public static Map<Long, Long> childrenPerParent(Dataset<Row> child, String fk, Dataset<Row> parent, String pk) {
    Map<Long, Long> out = new TreeMap<>();
    for (Row r : perParent(child, fk, parent, pk, null).groupBy(COUNT).count().collectAsList()) {
      out.put(r.getLong(0), r.getLong(1));
    }
    return out;
  }

  /**
   * Children per parent row per value of the parent's {@code condition} column ("" = none): parents[value][count],
   * from one grouped count (bounded by condition states x distinct counts), the input of {@link CountModel#fit}.
   */
  public static Map<String, Map<Long, Long>> countsByValue(Dataset<Row> child, String fk, Dataset<Row> parent,
      String pk, String condition) {
    Map<String, Map<Long, Long>> byValue = new LinkedHashMap<>();
    Dataset<Row> per = perParent(child, fk, parent, pk, condition.isEmpty() ? null : condition);
    Column cond = condition.isEmpty() ? functions.lit(CountModel.NULL)
        : functions.coalesce(functions.col("__cond").cast("string"), functions.lit(CountModel.NULL));
    for (Row r : per.groupBy(cond.as("__cond_value"), functions.col(COUNT)).count().collectAsList()) {
      byValue.computeIfAbsent(r.getString(0), k -> new TreeMap<>()).put(r.getLong(1), r.getLong(2));
    }
    return byValue;
  }

  /**
   * The count model of a link, conditioned on the candidate parent column that tells most about the count (largest
   * mutual information with the binned count; none when there is no candidate).
   */
  public static CountModel counts(Dataset<Row> child, String fk, Dataset<Row> parent, String pk,
      List<String> candidates, long minParents, long maxChildren) {
    String best = "";
    Map<String, Map<Long, Long>> bestCounts = null;
    double bestInformation = -1;
    for (String c : candidates.isEmpty() ? List.of("") : candidates) {
      Map<String, Map<Long, Long>> counts = countsByValue(child, fk, parent, pk, c);
      double information = CountModel.information(counts);
      if (information > bestInformation) {
        best = c;
        bestCounts = counts;
        bestInformation = information;
      }
    }
    return CountModel.fit(best, bestCounts, minParents, maxChildren);
  }

  private static Dataset<Row> perParent(Dataset<Row> child, String fk, Dataset<Row> parent, String pk,
      String condition) {
    Dataset<Row> counts = child.where(functions.col(ModelFrames.quote(fk)).isNotNull())
        .groupBy(functions.col(ModelFrames.quote(fk)).as(KEY)).agg(functions.count(functions.lit(1)).as(COUNT));
    List<Column> sel = new ArrayList<>();
    sel.add(functions.col(ModelFrames.quote(pk)).as("__pk"));
    if (condition != null) {
      sel.add(functions.col(ModelFrames.quote(condition)).as("__cond"));
    }
    Dataset<Row> p = parent.select(sel.toArray(new Column[0]));
    return p.join(counts, p.col("__pk").equalTo(counts.col(KEY)), "left")
        .withColumn(COUNT, functions.coalesce(functions.col(COUNT), functions.lit(0L)));
  }
}
