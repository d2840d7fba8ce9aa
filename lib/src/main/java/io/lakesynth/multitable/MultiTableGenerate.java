package io.lakesynth.multitable;

import io.lakesynth.config.MultiTableSettings;
import io.lakesynth.config.MultiTableSettings.TableSettings;
import io.lakesynth.config.Settings.GenerateSettings;
import io.lakesynth.config.WriteMode;
import io.lakesynth.generate.ChildGenerate;
import io.lakesynth.generate.GenerateAction;
import io.lakesynth.model.LinkModel;
import io.lakesynth.multitable.MultiTableFit.Fitted;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructType;

/**
 * Generates every table of a multi-table schema, parents first: root tables with {@link GenerateAction} (generate
 * settings and scale of the table), children per synthetic parent row with {@link ChildGenerate}. Children per
 * parent are scaled by the child's scale over its parent's. In slice mode only child tables with the slice column are
 * written (see {@link #sliced}).
 */
public final class MultiTableGenerate {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(MultiTableGenerate.class);
  private final SparkSession spark;
  private MultiTableSettings settings;
  private Map<String, Fitted> fitted;
  private String runId = "run";

  public MultiTableGenerate(SparkSession spark) {
    this.spark = spark;
  }

  public MultiTableGenerate settings(MultiTableSettings value) {
    this.settings = value;
    return this;
  }

  public MultiTableGenerate fitted(Map<String, Fitted> value) {
    this.fitted = value;
    return this;
  }

  public MultiTableGenerate runId(String value) {
    this.runId = value;
    return this;
  }

  /** Writes every synthetic table; results by table name. */
  public Map<String, GenerateAction.Result> execute() {
    Map<String, GenerateAction.Result> out = new LinkedHashMap<>();
    for (TableSettings t : settings.tables()) {
      GenerateSettings gs = t.settings().generate();
      if (gs.output().mode() == WriteMode.SLICE && !sliced(t, gs.slice().column())) {
        continue;
      }
      if (t.foreignKeys().isEmpty()) {
        GenerateAction g = new GenerateAction(spark).model(fitted.get(t.name()).model())
            .settings(t.settings().generate()).output(t.settings().outputPath()).runId(runId + "-" + t.name());
        for (TableSettings other : settings.tables()) {
          g.knownTable(other.settings().source().path(), "the source of table " + other.name());
        }
        out.put(t.name(), g.execute());
      } else {
        ChildGenerate g = child(t.name());
        for (TableSettings other : settings.tables()) {
          g.knownTable(other.settings().source().path(), "the source of table " + other.name());
        }
        out.put(t.name(), g.runId(runId + "-" + t.name()).execute(t.settings().outputPath()));
      }
    }
    return out;
  }

  /**
   * Slice mode (a backfill of a fact table's days) rewrites only the child tables that have the slice column: their
   * rows of the slice are cut from the full chain, so they are the rows of the full run. Root tables (every key
   * hangs off their full run's rows) and tables without the column are left as they are.
   */
  private boolean sliced(TableSettings t, String column) {
    if (t.foreignKeys().isEmpty()) {
      LOG.info("generate: slice mode: root table {} is left as it is (its rows are the parents of the slice)",
          t.name());
      return false;
    }
    StructType schema = (StructType) DataType.fromJson(fitted.get(t.name()).links().childSchemaJson());
    if (!java.util.Arrays.asList(schema.fieldNames()).contains(column)) {
      LOG.info("generate: slice mode: table {} has no column {}; left as it is", t.name(), column);
      return false;
    }
    return true;
  }

  /** A child table's rows without writing them; {@code rootRange} limits them to the descendants of those rows. */
  public Dataset<Row> dataset(String table, long fromRoot, long toRoot) {
    return child(table).rootRange(fromRoot, toRoot).dataset();
  }

  private ChildGenerate child(String table) {
    List<TableSettings> path = settings.path(table);
    List<ChildGenerate.Level> levels = new ArrayList<>();
    List<ChildGenerate.Link> links = new ArrayList<>();
    for (int i = 0; i < path.size(); i++) {
      TableSettings t = path.get(i);
      levels.add(level(t));
      if (i > 0) {
        LinkModel.Link l = fitted.get(t.name()).links().links().get(0);
        double ratio = t.settings().generate().scale() / path.get(i - 1).settings().generate().scale();
        links.add(new ChildGenerate.Link(l.column(), l.counts(), l.attributes(), ratio));
      }
    }
    LinkModel lm = fitted.get(table).links();
    List<ChildGenerate.SecondaryLink> secondary = new ArrayList<>();
    for (LinkModel.Link l : lm.links()) {
      if (!l.primary()) {
        secondary.add(new ChildGenerate.SecondaryLink(l.column(), level(settings.table(l.parentTable())), l.counts(),
            l.attributes()));
      }
    }
    return new ChildGenerate(spark).chain(levels, links).secondary(secondary)
        .outputSchema((StructType) DataType.fromJson(lm.childSchemaJson()))
        .maxReferencedRows(settings.maxReferencedParentRows());
  }

  private ChildGenerate.Level level(TableSettings t) {
    return new ChildGenerate.Level(fitted.get(t.name()).model(), t.settings().generate(), t.primaryKey());
  }
}
