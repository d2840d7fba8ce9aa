package io.lakesynth.evaluate;

import io.lakesynth.evaluate.EvaluationReport.PairScore;
import io.lakesynth.util.RowRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/**
 * Multi-table scores of one parent -> child link, SDMetrics' multi-table metrics: CardinalityShapeSimilarity (1 - the
 * Kolmogorov-Smirnov statistic between the real and synthetic numbers of children per parent row, parents without
 * children included) and parent-child column pair trends (the single-table pair metrics over pairs of one child
 * column and one parent column, on the child rows joined with their parent's columns), each beside a baseline that
 * ignores the link.
 */
public final class LinkScores {
  private LinkScores() {}

  /**
   * One parent-child pair: its score for the synthetic tables, for the baseline (random parents) and for the
   * permuted-parents baseline.
   */
  public record PairTrend(String child, String parent, String metric, double synthetic, double baseline,
      double permutedBaseline) {}

  /** Means over the parent-child pairs. */
  public record ParentChildTrends(double synthetic, double baseline, double permutedBaseline, List<PairTrend> pairs) {}

  /**
   * 1 - KS between two distributions of children per parent, given as (count -> parents) histograms. Over integer
   * counts the largest CDF gap is reached at a count present in either histogram.
   */
  public static double cardinalityShape(Map<Long, Long> real, Map<Long, Long> synthetic) {
    Set<Long> points = new TreeSet<>(real.keySet());
    points.addAll(synthetic.keySet());
    double nr = real.values().stream().mapToLong(Long::longValue).sum();
    double ns = synthetic.values().stream().mapToLong(Long::longValue).sum();
    if (nr == 0 || ns == 0) {
      return Double.NaN;
    }
    double cr = 0;
    double cs = 0;
    double ks = 0;
    for (long p : points) {
      cr += real.getOrDefault(p, 0L) / nr;
      cs += synthetic.getOrDefault(p, 0L) / ns;
      ks = Math.max(ks, Math.abs(cr - cs));
    }
    return 1 - ks;
  }

  /**
   * The independent baseline of the cardinality shape: {@code children} rows each assigned to one of
   * {@code parents} rows uniformly at random (seeded), as a (count -> parents) histogram.
   */
  public static Map<Long, Long> randomParents(long children, int parents, long seed) {
    int[] counts = new int[parents];
    RowRandom rng = RowRandom.of(seed, RowRandom.hash("random-parents"), 0);
    for (long i = 0; i < children; i++) {
      counts[rng.nextInt(parents)]++;
    }
    Map<Long, Long> out = new TreeMap<>();
    for (int c : counts) {
      out.merge((long) c, 1L, Long::sum);
    }
    return out;
  }

  /**
   * Parent-child pair trends on seeded samples of the joined real and synthetic child rows ({@code parentColumns}
   * hold the parent's values of each child row). Baseline, as the issue defines it: the same real child rows, each
   * joined with a uniformly random real parent row ({@code parents}: the real parent table with its columns named
   * as {@code parentColumns}; a seeded sample of at most {@code sampleRows} of its rows, so all of them when it is
   * smaller). Also the stronger baseline that keeps the parent columns' child-weighted marginals: the real parent
   * columns permuted across the sampled child rows.
   */
  public static ParentChildTrends parentChild(Dataset<Row> real, Dataset<Row> synthetic, Dataset<Row> parents,
      List<String> childColumns, List<String> parentColumns, int sampleRows, long seed) {
    List<String> names = new ArrayList<>(childColumns);
    names.addAll(parentColumns);
    Dataset<Row> r0 = real.select(columns(names));
    Dataset<Row> s0 = synthetic.select(columns(names));
    List<EvalColumn> cols = EvalColumn.plan(r0, s0, null, "joined", "joined");
    Sample r = Sample.of(Sample.prepare(r0, cols), sampleRows, seed, cols);
    Sample s = Sample.of(Sample.prepare(s0, cols), sampleRows, seed + 1, cols);
    List<EvalColumn> parentCols = cols.subList(childColumns.size(), cols.size());
    Sample p = Sample.of(Sample.prepare(parents.select(columns(parentColumns)), parentCols), sampleRows, seed + 2,
        parentCols);
    List<PairScore> syn = Pairs.trends(cols, r, s);
    List<PairScore> random = Pairs.trends(cols, r, randomParents(r, childColumns.size(), p, seed));
    List<PairScore> permuted = Pairs.trends(cols, r, permuted(r, childColumns.size(), seed));
    Set<String> parentNames = Set.copyOf(parentColumns);
    List<PairTrend> out = new ArrayList<>();
    for (PairScore x : syn) {
      if (parentNames.contains(x.a()) == parentNames.contains(x.b())) {
        continue;
      }
      String child = parentNames.contains(x.a()) ? x.b() : x.a();
      String parent = parentNames.contains(x.a()) ? x.a() : x.b();
      out.add(new PairTrend(child, parent, x.metric(), x.score(), score(random, x), score(permuted, x)));
    }
    return new ParentChildTrends(EvaluateAction.mean(out.stream().mapToDouble(PairTrend::synthetic).toArray()),
        EvaluateAction.mean(out.stream().mapToDouble(PairTrend::baseline).toArray()),
        EvaluateAction.mean(out.stream().mapToDouble(PairTrend::permutedBaseline).toArray()), out);
  }

  private static Column[] columns(List<String> names) {
    return names.stream().map(n -> functions.col("`" + n.replace("`", "``") + "`")).toArray(Column[]::new);
  }

  private static double score(List<PairScore> scores, PairScore like) {
    return scores.stream().filter(q -> q.a().equals(like.a()) && q.b().equals(like.b())).mapToDouble(PairScore::score)
        .findFirst().orElse(Double.NaN);
  }

  /** The child columns of {@code x} with, per row, the parent columns of a uniformly random row of {@code parents}. */
  static Sample randomParents(Sample x, int first, Sample parents, long seed) {
    int n = x.size();
    double[][] num = x.numbers().clone();
    String[][] str = x.strings().clone();
    RowRandom rng = RowRandom.of(seed, RowRandom.hash("random-parent-rows"), 0);
    int[] pick = new int[n];
    for (int i = 0; i < n; i++) {
      pick[i] = rng.nextInt(Math.max(1, parents.size()));
    }
    for (int j = first; j < num.length; j++) {
      int pj = j - first;
      if (num[j] != null) {
        num[j] = new double[n];
        for (int i = 0; i < n; i++) {
          num[j][i] = parents.size() == 0 ? Double.NaN : parents.numbers()[pj][pick[i]];
        }
      }
      if (str[j] != null) {
        str[j] = new String[n];
        for (int i = 0; i < n; i++) {
          str[j][i] = parents.size() == 0 ? Sample.NULL : parents.strings()[pj][pick[i]];
        }
      }
    }
    return new Sample(num, str, n);
  }

  /** Columns from {@code first} on permuted together by a seeded Fisher-Yates shuffle of the rows. */
  static Sample permuted(Sample x, int first, long seed) {
    int n = x.size();
    int[] perm = new int[n];
    for (int i = 0; i < n; i++) {
      perm[i] = i;
    }
    RowRandom rng = RowRandom.of(seed, RowRandom.hash("parent-permutation"), 0);
    for (int i = n - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      int t = perm[i];
      perm[i] = perm[j];
      perm[j] = t;
    }
    double[][] num = x.numbers().clone();
    String[][] str = x.strings().clone();
    for (int j = first; j < num.length; j++) {
      if (num[j] != null) {
        num[j] = new double[n];
        for (int i = 0; i < n; i++) {
          num[j][i] = x.numbers()[j][perm[i]];
        }
      }
      if (str[j] != null) {
        str[j] = new String[n];
        for (int i = 0; i < n; i++) {
          str[j][i] = x.strings()[j][perm[i]];
        }
      }
    }
    return new Sample(num, str, n);
  }
}
