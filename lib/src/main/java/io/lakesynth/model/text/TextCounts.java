package io.lakesynth.model.text;

import java.io.Serializable;
import java.util.Objects;

/**
 * What a string model keeps of a set of rows (a whole column, or the rows of one parent value).
 *
 * @param rows non-null rows counted
 * @param lengths rows per length in code points, every length held by at least k rows
 * @param words rows per number of whitespace-separated words, every count held by at least k rows
 * @param transitions kept transitions, each held by at least k rows
 */
public record TextCounts(long rows, Histogram lengths, Histogram words, Transitions transitions)
    implements Serializable {
  public TextCounts {
    Objects.requireNonNull(lengths, "lengths");
    Objects.requireNonNull(words, "words");
    Objects.requireNonNull(transitions, "transitions");
  }

  public static TextCounts empty() {
    return new TextCounts(0, Histogram.empty(), Histogram.empty(), Transitions.empty());
  }

  /** Invariants against the model's parameters; IllegalArgumentException names the first violation. */
  void check(TextModelParams p) {
    transitions.check(p);
    checkProtected(lengths, "length", p);
    checkProtected(words, "word count", p);
  }

  private static void checkProtected(Histogram h, String what, TextModelParams p) {
    for (int i = 0; i < h.values().length; i++) {
      if (h.counts()[i] < p.rareThreshold() || h.values()[i] < 0 || h.values()[i] > p.maxLength()) {
        throw new IllegalArgumentException(what + " " + h.values()[i] + " with " + h.counts()[i]
            + " rows breaks the model's invariants");
      }
    }
  }
}
