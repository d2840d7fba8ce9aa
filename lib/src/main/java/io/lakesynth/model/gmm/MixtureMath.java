package io.lakesynth.model.gmm;

import java.io.Serializable;

/**
 * Evaluation and sampling of a {@link MixtureParams} with precomputed Cholesky factors and
 * inverse covariances; primitive arrays only, safe to broadcast. Pure Java.
 */
public final class MixtureMath implements Serializable {
  private static final long serialVersionUID = 1L;
  private final int k;
  private final int d;
  private final double[] logWeights;
  private final double[][] means;
  private final double[][] chol; // lower factors, row-major
  private final double[] logDet;
  private final double[] sds; // per component and dimension: sqrt of the diagonal, [k*d]

  public MixtureMath(MixtureParams p) {
    this.k = p.components();
    this.d = p.dimensions();
    this.logWeights = new double[k];
    this.means = new double[k][];
    this.chol = new double[k][];
    this.logDet = new double[k];
    this.sds = new double[k * d];
    for (int c = 0; c < k; c++) {
      logWeights[c] = Math.log(Math.max(p.weights()[c], 1e-300));
      means[c] = p.means()[c].clone();
      chol[c] = Cholesky.lower(p.covariances()[c], d);
      double ld = 0;
      for (int i = 0; i < d; i++) {
        ld += 2 * Math.log(chol[c][i * d + i]);
        sds[c * d + i] = Math.sqrt(Math.max(p.covariances()[c][i * d + i], 1e-300));
      }
      logDet[c] = ld;
    }
  }

  public int components() {
    return k;
  }

  public int dimensions() {
    return d;
  }

  /** log N(x; mean_c, cov_c) + log w_c, using forward substitution with the Cholesky factor. */
  public double logJoint(int c, double[] x, double[] scratch) {
    double[] l = chol[c];
    double[] m = means[c];
    double q = 0;
    for (int i = 0; i < d; i++) {
      double s = x[i] - m[i];
      for (int j = 0; j < i; j++) {
        s -= l[i * d + j] * scratch[j];
      }
      scratch[i] = s / l[i * d + i];
      q += scratch[i] * scratch[i];
    }
    return logWeights[c] - 0.5 * (q + logDet[c] + d * Math.log(2 * Math.PI));
  }

  /** The component with the highest posterior for x. */
  public int mostLikely(double[] x, double[] scratch) {
    int best = 0;
    double bestLp = Double.NEGATIVE_INFINITY;
    for (int c = 0; c < k; c++) {
      double lp = logJoint(c, x, scratch);
      if (lp > bestLp) {
        bestLp = lp;
        best = c;
      }
    }
    return best;
  }

  /** out = mean_c + L_c z where z holds d independent standard normals. */
  public void sample(int c, double[] z, double[] out) {
    Cholesky.multiply(chol[c], d, z, out);
    double[] m = means[c];
    for (int i = 0; i < d; i++) {
      out[i] += m[i];
    }
  }

  /** Standard deviation of dimension i in component c. */
  public double sd(int c, int i) {
    return sds[c * d + i];
  }

  public double mean(int c, int i) {
    return means[c][i];
  }
}
