package io.lakesynth.model.bn;

/**
 * Mixed-radix encoding of a node's parent configuration:
 * {@code config = sum_i values[parents[i]] * prod_{j<i} cards[parents[j]]}; a family cell is
 * {@code config * cards[node] + state}.
 */
public final class FamilyEncoder {
  private FamilyEncoder() {}

  public static int parentConfigCount(int[] parents, int[] cardinalities) {
    long n = 1;
    for (int p : parents) {
      n *= cardinalities[p];
      if (n > Integer.MAX_VALUE) {
        throw new IllegalArgumentException("parent configurations exceed " + Integer.MAX_VALUE);
      }
    }
    return (int) n;
  }

  public static int parentConfig(int[] parents, int[] cardinalities, int[] values) {
    int config = 0;
    int radix = 1;
    for (int p : parents) {
      config += values[p] * radix;
      radix *= cardinalities[p];
    }
    return config;
  }
}
