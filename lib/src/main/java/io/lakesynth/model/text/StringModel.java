package io.lakesynth.model.text;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lakesynth.util.RowRandom;
import java.io.Serializable;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * A character n-gram model of one string column: kept transitions (each held by at least k rows), and
 * the protected distributions of length and word count. Plain Java, Serializable (broadcast it) and
 * JSON ({@link #toJson}/{@link #fromJson}, with a format version); a reloaded model draws identical
 * strings. A drawn string is a pure function of the {@link RowRandom} state.
 *
 * <p>{@link #isEmpty()} says the column had too little support (no length or no continuation held by
 * k rows): the caller must fall back to another policy instead of sampling.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
    isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public final class StringModel implements Serializable {
  public static final int FORMAT_VERSION = 1;
  private static final long serialVersionUID = 1L;
  private static final ObjectMapper MAPPER = new ObjectMapper()
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private final int formatVersion;
  private final TextModelParams params;
  private final long rows;
  private final Histogram lengths;
  private final Histogram words;
  private final Transitions transitions;
  @JsonIgnore
  private transient volatile CompiledText compiled;

  /**
   * @param rows non-null rows the model was fitted on
   * @throws IllegalArgumentException when the contents break the model's invariants (unsorted, a
   *     transition held by fewer than k rows, a context longer than the order allows, ...)
   */
  @JsonCreator
  public StringModel(@JsonProperty("formatVersion") int formatVersion,
      @JsonProperty("params") TextModelParams params, @JsonProperty("rows") long rows,
      @JsonProperty("lengths") Histogram lengths, @JsonProperty("words") Histogram words,
      @JsonProperty("transitions") Transitions transitions) {
    if (formatVersion != FORMAT_VERSION) {
      throw new IllegalArgumentException("string model format version " + formatVersion + ", this build reads "
          + FORMAT_VERSION);
    }
    this.formatVersion = formatVersion;
    this.params = Objects.requireNonNull(params, "params");
    this.rows = rows;
    this.lengths = Objects.requireNonNull(lengths, "lengths");
    this.words = Objects.requireNonNull(words, "words");
    this.transitions = Objects.requireNonNull(transitions, "transitions");
    transitions.check(params);
    checkProtected(lengths, "length");
    checkProtected(words, "word count");
  }

  private void checkProtected(Histogram h, String what) {
    for (int i = 0; i < h.values().length; i++) {
      if (h.counts()[i] < params.rareThreshold() || h.values()[i] < 0 || h.values()[i] > params.maxLength()) {
        throw new IllegalArgumentException(what + " " + h.values()[i] + " with " + h.counts()[i]
            + " rows breaks the model's invariants");
      }
    }
  }

  /** A model that cannot generate (isEmpty), for columns without non-null values. */
  public static StringModel empty(TextModelParams params) {
    return new StringModel(FORMAT_VERSION, params, 0, Histogram.empty(), Histogram.empty(), Transitions.empty());
  }

  public TextModelParams params() {
    return params;
  }

  public long rows() {
    return rows;
  }

  /** Rows per length in code points (protected: every length held by at least k rows). */
  public Histogram lengths() {
    return lengths;
  }

  /** Rows per number of whitespace-separated words (protected like lengths). */
  public Histogram words() {
    return words;
  }

  public Transitions transitions() {
    return transitions;
  }

  /** True when nothing can be generated: the caller falls back to another policy. */
  public boolean isEmpty() {
    return !sampler().canGenerate();
  }

  /** One string; never null. Throws IllegalStateException on an empty model. */
  public String sample(RowRandom rng) {
    CompiledText s = sampler();
    if (!s.canGenerate()) {
      throw new IllegalStateException("the string model has too little support to generate (isEmpty)");
    }
    return s.sample(rng);
  }

  /**
   * Draws until {@code reject} accepts a string, at most maxTries draws (≥ 1); if every draw is
   * rejected, the last one is returned (never null), so the caller may test it again.
   */
  public String sample(RowRandom rng, Predicate<String> reject, int maxTries) {
    if (maxTries < 1) {
      throw new IllegalArgumentException("maxTries must be >= 1, got " + maxTries);
    }
    String s = sample(rng);
    for (int t = 1; t < maxTries && reject.test(s); t++) {
      s = sample(rng);
    }
    return s;
  }

  private CompiledText sampler() {
    CompiledText c = compiled;
    if (c == null) {
      c = new CompiledText(params, lengths, transitions);
      compiled = c;
    }
    return c;
  }

  public String toJson() {
    try {
      return MAPPER.writeValueAsString(this);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the string model as JSON: " + e.getMessage(), e);
    }
  }

  /** Reads a model written by {@link #toJson}; IllegalArgumentException names what is wrong. */
  public static StringModel fromJson(String json) {
    try {
      return MAPPER.readValue(json, StringModel.class);
    } catch (JsonProcessingException e) {
      Throwable cause = e.getCause() instanceof IllegalArgumentException iae ? iae : e;
      throw new IllegalArgumentException("not a string model: " + cause.getMessage(), e);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof StringModel m && formatVersion == m.formatVersion && rows == m.rows
        && params.equals(m.params) && lengths.equals(m.lengths) && words.equals(m.words)
        && transitions.equals(m.transitions);
  }

  @Override
  public int hashCode() {
    return Objects.hash(params, rows, lengths, transitions);
  }

  @Override
  public String toString() {
    return "StringModel[" + params + ", rows=" + rows + ", " + transitions.size() + " transitions, "
        + lengths.values().length + " lengths]";
  }
}
