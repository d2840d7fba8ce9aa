package io.lakesynth.multitable;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.lakesynth.error.ErrorCode;
import io.lakesynth.error.LakesynthException;
import io.lakesynth.evaluate.LinkScores;
import java.util.List;
import java.util.Locale;

/**
 * The multi-table report: one entry per table (its own report beside it), per link the multi-table scores with
 * their baselines, and the failures of the per-table gates (evaluate.gate.*, "table: failure").
 */
public record MultiTableReport(String runDate, List<TableEntry> tables, List<LinkEntry> links,
    List<String> gateFailures) {

  /** A table's synthetic size and its single-table scores (details in {@code reportDir}). */
  public record TableEntry(String table, long realRows, long syntheticRows, double quality, double columnShapes,
      double columnPairTrends, double exactCopyRate, String reportDir) {}

  /**
   * One foreign key.
   *
   * @param referentialIntegrity share of synthetic child rows whose key joins a synthetic parent row
   * @param realOrphanShare the same share's complement in the real tables
   * @param cardinalityShape 1 - KS of children per parent row (parents without children included), synthetic vs real
   * @param cardinalityShapeBaseline the same for the real children assigned to uniformly random real parents
   * @param parentChildTrends pair trends between child and parent columns (baseline: parents permuted)
   */
  public record LinkEntry(String child, String foreignKey, String parent, boolean primary, double referentialIntegrity,
      double realOrphanShare, double cardinalityShape, double cardinalityShapeBaseline, double realMeanChildren,
      double syntheticMeanChildren, long realMaxChildren, long syntheticMaxChildren,
      LinkScores.ParentChildTrends parentChildTrends) {}

  private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  public String json() {
    try {
      return MAPPER.writeValueAsString(this);
    } catch (JsonProcessingException e) {
      throw new LakesynthException(ErrorCode.INTERNAL, e, "cannot serialise the multi-table report: " + e);
    }
  }

  /** A self-contained page: the table and link scores, the per-pair trends, links to the per-table reports. */
  public String html() {
    StringBuilder h = new StringBuilder("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>lakesynth "
        + "multi-table report</title><style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse;"
        + "margin-bottom:2em}td,th{border:1px solid #ccc;padding:4px 8px;text-align:right}th{background:#eee}"
        + "td:first-child{text-align:left}</style></head><body><h1>Multi-table report</h1>");
    h.append("<p>Run date ").append(esc(runDate)).append("</p><h2>Tables</h2><table><tr><th>table</th><th>real rows"
        + "</th><th>synthetic rows</th><th>Quality</th><th>Column Shapes</th><th>Column Pair Trends</th>"
        + "<th>exact copies</th><th>report</th></tr>");
    for (TableEntry t : tables) {
      h.append(String.format(Locale.ROOT, "<tr><td>%s</td><td>%d</td><td>%d</td><td>%.4f</td><td>%.4f</td>"
          + "<td>%.4f</td><td>%.5f</td><td><a href=\"../%s/report/report.html\">report</a></td></tr>", esc(t.table()),
          t.realRows(), t.syntheticRows(), t.quality(), t.columnShapes(), t.columnPairTrends(), t.exactCopyRate(),
          esc(t.table())));
    }
    h.append("</table><h2>Links</h2><table><tr><th>link</th><th>referential integrity</th><th>real orphans</th>"
        + "<th>cardinality shape</th><th>baseline: random parents</th><th>children per parent real / synthetic "
        + "(mean, max)</th><th>parent-child pair trends</th><th>baseline: random parents</th>"
        + "<th>baseline: parents permuted</th></tr>");
    for (LinkEntry l : links) {
      h.append(String.format(Locale.ROOT, "<tr><td>%s.%s &rarr; %s%s</td><td>%.4f</td><td>%.4f</td><td>%.4f</td>"
          + "<td>%.4f</td><td>%.2f, %d / %.2f, %d</td><td>%.4f</td><td>%.4f</td><td>%.4f</td></tr>", esc(l.child()),
          esc(l.foreignKey()), esc(l.parent()), l.primary() ? "" : " (secondary)", l.referentialIntegrity(),
          l.realOrphanShare(), l.cardinalityShape(), l.cardinalityShapeBaseline(), l.realMeanChildren(),
          l.realMaxChildren(), l.syntheticMeanChildren(), l.syntheticMaxChildren(), l.parentChildTrends().synthetic(),
          l.parentChildTrends().baseline(), l.parentChildTrends().permutedBaseline()));
    }
    h.append("</table><h2>Parent-child pairs</h2><table><tr><th>link</th><th>child column</th><th>parent column</th>"
        + "<th>metric</th><th>synthetic</th><th>random parents</th><th>parents permuted</th></tr>");
    for (LinkEntry l : links) {
      for (LinkScores.PairTrend p : l.parentChildTrends().pairs()) {
        h.append(String.format(Locale.ROOT, "<tr><td>%s.%s</td><td>%s</td><td>%s</td><td>%s</td><td>%.4f</td>"
            + "<td>%.4f</td><td>%.4f</td></tr>", esc(l.child()), esc(l.foreignKey()), esc(p.child()), esc(p.parent()),
            esc(p.metric()), p.synthetic(), p.baseline(), p.permutedBaseline()));
      }
    }
    return h.append("</table></body></html>\n").toString();
  }

  private static String esc(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
