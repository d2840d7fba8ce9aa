package io.lakesynth.evaluate;

import io.lakesynth.evaluate.EvalColumn.Kind;
import io.lakesynth.evaluate.EvaluationReport.Correlations;
import io.lakesynth.evaluate.EvaluationReport.PairScore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Column Pair Trends over the continuous and categorical columns (text compared as categories included): Pearson
 * CorrelationSimilarity for two continuous columns (rows where both are non-null; pairs with an undefined correlation
 * skipped, as SDMetrics does), ContingencySimilarity otherwise, continuous values in 10 equal-width bins of the real
 * range and null as its own level.
 */
final class Pairs {
  static final int CONTINGENCY_BINS = 10;

  private Pairs() {}

  static boolean paired(EvalColumn c) {
    return c.kind() == Kind.CONTINUOUS || c.kind() == Kind.CATEGORICAL;
  }

  /** Codes for contingency tables: categories by a shared dictionary, continuous values in bins of the real range. */
  static int[][] codes(List<EvalColumn> cols, Sample r, Sample s, boolean realSide) {
    int[][] out = new int[cols.size()][];
    Sample x = realSide ? r : s;
    for (int j = 0; j < cols.size(); j++) {
      if (!paired(cols.get(j))) {
        continue;
      }
      out[j] = new int[x.size()];
      if (cols.get(j).continuous()) {
        double[] ref = r.nonNull(j);
        double lo = Arrays.stream(ref).min().orElse(0);
        double hi = Arrays.stream(ref).max().orElse(0);
        for (int i = 0; i < x.size(); i++) {
          double v = x.numbers()[j][i];
          out[j][i] = Double.isNaN(v) ? -1 : Metrics.equalWidthBin(v, lo, hi, CONTINGENCY_BINS);
        }
      } else {
        Map<String, Integer> dict = new HashMap<>();
        for (String v : r.strings()[j]) {
          dict.putIfAbsent(v, dict.size());
        }
        Map<String, Integer> unseen = new HashMap<>();
        for (int i = 0; i < x.size(); i++) {
          String v = x.strings()[j][i];
          Integer code = dict.get(v);
          out[j][i] = code != null ? code : -2 - unseen.computeIfAbsent(v, k -> unseen.size());
        }
      }
    }
    return out;
  }

  static List<PairScore> trends(List<EvalColumn> cols, Sample r, Sample s) {
    int[][] rc = codes(cols, r, s, true);
    int[][] sc = codes(cols, r, s, false);
    List<PairScore> out = new ArrayList<>();
    for (int a = 0; a < cols.size(); a++) {
      for (int b = a + 1; b < cols.size(); b++) {
        EvalColumn ca = cols.get(a);
        EvalColumn cb = cols.get(b);
        if (!paired(ca) || !paired(cb)) {
          continue;
        }
        if (ca.continuous() && cb.continuous()) {
          double rr = pairedPearson(r, a, b);
          double rs = pairedPearson(s, a, b);
          if (Double.isNaN(rr) || Double.isNaN(rs)) {
            continue; // SDMetrics skips pairs where a correlation is undefined (constant column)
          }
          out.add(new PairScore(ca.name(), cb.name(), "CorrelationSimilarity", Metrics.correlationSimilarity(rr, rs),
              rr, rs, Math.abs(rr) > 0.5, ceiling(ca, cb)));
        } else {
          double score = Metrics.contingencySimilarity(rc[a], rc[b], sc[a], sc[b]);
          double vr = Metrics.cramersV(rc[a], rc[b]);
          double vs = Metrics.cramersV(sc[a], sc[b]);
          // strongly related: judged by the bias-corrected V, so a mostly-distinct column (names of places) is not
          // "related" to everything merely by having a value per row
          out.add(new PairScore(ca.name(), cb.name(), "ContingencySimilarity", score, vr, vs,
              Metrics.cramersVCorrected(rc[a], rc[b]) > 0.3, ceiling(ca, cb)));
        }
      }
    }
    return out;
  }

  /** The lower of two columns' protected ceilings, null when neither has one. */
  static Double ceiling(EvalColumn a, EvalColumn b) {
    if (a.ceiling() == null) {
      return b.ceiling();
    }
    return b.ceiling() == null ? a.ceiling() : Double.valueOf(Math.min(a.ceiling(), b.ceiling()));
  }

  static double pairedPearson(Sample x, int a, int b) {
    double[] va = x.numbers()[a];
    double[] vb = x.numbers()[b];
    int n = 0;
    for (int i = 0; i < x.size(); i++) {
      if (!Double.isNaN(va[i]) && !Double.isNaN(vb[i])) {
        n++;
      }
    }
    double[] pa = new double[n];
    double[] pb = new double[n];
    int k = 0;
    for (int i = 0; i < x.size(); i++) {
      if (!Double.isNaN(va[i]) && !Double.isNaN(vb[i])) {
        pa[k] = va[i];
        pb[k++] = vb[i];
      }
    }
    return Metrics.pearson(pa, pb);
  }

  /** Pearson matrices of the continuous columns, for the heatmaps. */
  static Correlations correlations(List<EvalColumn> cols, Sample r, Sample s) {
    List<Integer> idx = new ArrayList<>();
    for (int j = 0; j < cols.size(); j++) {
      if (cols.get(j).continuous()) {
        idx.add(j);
      }
    }
    int k = idx.size();
    double[][] cr = new double[k][k];
    double[][] cs = new double[k][k];
    for (int a = 0; a < k; a++) {
      for (int b = 0; b < k; b++) {
        cr[a][b] = a == b ? 1.0 : pairedPearson(r, idx.get(a), idx.get(b));
        cs[a][b] = a == b ? 1.0 : pairedPearson(s, idx.get(a), idx.get(b));
      }
    }
    return new Correlations(idx.stream().map(i -> cols.get(i).name()).toList(), cr, cs);
  }
}
