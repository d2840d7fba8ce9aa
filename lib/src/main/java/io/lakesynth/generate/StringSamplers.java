package io.lakesynth.generate;

import io.lakesynth.model.SynthModel;
import io.lakesynth.model.text.StringModel;

/** The string samplers of a model's columns (null where a column has none). */
final class StringSamplers {
  /** Draws before a value the caller rejects (a kept category) is returned anyway. */
  static final int MAX_TRIES = 32;

  private StringSamplers() {}

  static StringSampler of(SynthModel model, String column) {
    StringModel m = model.strings().get(column);
    if (m == null || m.isEmpty()) {
      return null;
    }
    return (rng, reject) -> m.sample(rng, reject, MAX_TRIES);
  }
}
