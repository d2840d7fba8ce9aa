package io.lakesynth.model.text;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one string contributes to its column's model, as a pure function of the string: its length, its
 * word count, and the distinct (order, context, next character) transitions it holds with how often it
 * holds each (capped at {@link #MAX_ROW_WEIGHT}, so one long string cannot push its own n-grams).
 *
 * <p>Contexts: for order m the context is the m-1 code points before position i. Near the start, where
 * fewer than {@code order - 1} code points precede i, the begin-padded context is kept once, at the
 * highest order ({@code order}, context shorter than {@code order - 1}); lower orders use plain contexts.
 * After the last code point comes {@link #END}, unless the string was truncated to {@code maxLength}.
 * Each distinct context also gets its total ({@link #ANY}).
 */
public final class StringFeatures {
  /** The next "character" that ends a string. */
  public static final int END = -1;
  /**
   * The "next" of a context's total: its rows are the rows holding the context, its weight the weight of
   * every transition from it, kept or not; what the kept transitions lack is the back-off mass.
   */
  public static final int ANY = -2;
  /** Kind of a length feature ({@code next} holds the length in code points). */
  public static final int LENGTH = -1;
  /** Kind of a word-count feature ({@code next} holds the number of whitespace-separated words). */
  public static final int WORDS = -2;
  /** A row contributes at most this many occurrences of one transition to its weight. */
  public static final int MAX_ROW_WEIGHT = 4;

  private StringFeatures() {}

  /** Receives features; {@code kind} is an order (1..n) for a transition, or {@link #LENGTH}/{@link #WORDS}. */
  @FunctionalInterface
  public interface Sink {
    void accept(int kind, String context, int next, int weight);
  }

  /** Code points of s, truncated to maxLength; lone surrogates become U+FFFD. */
  public static int[] codePoints(String s, int maxLength) {
    int[] cps = s.codePoints().limit(maxLength).toArray();
    for (int i = 0; i < cps.length; i++) {
      if (Character.getType(cps[i]) == Character.SURROGATE) {
        cps[i] = 0xFFFD;
      }
    }
    return cps;
  }

  /** Whether s has more than maxLength code points. */
  public static boolean truncated(String s, int maxLength) {
    return s.length() > maxLength && s.codePointCount(0, s.length()) > maxLength;
  }

  /** Number of maximal runs of non-whitespace code points. */
  public static int words(int[] cps, int length) {
    int words = 0;
    boolean inWord = false;
    for (int i = 0; i < length; i++) {
      boolean space = Character.isWhitespace(cps[i]);
      if (!space && !inWord) {
        words++;
      }
      inWord = !space;
    }
    return words;
  }

  /** Emits every feature of one non-null string, each distinct transition once, in a stable order. */
  public static void emit(String s, int order, int maxLength, Sink sink) {
    int[] cps = codePoints(s, maxLength);
    boolean truncated = truncated(s, maxLength);
    sink.accept(LENGTH, "", cps.length, 1);
    sink.accept(WORDS, "", words(cps, cps.length), 1);
    Map<Key, int[]> seen = new HashMap<>();
    List<Key> keys = new ArrayList<>();
    int last = truncated ? cps.length - 1 : cps.length;
    for (int i = 0; i <= last; i++) {
      int next = i < cps.length ? cps[i] : END;
      for (int m = 1; m <= order; m++) {
        Key k;
        if (i >= m - 1) {
          k = new Key(m, new String(cps, i - m + 1, m - 1), next);
        } else if (m == order) {
          k = new Key(m, new String(cps, 0, i), next); // begin-padded, kept at the highest order only
        } else {
          continue;
        }
        int[] n = seen.get(k);
        if (n == null) {
          seen.put(k, new int[] {1});
          keys.add(k);
        } else if (n[0] < MAX_ROW_WEIGHT) {
          n[0]++;
        }
      }
    }
    Map<Key, int[]> totals = new LinkedHashMap<>();
    for (Key k : keys) {
      int w = seen.get(k)[0];
      sink.accept(k.order, k.context, k.next, w);
      totals.computeIfAbsent(new Key(k.order, k.context, ANY), x -> new int[1])[0] += w;
    }
    totals.forEach((k, w) -> sink.accept(k.order, k.context, ANY, w[0]));
  }

  private record Key(int order, String context, int next) {}
}
