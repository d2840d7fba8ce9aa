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
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * A character n-gram model of one string column: kept transitions (each held by at least k rows), and
 * the protected distributions of length and word count. Plain Java, Serializable (broadcast it) and
 * JSON ({@link #toJson}/{@link #fromJson}, with a format version); a reloaded model draws identical
 * strings. A drawn string is a pure function of the {@link RowRandom} state.
 *
 * <p>Optionally conditioned on one categorical parent column: {@link #groups()} keeps, for each parent
 * value held by at least k rows, its own lengths and transitions; {@link #sample(RowRandom, String)}
 * prefers them and backs off to the column's.
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
  private final TextCounts column;
  private final String parent;
  private final List<ParentGroup> groups;
  @JsonIgnore
  private transient volatile CompiledText compiled;

  /**
   * @param column counts of the whole column
   * @param parent the categorical column the groups condition on, or null
   * @param groups counts per parent value (values sorted, each held by at least k rows); empty without parent
   * @throws IllegalArgumentException when the contents break the model's invariants (unsorted, a
   *     transition held by fewer than k rows, a context longer than the order allows, ...)
   */
  @JsonCreator
  public StringModel(@JsonProperty("formatVersion") int formatVersion,
      @JsonProperty("params") TextModelParams params, @JsonProperty("column") TextCounts column,
      @JsonProperty("parent") String parent, @JsonProperty("groups") List<ParentGroup> groups) {
    if (formatVersion != FORMAT_VERSION) {
      throw new IllegalArgumentException("string model format version " + formatVersion + ", this build reads "
          + FORMAT_VERSION);
    }
    this.formatVersion = formatVersion;
    this.params = Objects.requireNonNull(params, "params");
    this.column = Objects.requireNonNull(column, "column");
    this.parent = parent;
    this.groups = groups == null ? List.of() : List.copyOf(groups);
    column.check(params);
    long groupTransitions = 0;
    for (int i = 0; i < this.groups.size(); i++) {
      ParentGroup g = this.groups.get(i);
      if (i > 0 && this.groups.get(i - 1).value().compareTo(g.value()) >= 0) {
        throw new IllegalArgumentException("parent groups are not sorted at '" + g.value() + "'");
      }
      if (g.counts().lengths().isEmpty()) {
        throw new IllegalArgumentException("parent group '" + g.value() + "' has no length held by k rows");
      }
      g.counts().check(params);
      groupTransitions += g.counts().transitions().size();
    }
    if (groupTransitions > params.maxTransitions() || (parent == null && !this.groups.isEmpty())) {
      throw new IllegalArgumentException("parent groups: " + groupTransitions + " transitions (at most "
          + params.maxTransitions() + "), parent column " + parent);
    }
  }

  /** A model without parent. */
  public StringModel(TextModelParams params, TextCounts column) {
    this(FORMAT_VERSION, params, column, null, List.of());
  }

  /** A model that cannot generate (isEmpty), for columns without non-null values. */
  public static StringModel empty(TextModelParams params) {
    return new StringModel(params, TextCounts.empty());
  }

  public TextModelParams params() {
    return params;
  }

  /** Non-null rows of the column the model was fitted on. */
  public long rows() {
    return column.rows();
  }

  /** Rows per length in code points (protected: every length held by at least k rows). */
  public Histogram lengths() {
    return column.lengths();
  }

  /** Rows per number of whitespace-separated words (protected like lengths). */
  public Histogram words() {
    return column.words();
  }

  /** The column's kept transitions. */
  public Transitions transitions() {
    return column.transitions();
  }

  public TextCounts column() {
    return column;
  }

  /** The parent column the model is conditioned on, or null. */
  public String parent() {
    return parent;
  }

  /** Kept parent values (held by at least k rows), sorted, with their counts. */
  public List<ParentGroup> groups() {
    return groups;
  }

  /** Transitions kept in the whole model (column and parent groups): its size is O(this). */
  public int size() {
    return column.transitions().size() + groups.stream().mapToInt(g -> g.counts().transitions().size()).sum();
  }

  /** True when nothing can be generated: the caller falls back to another policy. */
  public boolean isEmpty() {
    return !sampler().canGenerate();
  }

  /** One string of the whole column; never null. Throws IllegalStateException on an empty model. */
  public String sample(RowRandom rng) {
    return sample(rng, (String) null);
  }

  /**
   * One string for a row whose parent column holds parentValue: drawn from that value's lengths and
   * transitions (backing off to the column's); a null, rare or unknown value draws from the column.
   */
  public String sample(RowRandom rng, String parentValue) {
    CompiledText s = sampler();
    if (!s.canGenerate()) {
      throw new IllegalStateException("the string model has too little support to generate (isEmpty)");
    }
    return s.sample(rng, s.group(parentValue));
  }

  /**
   * Draws until {@code reject} accepts a string, at most maxTries draws (≥ 1); if every draw is
   * rejected, the last one is returned (never null), so the caller may test it again.
   */
  public String sample(RowRandom rng, Predicate<String> reject, int maxTries) {
    return sample(rng, null, reject, maxTries);
  }

  /** {@link #sample(RowRandom, Predicate, int)} for a row whose parent column holds parentValue. */
  public String sample(RowRandom rng, String parentValue, Predicate<String> reject, int maxTries) {
    if (maxTries < 1) {
      throw new IllegalArgumentException("maxTries must be >= 1, got " + maxTries);
    }
    String s = sample(rng, parentValue);
    for (int t = 1; t < maxTries && reject.test(s); t++) {
      s = sample(rng, parentValue);
    }
    return s;
  }

  private CompiledText sampler() {
    CompiledText c = compiled;
    if (c == null) {
      List<Histogram> lengths = new ArrayList<>();
      List<Transitions> transitions = new ArrayList<>();
      lengths.add(column.lengths());
      transitions.add(column.transitions());
      for (ParentGroup g : groups) {
        lengths.add(g.counts().lengths());
        transitions.add(g.counts().transitions());
      }
      c = new CompiledText(params, groups.stream().map(ParentGroup::value).toArray(String[]::new), lengths,
          transitions);
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
    return o instanceof StringModel m && formatVersion == m.formatVersion && params.equals(m.params)
        && column.equals(m.column) && Objects.equals(parent, m.parent) && groups.equals(m.groups);
  }

  @Override
  public int hashCode() {
    return Objects.hash(params, column, parent, groups);
  }

  @Override
  public String toString() {
    return "StringModel[" + params + ", rows=" + rows() + ", " + transitions().size() + " transitions, "
        + lengths().values().length + " lengths" + (parent == null ? "" : ", " + groups.size() + " groups of " + parent)
        + "]";
  }
}
