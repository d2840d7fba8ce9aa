package io.lakesynth.evaluate;

import io.lakesynth.config.Settings.GateSettings;
import io.lakesynth.evaluate.EvaluationReport.GateResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The configured quality/privacy thresholds; each failure names the threshold and the measured value. */
final class Gate {
  private Gate() {}

  static GateResult check(EvaluationReport r, GateSettings g) {
    List<String> failures = new ArrayList<>();
    if (g.minQuality() > 0 && !(r.quality() >= g.minQuality())) {
      failures.add(String.format(Locale.ROOT, "quality %.4f is below evaluate.gate.min-quality %.4f", r.quality(),
          g.minQuality()));
    }
    if (g.maxExactCopyRatio() >= 0 && r.privacy() != null) {
      double syn = r.privacy().exactCopyRate();
      double natural = Double.isNaN(r.privacy().holdoutExactCopyRate()) ? 0 : r.privacy().holdoutExactCopyRate();
      if (syn > natural * g.maxExactCopyRatio() + 1e-12) {
        failures.add(String.format(Locale.ROOT,
            "exact-copy rate %.5f exceeds %.2f x the holdout's natural rate %.5f (evaluate.gate.max-exact-copy-ratio)",
            syn, g.maxExactCopyRatio(), natural));
      }
    }
    if (g.minDcrRatio() > 0 && r.privacy() != null && Double.isNaN(r.privacy().dcrRatio())
        && r.privacy().dcrSyntheticMedian() < r.privacy().dcrHoldoutMedian()) {
      failures.add(String.format(Locale.ROOT,
          "median DCR of synthetic rows %.4f is below the holdout's %.4f (evaluate.gate.min-dcr-ratio; the ratio is"
              + " undefined: the holdout median is about 0)", r.privacy().dcrSyntheticMedian(),
          r.privacy().dcrHoldoutMedian()));
    } else if (g.minDcrRatio() > 0 && r.privacy() != null && !Double.isNaN(r.privacy().dcrRatio())
        && !(r.privacy().dcrRatio() >= g.minDcrRatio())) {
      failures.add(String.format(Locale.ROOT,
          "median DCR ratio (synthetic / holdout) %.4f is below evaluate.gate.min-dcr-ratio %.4f",
          r.privacy().dcrRatio(), g.minDcrRatio()));
    }
    return new GateResult(failures.isEmpty(), List.copyOf(failures));
  }
}
