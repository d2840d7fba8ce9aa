package io.lakesynth.model.gmm;

/** Cholesky factors of covariance matrices (row-major), with jitter for near-singular ones. Pure Java. */
public final class Cholesky {
  private Cholesky() {}

  /** Lower-triangular L with L L^T = cov (+ jitter on the diagonal when cov is not positive definite). */
  public static double[] lower(double[] cov, int n) {
    double meanDiag = 0;
    for (int i = 0; i < n; i++) {
      double v = cov[i * n + i];
      if (Double.isNaN(v)) {
        throw new IllegalArgumentException("covariance has NaN on the diagonal");
      }
      meanDiag += Math.abs(v) / n;
    }
    double jitter = 0;
    for (int attempt = 0; attempt < 12; attempt++) {
      double[] l = tryFactor(cov, n, jitter);
      if (l != null) {
        return l;
      }
      jitter = Math.max(meanDiag, 1e-12) * Math.pow(10, -9 + attempt);
    }
    throw new IllegalArgumentException("covariance is not positive definite even with jitter");
  }

  private static double[] tryFactor(double[] a, int n, double jitter) {
    double[] l = new double[n * n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j <= i; j++) {
        double s = a[i * n + j] + (i == j ? jitter : 0);
        if (Double.isNaN(s)) {
          throw new IllegalArgumentException("covariance has NaN");
        }
        for (int k = 0; k < j; k++) {
          s -= l[i * n + k] * l[j * n + k];
        }
        if (i == j) {
          if (s <= 0) {
            return null;
          }
          l[i * n + i] = Math.sqrt(s);
        } else {
          l[i * n + j] = s / l[j * n + j];
        }
      }
    }
    return l;
  }

  /** out = L z for a lower-triangular row-major L. */
  public static void multiply(double[] l, int n, double[] z, double[] out) {
    for (int i = 0; i < n; i++) {
      double s = 0;
      for (int j = 0; j <= i; j++) {
        s += l[i * n + j] * z[j];
      }
      out[i] = s;
    }
  }
}
