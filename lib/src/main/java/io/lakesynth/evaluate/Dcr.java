package io.lakesynth.evaluate;

import io.lakesynth.config.Settings.EvaluateSettings;
import io.lakesynth.evaluate.EvaluateAction.Col;
import io.lakesynth.evaluate.EvaluateAction.Sample;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Distance to closest record, normalised as in SDMetrics' DCR metrics: the distance between two rows is the mean over
 * columns of |a - b| / (real range) for continuous columns (capped at 1) and 0/1 for categorical ones (null equals
 * only null). For up to evaluate.dcr-sample-rows synthetic and holdout rows, the distance to the closest of up to
 * evaluate.sample-rows training rows; brute force over bounded samples.
 */
final class Dcr {
  record Result(double synMedian, double synP5, double holdoutMedian, double holdoutP5, double ratio, long queryRows,
      long referenceRows) {}

  private final List<Col> cols;
  private final EvaluateSettings settings;

  Dcr(List<Col> cols, EvaluateSettings settings) {
    this.cols = cols;
    this.settings = settings;
  }

  Result run(Dataset<Row> train, long trainRows, Dataset<Row> synthetic, long synRows, Dataset<Row> holdout,
      long holdoutRows) {
    Sample ref = Sample.of(EvaluateAction.prepare(train, cols), trainRows, settings.sampleRows(), settings.seed() + 7,
        cols);
    Sample syn = Sample.of(EvaluateAction.prepare(synthetic, cols), synRows, settings.dcrSampleRows(),
        settings.seed() + 8, cols);
    double[] ds = distances(ref, syn);
    double[] dh = new double[0];
    if (holdoutRows > 0) {
      Sample hold = Sample.of(EvaluateAction.prepare(holdout, cols), holdoutRows, settings.dcrSampleRows(),
          settings.seed() + 9, cols);
      dh = distances(ref, hold);
    }
    double synMedian = Metrics.quantile(ds, 0.5);
    double holdMedian = Metrics.quantile(dh, 0.5);
    double ratio = holdMedian > 0 ? synMedian / holdMedian : Double.NaN;
    return new Result(synMedian, Metrics.quantile(ds, 0.05), holdMedian, Metrics.quantile(dh, 0.05), ratio,
        ds.length, ref.size());
  }

  /** For each query row, the distance to its closest reference row. */
  double[] distances(Sample ref, Sample query) {
    int k = cols.size();
    double[] range = new double[k];
    int[][] refCodes = new int[k][];
    int[][] queryCodes = new int[k][];
    for (int j = 0; j < k; j++) {
      if (cols.get(j).continuous()) {
        double[] v = ref.nonNull(j);
        double lo = Arrays.stream(v).min().orElse(0);
        double hi = Arrays.stream(v).max().orElse(0);
        range[j] = hi > lo ? hi - lo : 1;
      } else {
        Map<String, Integer> dict = new HashMap<>();
        refCodes[j] = encode(ref.strings()[j], dict);
        queryCodes[j] = encode(query.strings()[j], dict);
      }
    }
    double[] out = new double[query.size()];
    for (int q = 0; q < query.size(); q++) {
      double best = Double.MAX_VALUE;
      for (int r = 0; r < ref.size() && best > 0; r++) {
        double d = 0;
        for (int j = 0; j < k && d < best * k; j++) {
          if (refCodes[j] != null) {
            d += refCodes[j][r] == queryCodes[j][q] ? 0 : 1;
          } else {
            double a = ref.numbers()[j][r];
            double b = query.numbers()[j][q];
            boolean na = Double.isNaN(a);
            boolean nb = Double.isNaN(b);
            d += na || nb ? (na == nb ? 0 : 1) : Math.min(1.0, Math.abs(a - b) / range[j]);
          }
        }
        best = Math.min(best, d / k);
      }
      out[q] = best;
    }
    return out;
  }

  private static int[] encode(String[] values, Map<String, Integer> dict) {
    int[] out = new int[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = dict.computeIfAbsent(values[i], v -> dict.size());
    }
    return out;
  }
}
