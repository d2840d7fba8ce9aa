package io.lakesynth.model.text;

import java.io.Serializable;
import java.util.Objects;

/** The counts of the rows holding one value of the parent column (a value held by at least k rows). */
public record ParentGroup(String value, TextCounts counts) implements Serializable {
  public ParentGroup {
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(counts, "counts");
  }
}
