package io.lakesynth.model.gmm;

import io.lakesynth.config.Settings.GmmSettings;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.clustering.GaussianMixture;
import org.apache.spark.ml.clustering.GaussianMixtureModel;
import org.apache.spark.ml.linalg.DenseMatrix;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fits a Gaussian mixture ({@link EmFitter} by default, or Spark MLlib {@link GaussianMixture} with
 * model.gmm.engine = mllib) on a bounded sample of normal scores for each
 * component count in the configured range and keeps the fit with the lowest BIC. The search stops early once BIC
 * has risen for two consecutive component counts past its minimum.
 */
public final class MixtureFitter {
  private static final Logger LOG = LoggerFactory.getLogger(MixtureFitter.class);

  private final SparkSession spark;
  private GmmSettings settings;
  private long seed = 42;

  public MixtureFitter(SparkSession spark) {
    this.spark = spark;
  }

  public MixtureFitter settings(GmmSettings value) {
    this.settings = value;
    return this;
  }

  public MixtureFitter seed(long value) {
    this.seed = value;
    return this;
  }

  /** Fits on points[row][dim] (already in normal-score space); the sample must be bounded by the caller. */
  public MixtureParams fit(List<String> columns, double[][] points) {
    int d = columns.size();
    if (points.length < 2) {
      return single(columns, points.length);
    }
    boolean mllib = "mllib".equals(settings.engine());
    Dataset<Row> data = null;
    if (mllib) {
      // load BLAS and LAPACK once on this thread: in local mode the executors are this JVM, and their first use
      // otherwise happens inside the fit, on two task threads at once (the one suite run where the fit hung had
      // them load there)
      dev.ludovic.netlib.blas.BLAS.getInstance();
      dev.ludovic.netlib.lapack.LAPACK.getInstance();
      StructType schema = new StructType().add("features", new VectorUDT(), false);
      List<Row> rows = new ArrayList<>(points.length);
      for (double[] p : points) {
        rows.add(RowFactory.create(Vectors.dense(p)));
      }
      // a local relation is sliced into defaultParallelism partitions in list order; a repartition here made the
      // row order (and so MLlib's seeded initial sample) depend on shuffle fetch order, and once in a while that
      // start led MLlib into a NaN covariance and its endless LAPACK dsyev loop
      data = spark.createDataFrame(rows, schema).cache();
      data.count();
    }
    try {
      MixtureParams best = null;
      int worse = 0;
      int maxK = Math.min(settings.maxComponents(), Math.max(1, points.length / (2 * (d + 1))));
      for (int k = settings.minComponents(); k <= Math.max(settings.minComponents(), maxK); k++) {
        MixtureParams p = k == 1 ? single(columns, points) : mllib ? fitK(data, columns, k, points.length)
            : EmFitter.fit(columns, points, k, settings.maxIterations(), settings.tolerance(), seed + k);
        if (!finite(p)) {
          LOG.warn("fit: mixture with {} components degenerated (non-finite parameters); not considered", k);
          break;
        }
        LOG.info("fit: mixture with {} component(s): log-likelihood {} BIC {}", k,
            String.format("%.1f", p.logLikelihood()), String.format("%.1f", p.bic()));
        if (best == null || p.bic() < best.bic()) {
          best = p;
          worse = 0;
        } else if (++worse == 2) {
          // BIC rose twice in a row past its best: larger mixtures only overfit further
          LOG.info("fit: BIC rose for {} and {} components; stopping the search at {}", k - 1, k,
              best.weights().length);
          break;
        }
      }
      return best;
    } finally {
      if (data != null) {
        data.unpersist();
      }
    }
  }

  private MixtureParams fitK(Dataset<Row> data, List<String> columns, int k, long n) {
    int d = columns.size();
    GaussianMixtureModel model = new GaussianMixture().setK(k).setSeed(seed + k).setMaxIter(settings.maxIterations())
        .setTol(settings.tolerance()).setFeaturesCol("features").fit(data);
    double[] weights = model.weights().clone();
    double[][] means = new double[k][];
    double[][] covs = new double[k][];
    for (int c = 0; c < k; c++) {
      Vector mean = model.gaussians()[c].mean();
      means[c] = mean.toArray();
      DenseMatrix cov = model.gaussians()[c].cov().toDense();
      double[] flat = new double[d * d];
      for (int i = 0; i < d; i++) {
        for (int j = 0; j < d; j++) {
          flat[i * d + j] = cov.apply(i, j);
        }
      }
      covs[c] = flat;
    }
    double ll = model.summary().logLikelihood();
    return new MixtureParams(List.copyOf(columns), weights, means, covs, MixtureParams.bic(ll, k, d, n), ll, n);
  }

  private static boolean finite(MixtureParams p) {
    if (!Double.isFinite(p.logLikelihood())) {
      return false;
    }
    for (int c = 0; c < p.weights().length; c++) {
      if (!(p.weights()[c] > 0) || java.util.Arrays.stream(p.means()[c]).anyMatch(x -> !Double.isFinite(x))
          || java.util.Arrays.stream(p.covariances()[c]).anyMatch(x -> !Double.isFinite(x))) {
        return false;
      }
    }
    return true;
  }

  /** One Gaussian: the sample mean and covariance in closed form (what EM would converge to). */
  static MixtureParams single(List<String> columns, double[][] points) {
    int d = columns.size();
    int n = points.length;
    double[] mean = new double[d];
    for (double[] p : points) {
      for (int i = 0; i < d; i++) {
        mean[i] += p[i] / n;
      }
    }
    double[] cov = new double[d * d];
    for (double[] p : points) {
      for (int i = 0; i < d; i++) {
        for (int j = 0; j < d; j++) {
          cov[i * d + j] += (p[i] - mean[i]) * (p[j] - mean[j]) / n;
        }
      }
    }
    for (int i = 0; i < d; i++) {
      cov[i * d + i] = Math.max(cov[i * d + i], 1e-6);
    }
    double ll = 0;
    MixtureMath math = new MixtureMath(new MixtureParams(List.copyOf(columns), new double[] {1.0},
        new double[][] {mean}, new double[][] {cov}, 0, 0, n));
    double[] scratch = new double[d];
    for (double[] p : points) {
      ll += math.logJoint(0, p, scratch);
    }
    return new MixtureParams(List.copyOf(columns), new double[] {1.0}, new double[][] {mean}, new double[][] {cov},
        MixtureParams.bic(ll, 1, d, n), ll, n);
  }

  private static MixtureParams single(List<String> columns, int n) {
    int d = columns.size();
    double[] cov = new double[d * d];
    for (int i = 0; i < d; i++) {
      cov[i * d + i] = 1.0;
    }
    return new MixtureParams(List.copyOf(columns), new double[] {1.0}, new double[][] {new double[d]},
        new double[][] {cov}, 0, 0, n);
  }

}
