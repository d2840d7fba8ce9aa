package io.lakesynth.model.text;

import java.io.Serializable;
import java.util.Objects;

/**
 * The counts of the rows holding one value of the parent column (a value held by at least k rows);
 * {@code counts.rows()} are the rows whose length is held by k rows of the group.
 */
public record ParentGroup(String value, TextCounts counts) implements Serializable {
  public ParentGroup {
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(counts, "counts");
  }
}
