package io.lakesynth.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The profile's quantile sketch against sorted ground truth: exact below its limit, within its stated error above. */
class QuantileSketchTest {
  private static final double EPS = 0.0025;
  private static final double[] P = probabilities(201);

  private static double[] probabilities(int n) {
    double[] p = new double[n];
    for (int i = 0; i < n; i++) {
      p[i] = (double) i / (n - 1);
    }
    return p;
  }

  /** Values split into {@code parts} consecutive chunks, one sketch each (seeded by chunk), merged in order. */
  private static QuantileSketch sketch(double[] values, int parts, int exactLimit) {
    QuantileSketch total = null;
    for (int part = 0; part < parts; part++) {
      QuantileSketch s = new QuantileSketch(EPS, exactLimit, 1000 + part);
      for (int i = part * values.length / parts; i < (part + 1) * values.length / parts; i++) {
        s.add(values[i]);
      }
      if (total == null) {
        total = s;
      } else {
        total.merge(s);
      }
    }
    return total;
  }

  private static double[] mixture(int n, long seed) {
    Random r = new Random(seed);
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      // skewed, multi-modal and with ties: a hard case for rank error
      v[i] = switch (i % 3) {
        case 0 -> Math.exp(r.nextGaussian());
        case 1 -> 50 + 5 * r.nextGaussian();
        default -> r.nextInt(20);
      };
    }
    return v;
  }

  @Test
  void belowTheLimitItIsExactAndAgreesWithSparksRule() {
    double[] v = mixture(20_000, 1);
    QuantileSketch s = sketch(v, 3, 65_536);
    assertThat(s.exact()).isTrue();
    assertThat(s.rankError()).isZero();
    assertThat(s.count()).isEqualTo(v.length);
    double[] sorted = v.clone();
    Arrays.sort(sorted);
    double[] q = s.quantiles(P);
    for (int i = 0; i < P.length; i++) {
      // the value of rank max(1, ceil(p n)), as percentile_disc (ProfileActionTest checks Spark agrees)
      long rank = Math.max(1, (long) Math.ceil(P[i] * v.length));
      assertThat(q[i]).as("p=" + P[i]).isEqualTo(sorted[(int) rank - 1]);
    }
    // the same values in other chunks give the same exact answer
    assertThat(sketch(v, 7, 65_536).quantiles(P)).containsExactly(q);
  }

  @Test
  void beyondTheLimitRanksAreWithinTheStatedError() {
    int n = 2_000_000;
    double[] v = mixture(n, 2);
    QuantileSketch s = sketch(v, 4, 100_000);
    assertThat(s.exact()).isFalse();
    assertThat(s.count()).isEqualTo(n);
    assertThat(s.rankError()).isPositive().isLessThanOrEqualTo(EPS);
    double[] sorted = v.clone();
    Arrays.sort(sorted);
    double[] q = s.quantiles(P);
    double worst = 0;
    for (int i = 1; i < P.length - 1; i++) {
      long below = lowerBound(sorted, q[i]);
      long atOrBelow = lowerBound(sorted, Math.nextUp(q[i]));
      double target = P[i] * n;
      double miss = target < below ? below - target : target > atOrBelow ? target - atOrBelow : 0;
      worst = Math.max(worst, miss / n);
    }
    assertThat(worst).as("worst normalised rank error").isLessThanOrEqualTo(s.rankError());
  }

  @Test
  void sameValuesSameSeedsSameSketchAlsoAfterSerialisation() throws Exception {
    double[] v = mixture(300_000, 3);
    QuantileSketch a = sketch(v, 3, 10_000);
    QuantileSketch b = sketch(v, 3, 10_000);
    assertThat(a.quantiles(P)).containsExactly(b.quantiles(P));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(a);
    }
    QuantileSketch c;
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      c = (QuantileSketch) in.readObject();
    }
    assertThat(c.quantiles(P)).containsExactly(a.quantiles(P));
    assertThat(c.count()).isEqualTo(v.length);
  }

  @Test
  void kFollowsTheErrorAndIsCapped() {
    assertThat(QuantileSketch.kFor(0.0025)).isEqualTo((int) Math.ceil(QuantileSketch.ERROR_TIMES_K / 0.0025));
    assertThat(QuantileSketch.kFor(1e-9)).isEqualTo(QuantileSketch.MAX_K);
  }

  private static long lowerBound(double[] sorted, double x) {
    int lo = 0;
    int hi = sorted.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (sorted[mid] < x) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }
}
