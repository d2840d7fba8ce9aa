package io.lakesynth.model.text;

/**
 * Parameters of the character n-gram string model.
 *
 * @param order longest n-gram: a character is drawn given up to {@code order - 1} previous characters
 *     (default 4)
 * @param rareThreshold k: a transition, length or word count must be held by at least k rows to reach the
 *     model (default 5, as MOSTLY AI's rare-category threshold)
 * @param maxTransitions most transitions kept per column, the most widely held first (default 100,000);
 *     bounds what reaches the driver and the model size
 * @param maxLength strings are truncated to this many code points before counting (default 200); no
 *     generated string is longer
 */
public record TextModelParams(int order, int rareThreshold, int maxTransitions, int maxLength)
    implements java.io.Serializable {
  public static final int DEFAULT_ORDER = 4;
  public static final int DEFAULT_RARE_THRESHOLD = 5;
  public static final int DEFAULT_MAX_TRANSITIONS = 100_000;
  public static final int DEFAULT_MAX_LENGTH = 200;

  public TextModelParams {
    if (order < 1 || order > 8) {
      throw new IllegalArgumentException("order must be in [1, 8], got " + order);
    }
    if (rareThreshold < 1) {
      throw new IllegalArgumentException("rareThreshold must be >= 1, got " + rareThreshold);
    }
    if (maxTransitions < 1 || maxTransitions > 10_000_000) {
      throw new IllegalArgumentException("maxTransitions must be in [1, 10000000], got " + maxTransitions);
    }
    if (maxLength < 1 || maxLength > 100_000) {
      throw new IllegalArgumentException("maxLength must be in [1, 100000], got " + maxLength);
    }
  }

  public static TextModelParams defaults() {
    return new TextModelParams(DEFAULT_ORDER, DEFAULT_RARE_THRESHOLD, DEFAULT_MAX_TRANSITIONS, DEFAULT_MAX_LENGTH);
  }

  public TextModelParams withOrder(int value) {
    return new TextModelParams(value, rareThreshold, maxTransitions, maxLength);
  }

  public TextModelParams withRareThreshold(int value) {
    return new TextModelParams(order, value, maxTransitions, maxLength);
  }

  public TextModelParams withMaxTransitions(int value) {
    return new TextModelParams(order, rareThreshold, value, maxLength);
  }

  public TextModelParams withMaxLength(int value) {
    return new TextModelParams(order, rareThreshold, maxTransitions, value);
  }
}
