package io.lakesynth.evaluate;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import io.lakesynth.error.ErrorCode;
import io.lakesynth.error.LakesynthException;
import io.lakesynth.evaluate.EvaluationReport.Node;
import io.lakesynth.evaluate.EvaluationReport.PairScore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * report.json (Jackson) and report.html: one self-contained page with Chart.js (from its webjar) and the report data
 * inlined, so it opens offline from any file share. Heatmaps are coloured HTML tables.
 */
public final class ReportWriter {
  private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  /** For the page: JSON.parse knows no NaN, so undefined numbers become null there. */
  private static final ObjectMapper PAGE = new ObjectMapper().registerModule(new SimpleModule("nan-as-null")
      .addSerializer(Double.class, new NanAsNull()).addSerializer(double.class, new NanAsNull())
      .addSerializer(double[].class, new NanArrayAsNull()));
  private static final String WEBJAR = "META-INF/resources/webjars/chart.js/";

  private ReportWriter() {}

  public static String json(EvaluationReport r) {
    try {
      return MAPPER.writeValueAsString(r);
    } catch (IOException e) {
      throw new LakesynthException(ErrorCode.INTERNAL, e, "cannot serialise the report: " + e.getMessage());
    }
  }

  /** The report as standard JSON (NaN and infinities as null), for the page's script. */
  static String pageJson(EvaluationReport r) {
    try {
      return PAGE.writeValueAsString(r);
    } catch (IOException e) {
      throw new LakesynthException(ErrorCode.INTERNAL, e, "cannot serialise the report: " + e.getMessage());
    }
  }

  private static final class NanAsNull extends StdSerializer<Double> {
    NanAsNull() {
      super(Double.class);
    }

    @Override
    public void serialize(Double v, JsonGenerator g, SerializerProvider p) throws IOException {
      if (v == null || v.isNaN() || v.isInfinite()) {
        g.writeNull();
      } else {
        g.writeNumber(v);
      }
    }
  }

  private static final class NanArrayAsNull extends StdSerializer<double[]> {
    NanArrayAsNull() {
      super(double[].class);
    }

    @Override
    public void serialize(double[] v, JsonGenerator g, SerializerProvider p) throws IOException {
      g.writeStartArray();
      for (double x : v) {
        if (Double.isNaN(x) || Double.isInfinite(x)) {
          g.writeNull();
        } else {
          g.writeNumber(x);
        }
      }
      g.writeEndArray();
    }
  }

  public static EvaluationReport read(String json) {
    try {
      return MAPPER.readValue(json, EvaluationReport.class);
    } catch (IOException e) {
      throw new LakesynthException(ErrorCode.INTERNAL, e, "cannot read report.json: " + e.getMessage());
    }
  }

  /** The Chart.js version bundled, read from the webjar's Maven metadata. */
  static String chartJsVersion() {
    try (InputStream in = resource("META-INF/maven/org.webjars.npm/chart.js/pom.properties")) {
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version");
    } catch (IOException e) {
      throw new LakesynthException(ErrorCode.INTERNAL, e, "cannot read the Chart.js webjar: " + e.getMessage());
    }
  }

  static String chartJs() {
    String path = WEBJAR + chartJsVersion() + "/dist/chart.umd.js";
    try (InputStream in = resource(path)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new LakesynthException(ErrorCode.INTERNAL, e, "cannot read " + path + ": " + e.getMessage());
    }
  }

  private static InputStream resource(String path) throws IOException {
    InputStream in = ReportWriter.class.getClassLoader().getResourceAsStream(path);
    if (in == null) {
      throw new IOException(path + " is not on the classpath");
    }
    return in;
  }

  public static String html(EvaluationReport r) {
    StringBuilder h = new StringBuilder(300_000);
    h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>lakesynth evaluation: ")
        .append(esc(r.table())).append("</title>\n<style>\n")
        .append("body{font-family:system-ui,sans-serif;margin:2em;color:#222}table{border-collapse:collapse;margin:1em 0}")
        .append("td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}th{background:#f3f3f3}")
        .append("td.l,th.l{text-align:left}.pass{color:#176d17;font-weight:bold}.fail{color:#b00;font-weight:bold}")
        .append(".grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(420px,1fr));gap:1em}")
        .append(".heat td{width:2.6em;font-size:11px;text-align:center}.small{color:#666;font-size:90%}\n")
        .append(".warn{color:#a60;font-weight:bold}\n")
        .append("</style>\n<script>\n")
        // errors and console.error calls are recorded, so a headless browser test can read them from the DOM
        .append("window.reportErrors = [];\n")
        .append("window.addEventListener('error', e => window.reportErrors.push(String(e.message)));\n")
        .append("const consoleError = console.error;\n")
        .append("console.error = (...a) => { window.reportErrors.push(a.join(' ')); consoleError.apply(console, a); };\n")
        .append("window.addEventListener('load', () => { document.getElementById('status').textContent =\n")
        .append("  JSON.stringify({charts: document.querySelectorAll('canvas.overlay').length,\n")
        .append("    drawn: document.querySelectorAll('canvas.overlay[data-drawn=true]').length,\n")
        .append("    errors: window.reportErrors}); });\n")
        .append("</script></head><body>\n");
    h.append("<h1>lakesynth evaluation: ").append(esc(r.table())).append("</h1>\n<p class=\"small\">real ")
        .append(esc(r.realPath())).append(" (").append(r.realRows()).append(" rows) &middot; synthetic ")
        .append(esc(r.syntheticPath())).append(" (").append(r.syntheticRows()).append(" rows) &middot; run date ")
        .append(esc(r.runDate().isEmpty() ? "-" : r.runDate())).append(" &middot; lakesynth ")
        .append(esc(r.lakesynthVersion())).append(" &middot; sample-based metrics on ").append(r.sampleRowsReal())
        .append(" real / ").append(r.sampleRowsSynthetic()).append(" synthetic rows</p>\n");
    h.append("<h2>Gate</h2>\n<p id=\"gate\" class=\"").append(r.gate().passed() ? "pass\">PASSED" : "fail\">FAILED")
        .append("</p>");
    if (!r.gate().failures().isEmpty()) {
      h.append("<ul>");
      for (String f : r.gate().failures()) {
        h.append("<li>").append(esc(f)).append("</li>");
      }
      h.append("</ul>");
    }
    h.append("\n<h2>Scores</h2>\n<table id=\"scores\"><tr><th class=\"l\">score</th><th>value</th></tr>\n");
    row(h, "Quality (SDMetrics)", r.quality());
    row(h, "Column Shapes", r.columnShapes());
    row(h, "Column Pair Trends", r.columnPairTrends());
    row(h, "Pair trends, " + r.strongPairs() + " strongly related pairs", r.strongPairTrends());
    if (r.measurableStrongPairs() < r.strongPairs()) {
      row(h, "Pair trends, the " + r.measurableStrongPairs() + " strongly related pairs whose columns are not mostly "
          + "protected rare values (pair ceiling at least " + EvaluationReport.MEASURABLE_CEILING + ")",
          r.measurableStrongPairTrends());
    }
    h.append("</table>\n");
    ReportSections.utility(h, r.utility());
    ReportSections.privacy(h, r.privacy());
    ReportSections.columns(h, r.columns());
    h.append("<h2>Distributions: real vs synthetic</h2>\n<div class=\"grid\">\n");
    for (int i = 0; i < r.overlays().size(); i++) {
      h.append("<div><canvas id=\"overlay-").append(i).append("\" class=\"overlay\" data-column=\"")
          .append(esc(r.overlays().get(i).column())).append("\"></canvas></div>\n");
    }
    h.append("</div>\n<h2>Correlations of continuous columns</h2>\n<div class=\"grid\">\n");
    heat(h, "real", r.correlations().columns(), r.correlations().real(), null);
    heat(h, "synthetic", r.correlations().columns(), r.correlations().synthetic(), null);
    heat(h, "difference (synthetic - real)", r.correlations().columns(), r.correlations().synthetic(),
        r.correlations().real());
    h.append("</div>\n<h2>Column pair trends (weakest first)</h2>\n<table id=\"pairs\"><tr><th class=\"l\">pair</th>")
        .append("<th class=\"l\">metric</th><th>score</th><th>real r / V</th><th>synthetic r / V</th>")
        .append("<th class=\"l\">strong</th></tr>\n");
    List<PairScore> pairs = r.pairs().stream().sorted(Comparator.comparingDouble(PairScore::score)).limit(40).toList();
    for (PairScore p : pairs) {
      h.append("<tr><td class=\"l\">").append(esc(p.a())).append(" &times; ").append(esc(p.b()))
          .append("</td><td class=\"l\">").append(p.metric()).append("</td><td>").append(num(p.score()))
          .append("</td><td>").append(num(p.real())).append("</td><td>").append(num(p.synthetic()))
          .append("</td><td class=\"l\">").append(p.strong() ? "yes" : "").append("</td></tr>\n");
    }
    h.append("</table>\n");
    if (r.model() != null) {
      h.append("<h2>Model</h2>\n<p>type <b>").append(esc(r.model().type())).append("</b>, ")
          .append(r.model().nodes().size()).append(" network nodes, ").append(r.model().components())
          .append(" mixture components")
          .append(r.model().dpEpsilon() > 0 ? ", differential privacy &epsilon; = " + num(r.model().dpEpsilon()) : "")
          .append(", fitted in ").append(String.format(Locale.ROOT, "%.1f s", r.model().fitMillis() / 1000.0))
          .append("</p>\n<table id=\"network\"><tr><th class=\"l\">node</th><th class=\"l\">parents</th></tr>\n");
      for (Node n : r.model().nodes()) {
        h.append("<tr><td class=\"l\">").append(esc(n.name())).append("</td><td class=\"l\">")
            .append(esc(String.join(", ", n.parents()))).append("</td></tr>\n");
      }
      h.append("</table>\n");
    }
    h.append("<pre id=\"status\" class=\"small\"></pre>\n");
    h.append("<script id=\"report-data\" type=\"application/json\">")
        .append(pageJson(r).replace("</", "<\\/")).append("</script>\n");
    h.append("<script>/* Chart.js ").append(chartJsVersion()).append(", MIT licence */\n")
        .append(chartJs().replace("</script", "<\\/script")).append("\n</script>\n");
    h.append("""
        <script>
        const report = JSON.parse(document.getElementById('report-data').textContent);
        report.overlays.forEach((o, i) => {
          const canvas = document.getElementById('overlay-' + i);
          const chart = new Chart(canvas, {
            type: 'bar',
            data: {labels: o.labels, datasets: [
              {label: 'real', data: o.real, backgroundColor: 'rgba(54,112,196,0.55)'},
              {label: 'synthetic', data: o.synthetic, backgroundColor: 'rgba(230,120,40,0.55)'}]},
            options: {animation: false, plugins: {title: {display: true, text: o.column + ' (' + o.kind + ')'}},
              scales: {y: {title: {display: true, text: 'share of rows'}}}}
          });
          // a chart counts as drawn when Chart.js laid out every bar of both datasets on a sized canvas
          if (chart.getDatasetMeta(0).data.length === o.labels.length
              && chart.getDatasetMeta(1).data.length === o.labels.length && canvas.width > 0) {
            canvas.dataset.drawn = 'true';
          }
        });
        </script>
        </body></html>
        """);
    return h.toString();
  }

  private static void row(StringBuilder h, String name, double v) {
    h.append("<tr><td class=\"l\">").append(esc(name)).append("</td><td>").append(num(v)).append("</td></tr>\n");
  }

  private static void heat(StringBuilder h, String title, List<String> cols, double[][] m, double[][] minus) {
    h.append("<div><h3>").append(esc(title)).append("</h3><table class=\"heat\"><tr><th></th>");
    for (int j = 0; j < cols.size(); j++) {
      h.append("<th title=\"").append(esc(cols.get(j))).append("\">").append(j + 1).append("</th>");
    }
    h.append("</tr>\n");
    for (int i = 0; i < cols.size(); i++) {
      h.append("<tr><th class=\"l\">").append(i + 1).append(' ').append(esc(cols.get(i))).append("</th>");
      for (int j = 0; j < cols.size(); j++) {
        double v = minus == null ? m[i][j] : m[i][j] - minus[i][j];
        h.append("<td style=\"background:").append(colour(v)).append("\">")
            .append(Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.2f", v)).append("</td>");
      }
      h.append("</tr>\n");
    }
    h.append("</table></div>\n");
  }

  /** Blue for positive, red for negative, white at zero. */
  static String colour(double v) {
    if (Double.isNaN(v)) {
      return "#eee";
    }
    double a = Math.min(1, Math.abs(v));
    int fade = (int) Math.round(255 * (1 - a));
    return v >= 0 ? String.format(Locale.ROOT, "rgb(%d,%d,255)", fade, fade)
        : String.format(Locale.ROOT, "rgb(255,%d,%d)", fade, fade);
  }

  static String num(double v) {
    return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.4f", v);
  }

  static String esc(String s) {
    if (s == null) {
      return "";
    }
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
