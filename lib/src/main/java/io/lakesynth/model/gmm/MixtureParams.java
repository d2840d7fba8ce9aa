package io.lakesynth.model.gmm;

import java.io.Serializable;
import java.util.List;

/**
 * A fitted Gaussian mixture over normal scores of continuous columns: what MLlib's
 * GaussianMixtureModel holds, kept as plain arrays because MLlib has no sampler.
 *
 * @param columns the continuous columns, one dimension each
 * @param weights component weights (sum 1)
 * @param means means[k][d]
 * @param covariances covariances[k] row-major d*d
 * @param bic Bayesian information criterion of the chosen fit
 * @param logLikelihood total log-likelihood on the fitting sample
 * @param sampleRows rows the mixture was fitted on
 */
public record MixtureParams(List<String> columns, double[] weights, double[][] means, double[][] covariances,
    double bic, double logLikelihood, long sampleRows) implements Serializable {

  public int components() {
    return weights.length;
  }

  public int dimensions() {
    return columns.size();
  }

  /** Number of free parameters of a full-covariance mixture (for BIC). */
  public static int parameterCount(int k, int d) {
    return (k - 1) + k * d + k * d * (d + 1) / 2;
  }

  /** BIC = -2 log L + p ln n. */
  public static double bic(double logLikelihood, int k, int d, long n) {
    return -2 * logLikelihood + parameterCount(k, d) * Math.log(Math.max(1, n));
  }
}
