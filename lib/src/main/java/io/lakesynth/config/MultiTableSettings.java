package io.lakesynth.config;

import io.lakesynth.error.ErrorCode;
import io.lakesynth.error.LakesynthException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Multi-table synthesis (lakesynth.tables, lakesynth.multitable): the tables with their keys, each with its own
 * complete {@link Settings} (source, work dir {@code <work-dir>/<table>}, scale, roles). Empty in single-table mode.
 * The link graph is checked when built: references to declared tables and their primary keys, no cycles, secondary
 * links only to root tables.
 *
 * @param tables the tables, parents before children (topological order)
 * @param maxParentAttributes categorical parent columns per link used as evidence in the child's model
 * @param maxAttributeStates a parent column with more kept values than this is not used as evidence
 * @param maxReferencedParentRows rows a parent referenced by a secondary foreign key may have (its keys and weights
 *     are held on the driver)
 * @param maxChildren children per parent are capped at this count
 */
public record MultiTableSettings(List<TableSettings> tables, int maxParentAttributes, int maxAttributeStates,
    long maxReferencedParentRows, int maxChildren) {

  /** A foreign key: {@code column} of this table references {@code table.parentColumn}. */
  public record ForeignKey(String column, String table, String parentColumn) {
    public String describe() {
      return column + " -> " + table + "." + parentColumn;
    }
  }

  /**
   * One table. The first foreign key is the primary link (children are generated per parent row of it); further
   * foreign keys are secondary links, resolved by a weighted choice among the referenced table's synthetic rows.
   * With {@code pickParent} (children = pick-parent) every foreign key is resolved that way and the table's rows are
   * generated like a single table's.
   */
  public record TableSettings(String name, String primaryKey, List<ForeignKey> foreignKeys, boolean pickParent,
      Settings settings) {
    /** The link children are generated along (per parent row), if any. */
    public Optional<ForeignKey> primaryLink() {
      return foreignKeys.isEmpty() || pickParent ? Optional.empty() : Optional.of(foreignKeys.get(0));
    }

    /** Whether rows are generated from a row range (no foreign keys, or every key picked). */
    public boolean isRoot() {
      return foreignKeys.isEmpty() || pickParent;
    }
  }

  public static MultiTableSettings none() {
    return new MultiTableSettings(List.of(), 3, 100, 2_000_000, 100_000);
  }

  public boolean enabled() {
    return !tables.isEmpty();
  }

  public TableSettings table(String name) {
    return tables.stream().filter(t -> t.name().equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no table " + name));
  }

  /** The chain of primary links from a root table down to {@code name}: root first, {@code name} last. */
  public List<TableSettings> path(String name) {
    List<TableSettings> out = new ArrayList<>();
    TableSettings t = table(name);
    out.add(0, t);
    while (t.primaryLink().isPresent()) {
      t = table(t.primaryLink().get().table());
      out.add(0, t);
    }
    return out;
  }

  /** Children (by any link) of a table. */
  public List<TableSettings> childrenOf(String name) {
    return tables.stream().filter(t -> t.foreignKeys().stream().anyMatch(f -> f.table().equals(name))).toList();
  }

  /**
   * Checks the link graph and orders the tables parents first. Pure: no data is read here (columns, uniqueness and
   * orphans are checked against the tables at the start of a run).
   */
  static List<TableSettings> ordered(List<TableSettings> declared) {
    Map<String, TableSettings> byName = new LinkedHashMap<>();
    for (TableSettings t : declared) {
      byName.put(t.name(), t);
    }
    for (TableSettings t : declared) {
      for (int i = 0; i < t.foreignKeys().size(); i++) {
        ForeignKey f = t.foreignKeys().get(i);
        String key = "lakesynth.tables." + t.name() + ".foreign-keys[" + i + "].references";
        TableSettings parent = byName.get(f.table());
        if (parent == null) {
          throw new LakesynthException(ErrorCode.CONFIG_INVALID_VALUE, key, f.table() + "." + f.parentColumn(),
              "no table '" + f.table() + "' is declared (tables: "
                  + String.join(", ", new java.util.TreeSet<>(byName.keySet())) + ")");
        }
        if (!parent.primaryKey().equals(f.parentColumn())) {
          throw new LakesynthException(ErrorCode.CONFIG_INVALID_VALUE, key, f.table() + "." + f.parentColumn(),
              parent.primaryKey().isEmpty() ? "table '" + f.table() + "' has no primary-key; set lakesynth.tables."
                  + f.table() + ".primary-key = " + f.parentColumn()
                  : "a foreign key must reference the primary key of '" + f.table() + "' (" + parent.primaryKey()
                      + ")");
        }
        if (f.table().equals(t.name())) {
          throw new LakesynthException(ErrorCode.CONFIG_INVALID_VALUE, key, f.table() + "." + f.parentColumn(),
              "a table referencing itself (a hierarchy) is not supported");
        }
      }
    }
    List<TableSettings> out = new ArrayList<>();
    List<String> visiting = new ArrayList<>();
    for (TableSettings t : declared) {
      visit(t, byName, visiting, out);
    }
    for (TableSettings t : out) {
      for (int i = t.pickParent() ? 0 : 1; i < t.foreignKeys().size(); i++) {
        ForeignKey f = t.foreignKeys().get(i);
        if (!byName.get(f.table()).isRoot()) {
          throw new LakesynthException(ErrorCode.CONFIG_INVALID_VALUE,
              "lakesynth.tables." + t.name() + ".foreign-keys[" + i + "]", f.describe(),
              "a picked key (children = pick-parent, or a foreign key after the first) chooses among the referenced "
                  + "table's synthetic rows, which must be generated like a single table (no foreign keys, or "
                  + "children = pick-parent); make this link the first of a per-parent table");
        }
      }
    }
    return List.copyOf(out);
  }

  private static void visit(TableSettings t, Map<String, TableSettings> byName, List<String> visiting,
      List<TableSettings> out) {
    if (out.contains(t)) {
      return;
    }
    if (visiting.contains(t.name())) {
      List<String> cycle = new ArrayList<>(visiting.subList(visiting.indexOf(t.name()), visiting.size()));
      cycle.add(t.name());
      throw new LakesynthException(ErrorCode.CONFIG_INVALID_VALUE, "lakesynth.tables", String.join(" -> ", cycle),
          "the foreign keys form a cycle; tables must form a tree or a forest of parents and children");
    }
    visiting.add(t.name());
    for (ForeignKey f : t.foreignKeys()) {
      visit(byName.get(f.table()), byName, visiting, out);
    }
    visiting.remove(visiting.size() - 1);
    out.add(t);
  }
}
