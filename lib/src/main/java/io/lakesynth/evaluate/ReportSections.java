package io.lakesynth.evaluate;

import static io.lakesynth.evaluate.ReportWriter.esc;
import static io.lakesynth.evaluate.ReportWriter.num;

import io.lakesynth.evaluate.EvaluationReport.ColumnScore;
import io.lakesynth.evaluate.EvaluationReport.Privacy;
import io.lakesynth.evaluate.EvaluationReport.Utility;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The report page's tables for ML utility, privacy and the per-column account. */
final class ReportSections {
  private ReportSections() {}

  static void utility(StringBuilder h, Utility u) {
    if (u == null) {
      return;
    }
    h.append("<h2>ML utility</h2>\n<p>target <b>").append(esc(u.target())).append("</b> (").append(esc(u.task()))
        .append("), ").append(esc(u.learner())).append(", ").append(esc(u.metric())).append(" on ")
        .append(u.holdoutRows()).append(" real holdout rows; trained on ").append(u.realTrainRows())
        .append(" real and ").append(u.syntheticTrainRows()).append(" synthetic rows</p>\n")
        .append("<p id=\"utility-verdict\" class=\"").append(u.verdict().equals("ok") ? "pass" : "warn").append("\">")
        .append(esc(u.verdict())).append("</p>\n<table id=\"utility\"><tr><th class=\"l\">model</th><th>")
        .append(esc(u.metric())).append("</th>").append(u.task().equals("regression") ? "<th>MAE</th>" : "")
        .append("</tr>\n");
    utilityRow(h, "trained on real (TRTR)", u.realScore(), u.realMae(), u);
    utilityRow(h, "trained on synthetic (TSTR)", u.syntheticScore(), u.syntheticMae(), u);
    utilityRow(h, u.task().equals("regression") ? "baseline: train mean" : "baseline: majority class",
        u.baselineScore(), u.baselineMae(), u);
    h.append("</table>\n<p>ratio TSTR / TRTR <b>").append(num(u.ratio())).append("</b>; share of the real model's gain")
        .append(" over the baseline kept by the synthetic one <b>").append(num(u.lift())).append("</b></p>\n");
  }

  private static void utilityRow(StringBuilder h, String name, double score, double mae, Utility u) {
    h.append("<tr><td class=\"l\">").append(esc(name)).append("</td><td>").append(num(score)).append("</td>")
        .append(u.task().equals("regression") ? "<td>" + num(mae) + "</td>" : "").append("</tr>\n");
  }

  static void privacy(StringBuilder h, Privacy p) {
    if (p == null) {
      return;
    }
    h.append("<h2>Privacy</h2>\n<table id=\"privacy\"><tr><th class=\"l\"></th><th>synthetic</th>")
        .append("<th>real holdout (natural)</th></tr>\n");
    h.append("<tr><td class=\"l\">exact copies of training rows (full tables)</td><td>")
        .append(num(p.exactCopyRate())).append("</td><td>").append(num(p.holdoutExactCopyRate())).append("</td></tr>\n");
    h.append("<tr><td class=\"l\">distance to closest training row: median</td><td>")
        .append(num(p.dcrSyntheticMedian())).append("</td><td>").append(num(p.dcrHoldoutMedian())).append("</td></tr>\n");
    h.append("<tr><td class=\"l\">distance to closest training row: 5th percentile</td><td>")
        .append(num(p.dcrSyntheticP5())).append("</td><td>").append(num(p.dcrHoldoutP5())).append("</td></tr>\n");
    h.append("</table>\n<p>median DCR ratio (synthetic / holdout) <b>").append(num(p.dcrRatio())).append("</b>")
        .append(Double.isNaN(p.dcrRatio()) && !Double.isNaN(p.dcrHoldoutMedian())
            ? " (undefined: the holdout's median distance is about 0)" : "")
        .append("; share of synthetic rows closer to a training row than to a holdout row <b>")
        .append(num(p.closerToTrainShare())).append("</b> (about 0.5 without memorisation; DCR on ")
        .append(p.dcrQueryRows()).append(" synthetic rows against ").append(p.dcrReferenceRows())
        .append(" training rows)</p>\n<p id=\"compared-columns\" class=\"small\">compared columns (")
        .append(p.comparedColumns().size()).append(", every column but identifiers and ignored ones): ")
        .append(esc(String.join(", ", p.comparedColumns()))).append("</p>\n");
  }

  static void columns(StringBuilder h, List<ColumnScore> cols) {
    h.append("<h2>Columns</h2>\n<table id=\"columns\"><tr><th class=\"l\">column</th><th class=\"l\">role</th>")
        .append("<th class=\"l\">compared as</th><th class=\"l\">metric</th><th>score</th><th>in Quality</th>")
        .append("<th>protected ceiling</th><th>null share real</th><th>null share synthetic</th>")
        .append("<th class=\"l\">notes</th><th class=\"l\">role reason</th></tr>\n");
    for (ColumnScore c : cols) {
      StringBuilder notes = new StringBuilder(c.reason() == null ? "" : c.reason());
      for (Map.Entry<String, Double> e : c.details().entrySet()) {
        notes.append(notes.length() == 0 ? "" : "; ").append(e.getKey()).append(' ')
            .append(String.format(Locale.ROOT, "%.4f", e.getValue()));
      }
      h.append("<tr data-column=\"").append(esc(c.column())).append("\"><td class=\"l\">").append(esc(c.column()))
          .append("</td><td class=\"l\">").append(esc(c.role())).append("</td><td class=\"l\">").append(esc(c.kind()))
          .append("</td><td class=\"l\">").append(esc(c.metric())).append("</td><td>")
          .append(Double.isNaN(c.score()) ? "no score" : num(c.score())).append("</td><td>")
          .append(c.inQuality() ? "yes" : "no").append("</td><td>")
          .append(c.ceiling() == null ? "" : num(c.ceiling())).append("</td><td>").append(num(c.realNullShare()))
          .append("</td><td>").append(num(c.syntheticNullShare())).append("</td><td class=\"l\">")
          .append(esc(notes.toString())).append("</td><td class=\"l\">").append(esc(c.roleReason()))
          .append("</td></tr>\n");
    }
    h.append("</table>\n");
  }
}
