package io.lakesynth.model.bn;

/** Vose's alias method: O(1) sampling from a discrete distribution with one uniform. */
public final class AliasTable {
  private AliasTable() {}

  /** Builds prob/alias for weights[offset..offset+n) into probOut/aliasOut at outOffset. All-zero weights = uniform. */
  public static void build(double[] weights, int offset, int n, double[] probOut, int[] aliasOut, int outOffset) {
    double total = 0;
    for (int i = 0; i < n; i++) {
      double w = weights[offset + i];
      if (w < 0 || Double.isNaN(w)) {
        throw new IllegalArgumentException("weight " + w + " at " + i);
      }
      total += w;
    }
    double[] scaled = new double[n];
    for (int i = 0; i < n; i++) {
      scaled[i] = total > 0 ? weights[offset + i] * n / total : 1.0;
    }
    int[] small = new int[n];
    int[] large = new int[n];
    int ns = 0;
    int nl = 0;
    for (int i = 0; i < n; i++) {
      if (scaled[i] < 1.0) {
        small[ns++] = i;
      } else {
        large[nl++] = i;
      }
    }
    while (ns > 0 && nl > 0) {
      int s = small[--ns];
      int l = large[--nl];
      probOut[outOffset + s] = scaled[s];
      aliasOut[outOffset + s] = l;
      scaled[l] = scaled[l] + scaled[s] - 1.0;
      if (scaled[l] < 1.0) {
        small[ns++] = l;
      } else {
        large[nl++] = l;
      }
    }
    while (nl > 0) {
      int l = large[--nl];
      probOut[outOffset + l] = 1.0;
      aliasOut[outOffset + l] = l;
    }
    while (ns > 0) {
      int s = small[--ns];
      probOut[outOffset + s] = 1.0;
      aliasOut[outOffset + s] = s;
    }
  }

  /** One draw with one uniform u in [0,1). */
  public static int sample(double[] prob, int[] alias, int offset, int n, double u) {
    double x = u * n;
    int i = (int) x;
    if (i >= n) {
      i = n - 1;
    }
    return (x - i) < prob[offset + i] ? i : alias[offset + i];
  }
}
