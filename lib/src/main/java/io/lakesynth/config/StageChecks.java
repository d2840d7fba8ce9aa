package io.lakesynth.config;

import io.lakesynth.error.ErrorCode;
import io.lakesynth.error.LakesynthException;

/**
 * Rules across keys that a stage needs, checked before Spark starts, so that a run fails on its configuration
 * before profile, fit or generate spend any time (e.g. {@code run} with a target and no holdout).
 */
public final class StageChecks {
  private StageChecks() {}

  /** What fit needs: differential privacy only for bayesnet, and only over a domain declared public. */
  public static void fit(Settings s) {
    fitModel(s.model());
  }

  /** The model part of {@link #fit}, for library callers that hold only the model settings. */
  public static void fitModel(Settings.ModelSettings m) {
    Settings.DpSettings dp = m.dp();
    if (!dp.enabled()) {
      return;
    }
    if (m.type() != ModelType.BAYESNET) {
      throw new LakesynthException(ErrorCode.CONFIG_INVALID_VALUE, "lakesynth.model.dp.enabled", "true",
          "differential privacy covers the bayesnet model only; set model.type = bayesnet (now "
              + m.type().configName() + ")");
    }
    if (!dp.publicDomain()) {
      throw new LakesynthException(ErrorCode.CONFIG_INVALID_VALUE, "lakesynth.model.dp.public-domain", "false",
          "differential privacy covers the structure and the counts only; the profile's category lists, min/max, "
              + "quantiles and bin edges are exact values of the real table. Supply them from public knowledge "
              + "(a hand-written profile, profile.roles) and set model.dp.public-domain = true to accept that");
    }
  }

  /** What evaluate needs: a target (TSTR) is scored on the real holdout, so the holdout must not be empty. */
  public static void evaluate(Settings s) {
    if (!s.evaluate().target().isBlank() && s.evaluate().holdoutFraction() <= 0) {
      throw new LakesynthException(ErrorCode.CONFIG_INVALID_VALUE, "lakesynth.evaluate.holdout-fraction",
          s.evaluate().holdoutFraction(), "evaluate.target = '" + s.evaluate().target()
              + "' is scored on the real holdout (TSTR), which is empty at 0; set a fraction such as 0.2, or "
              + "evaluate.target = \"\" to skip ML utility");
    }
  }
}
