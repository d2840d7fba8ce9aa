package io.lakesynth.evaluate;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Distance to closest record, normalised as in SDMetrics' DCR metrics: the distance between two rows is the mean over
 * columns of |a - b| / (real training range) for continuous columns (capped at 1) and 0/1 for the others (null equals
 * only null). For up to evaluate.dcr-sample-rows seeded synthetic and holdout rows, the distance to the closest of up
 * to evaluate.sample-rows seeded training rows; brute force over bounded samples.
 *
 * <p>The share of synthetic rows closer to train than to the holdout compares each synthetic row's distance to the
 * training reference with its distance to an equally large holdout reference (ties count half): a model that does
 * not memorise its training rows lands near 0.5 (SDMetrics' DCROverfittingProtection idea).
 */
final class Dcr {
  private static final Logger LOG = LoggerFactory.getLogger(Dcr.class);
  /** Below this holdout median distance the synthetic/holdout ratio is not reported (no division by ~0). */
  static final double MIN_RATIO_DENOMINATOR = 1e-3;

  record Result(double synMedian, double synP5, double holdoutMedian, double holdoutP5, double ratio,
      double closerToTrainShare, long queryRows, long referenceRows) {}

  private final List<EvalColumn> cols;

  /** cols: the compared columns (continuous ones numeric, all others compared for equality). */
  Dcr(List<EvalColumn> cols) {
    this.cols = cols;
  }

  /**
   * ref: the seeded training sample (the reference); syn and hold: the query rows; holdRef: the holdout reference as
   * large as ref (hold and holdRef null without a holdout). All samples hold the columns cols, in that order.
   */
  Result run(Sample ref, Sample syn, Sample hold, Sample holdRef) {
    Codes codes = new Codes(cols, ref);
    double[] ds = codes.distances(ref, syn);
    double[] dh = new double[0];
    double closer = Double.NaN;
    if (hold != null) {
      dh = codes.distances(ref, hold);
      int m = Math.min(ref.size(), holdRef.size());
      double[] toTrain = codes.distances(ref.head(m), syn);
      double[] toHold = codes.distances(holdRef.head(m), syn);
      double sum = 0;
      for (int i = 0; i < toTrain.length; i++) {
        sum += toTrain[i] < toHold[i] ? 1 : toTrain[i] == toHold[i] ? 0.5 : 0;
      }
      closer = toTrain.length == 0 ? Double.NaN : sum / toTrain.length;
    }
    double synMedian = Metrics.quantile(ds, 0.5);
    double holdMedian = Metrics.quantile(dh, 0.5);
    double ratio = holdMedian >= MIN_RATIO_DENOMINATOR ? synMedian / holdMedian : Double.NaN;
    LOG.info("evaluate: DCR over {} columns, {} synthetic rows against {} training rows", cols.size(), ds.length,
        ref.size());
    return new Result(synMedian, Metrics.quantile(ds, 0.05), holdMedian, Metrics.quantile(dh, 0.05), ratio, closer,
        ds.length, ref.size());
  }

  /** Shared category codes and continuous ranges (from the training reference). */
  static final class Codes {
    private final List<EvalColumn> cols;
    private final double[] range;
    private final Map<String, Integer>[] dict;

    @SuppressWarnings("unchecked")
    Codes(List<EvalColumn> cols, Sample ref) {
      this.cols = cols;
      int k = cols.size();
      range = new double[k];
      dict = new Map[k];
      for (int j = 0; j < k; j++) {
        if (cols.get(j).continuous()) {
          double[] v = ref.nonNull(j);
          double lo = Arrays.stream(v).min().orElse(0);
          double hi = Arrays.stream(v).max().orElse(0);
          range[j] = hi > lo ? hi - lo : 1;
        } else {
          dict[j] = new HashMap<>();
        }
      }
    }

    private int[][] encode(Sample x) {
      int[][] out = new int[cols.size()][];
      for (int j = 0; j < cols.size(); j++) {
        if (dict[j] != null) {
          Map<String, Integer> d = dict[j];
          out[j] = new int[x.size()];
          for (int i = 0; i < x.size(); i++) {
            out[j][i] = d.computeIfAbsent(x.strings()[j][i], v -> d.size());
          }
        }
      }
      return out;
    }

    /** For each query row, the distance to its closest reference row (NaN-free; +inf-free: empty ref gives 1). */
    double[] distances(Sample ref, Sample query) {
      int k = cols.size();
      int[][] rc = encode(ref);
      int[][] qc = encode(query);
      double[] out = new double[query.size()];
      for (int q = 0; q < query.size(); q++) {
        double best = ref.size() == 0 ? 1.0 : Double.MAX_VALUE;
        for (int r = 0; r < ref.size() && best > 0; r++) {
          double d = 0;
          for (int j = 0; j < k && d < best * k; j++) {
            if (rc[j] != null) {
              d += rc[j][r] == qc[j][q] ? 0 : 1;
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
  }
}
