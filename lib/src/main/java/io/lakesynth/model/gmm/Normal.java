package io.lakesynth.model.gmm;

/** The standard normal distribution's CDF and inverse CDF. Pure Java. */
public final class Normal {
  private Normal() {}

  /** Φ(x), absolute error below 1e-7 (erfc by W. J. Cody's rational approximation via Numerical Recipes' erfcc). */
  public static double cdf(double x) {
    return 0.5 * erfc(-x / Math.sqrt(2.0));
  }

  static double erfc(double x) {
    double z = Math.abs(x);
    double t = 1.0 / (1.0 + 0.5 * z);
    double r = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
        + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587
        + t * (-0.82215223 + t * 0.17087277)))))))));
    return x >= 0 ? r : 2.0 - r;
  }

  /** Φ⁻¹(p) by Acklam's rational approximation refined with one Halley step; p clamped to [1e-12, 1-1e-12]. */
  public static double inverseCdf(double p) {
    double q = Math.min(Math.max(p, 1e-12), 1 - 1e-12);
    double[] a = {-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02, 1.383577518672690e+02,
        -3.066479806614716e+01, 2.506628277459239e+00};
    double[] b = {-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02, 6.680131188771972e+01,
        -1.328068155288572e+01};
    double[] c = {-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00, -2.549732539343734e+00,
        4.374664141464968e+00, 2.938163982698783e+00};
    double[] d = {7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00};
    double x;
    if (q < 0.02425) {
      double r = Math.sqrt(-2 * Math.log(q));
      x = (((((c[0] * r + c[1]) * r + c[2]) * r + c[3]) * r + c[4]) * r + c[5])
          / ((((d[0] * r + d[1]) * r + d[2]) * r + d[3]) * r + 1);
    } else if (q > 1 - 0.02425) {
      double r = Math.sqrt(-2 * Math.log(1 - q));
      x = -(((((c[0] * r + c[1]) * r + c[2]) * r + c[3]) * r + c[4]) * r + c[5])
          / ((((d[0] * r + d[1]) * r + d[2]) * r + d[3]) * r + 1);
    } else {
      double r = q - 0.5;
      double s = r * r;
      x = (((((a[0] * s + a[1]) * s + a[2]) * s + a[3]) * s + a[4]) * s + a[5]) * r
          / (((((b[0] * s + b[1]) * s + b[2]) * s + b[3]) * s + b[4]) * s + 1);
    }
    double e = cdf(x) - q;
    double u = e * Math.sqrt(2 * Math.PI) * Math.exp(x * x / 2);
    return x - u / (1 + x * u / 2);
  }
}
