package io.lakesynth.generate;

import io.lakesynth.util.RowRandom;
import java.io.Serializable;
import java.util.function.Predicate;

/** Draws one string for a row from a column's string model, redrawing values the caller rejects. */
interface StringSampler extends Serializable {
  String sample(RowRandom rng, Predicate<String> reject);
}
