package io.lakesynth.multitable;

import io.lakesynth.config.MultiTableSettings;
import io.lakesynth.config.MultiTableSettings.ForeignKey;
import io.lakesynth.config.MultiTableSettings.TableSettings;
import io.lakesynth.config.Settings;
import io.lakesynth.evaluate.EvaluateAction;
import io.lakesynth.evaluate.EvaluationReport;
import io.lakesynth.evaluate.LinkScores;
import io.lakesynth.evaluate.ReportWriter;
import io.lakesynth.io.Paths;
import io.lakesynth.model.LinkModel;
import io.lakesynth.multitable.MultiTableFit.Fitted;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Evaluates a multi-table run: each table with the single-table {@link EvaluateAction} (a child on its rows joined
 * with the parent columns, foreign keys dropped: synthetic keys are new values by design), written to the table's
 * report dir; then per link referential integrity, cardinality shape and parent-child pair trends, each with its
 * baseline ({@link LinkScores}).
 */
public final class MultiTableEvaluate {
  private static final Logger LOG = LoggerFactory.getLogger(MultiTableEvaluate.class);

  private final SparkSession spark;
  private MultiTableSettings settings;
  private Map<String, Fitted> fitted;
  private Map<String, Dataset<Row>> real;
  private Map<String, Dataset<Row>> synthetic;
  private String runDate = "";

  public MultiTableEvaluate(SparkSession spark) {
    this.spark = spark;
  }

  public MultiTableEvaluate settings(MultiTableSettings value) {
    this.settings = value;
    return this;
  }

  public MultiTableEvaluate fitted(Map<String, Fitted> value) {
    this.fitted = value;
    return this;
  }

  /** Real and synthetic tables by name. */
  public MultiTableEvaluate tables(Map<String, Dataset<Row>> realTables, Map<String, Dataset<Row>> syntheticTables) {
    this.real = realTables;
    this.synthetic = syntheticTables;
    return this;
  }

  public MultiTableEvaluate runDate(String value) {
    this.runDate = value == null ? "" : value;
    return this;
  }

  public MultiTableReport execute() {
    List<MultiTableReport.TableEntry> tables = new ArrayList<>();
    List<MultiTableReport.LinkEntry> links = new ArrayList<>();
    List<String> gateFailures = new ArrayList<>();
    for (TableSettings t : settings.tables()) {
      List<List<String>> attrs = evaluated(t);
      Dataset<Row> r = t.foreignKeys().isEmpty() ? real.get(t.name())
          : Links.augment(real.get(t.name()), t.foreignKeys(), attrs, real);
      Dataset<Row> s = t.foreignKeys().isEmpty() ? synthetic.get(t.name())
          : Links.augment(synthetic.get(t.name()), t.foreignKeys(), attrs, synthetic);
      Settings ts = t.settings();
      EvaluationReport report = new EvaluateAction(spark).real(r, r, null, t.name(), ts.source().path())
          .synthetic(s, ts.outputPath()).profile(fitted.get(t.name()).profile()).model(fitted.get(t.name()).model())
          .settings(ts.evaluate()).runDate(runDate).execute();
      String dir = ts.reportDir().replaceAll("/+$", "");
      Paths.writeString(spark, dir + "/report.json", ReportWriter.json(report));
      Paths.writeString(spark, dir + "/report.html", ReportWriter.html(report));
      report.gate().failures().forEach(f -> gateFailures.add(t.name() + ": " + f));
      tables.add(new MultiTableReport.TableEntry(t.name(), report.realRows(), report.syntheticRows(), report.quality(),
          report.columnShapes(), report.columnPairTrends(), report.privacy().exactCopyRate(), dir));
      for (int i = 0; i < t.foreignKeys().size(); i++) {
        links.add(link(t, i, attrs.get(i), r, s));
      }
    }
    return new MultiTableReport(runDate, List.copyOf(tables), List.copyOf(links), List.copyOf(gateFailures));
  }

  /** Parent columns compared per link. */
  private List<List<String>> evaluated(TableSettings t) {
    List<List<String>> out = new ArrayList<>();
    for (ForeignKey f : t.foreignKeys()) {
      out.add(Links.evaluatedAttributes(fitted.get(f.table()).profile(), f.parentColumn(),
          settings.maxAttributeStates()));
    }
    return out;
  }

  private MultiTableReport.LinkEntry link(TableSettings t, int i, List<String> attrs, Dataset<Row> realJoined,
      Dataset<Row> synJoined) {
    ForeignKey f = t.foreignKeys().get(i);
    Dataset<Row> rc = real.get(t.name());
    Dataset<Row> sc = synthetic.get(t.name());
    Dataset<Row> rp = real.get(f.table());
    Dataset<Row> sp = synthetic.get(f.table());
    long synRows = sc.count();
    long synOrphans = KeyChecks.orphanRows(sc, f.column(), sp, f.parentColumn());
    long realRows = rc.count();
    long realOrphans = KeyChecks.orphanRows(rc, f.column(), rp, f.parentColumn());
    Map<Long, Long> realCounts = Links.childrenPerParent(rc, f.column(), rp, f.parentColumn());
    Map<Long, Long> synCounts = Links.childrenPerParent(sc, f.column(), sp, f.parentColumn());
    long parents = realCounts.values().stream().mapToLong(Long::longValue).sum();
    Map<Long, Long> baseline = LinkScores.randomParents(realRows - realOrphans, (int) parents,
        t.settings().evaluate().seed());
    Settings.EvaluateSettings e = t.settings().evaluate();
    List<String> fks = t.foreignKeys().stream().map(ForeignKey::column).toList();
    // the child's own columns but keys and identifiers (a key is new by design, not a trend)
    io.lakesynth.profile.TableProfile profile = fitted.get(t.name()).profile();
    List<String> childColumns = Arrays.stream(rc.columns()).filter(c -> !fks.contains(c) && !c.equals(t.primaryKey())
        && profile.column(c).map(x -> x.role() != io.lakesynth.profile.Role.IDENTIFIER).orElse(true)).toList();
    List<String> parentColumns = attrs.stream().map(a -> LinkModel.Link.childColumn(f.column(), a)).toList();
    LinkScores.ParentChildTrends trends = parentColumns.isEmpty() || childColumns.isEmpty()
        ? new LinkScores.ParentChildTrends(Double.NaN, Double.NaN, Double.NaN, List.of())
        : LinkScores.parentChild(realJoined, synJoined, parentsAs(rp, f.column(), attrs), childColumns,
            parentColumns, e.sampleRows(), e.seed());
    MultiTableReport.LinkEntry entry = new MultiTableReport.LinkEntry(t.name(), f.column(), f.table(),
        i == 0 && !t.pickParent(),
        synRows == 0 ? Double.NaN : 1.0 - (double) synOrphans / synRows,
        realRows == 0 ? Double.NaN : (double) realOrphans / realRows,
        LinkScores.cardinalityShape(realCounts, synCounts), LinkScores.cardinalityShape(realCounts, baseline),
        mean(realCounts), mean(synCounts), max(realCounts), max(synCounts), trends);
    LOG.info("evaluate: {}.{} -> {}: referential integrity {}, cardinality shape {} (baseline {}), parent-child pair "
        + "trends {} (baseline {}, parents permuted {})", t.name(), f.column(), f.table(), entry.referentialIntegrity(),
        entry.cardinalityShape(), entry.cardinalityShapeBaseline(), trends.synthetic(), trends.baseline(),
        trends.permutedBaseline());
    return entry;
  }

  /** The parent table's columns named as in the joined child rows. */
  private static Dataset<Row> parentsAs(Dataset<Row> parent, String fk, List<String> attrs) {
    return parent.select(attrs.stream().map(a -> org.apache.spark.sql.functions.col(
        io.lakesynth.model.ModelFrames.quote(a)).as(LinkModel.Link.childColumn(fk, a))).toArray(
            org.apache.spark.sql.Column[]::new));
  }

  private static double mean(Map<Long, Long> h) {
    double s = 0;
    long n = 0;
    for (Map.Entry<Long, Long> e : h.entrySet()) {
      s += (double) e.getKey() * e.getValue();
      n += e.getValue();
    }
    return n == 0 ? Double.NaN : s / n;
  }

  private static long max(Map<Long, Long> h) {
    return h.keySet().stream().mapToLong(Long::longValue).max().orElse(0);
  }
}
