package io.lakesynth.model.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakesynth.util.RowRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The string model without Spark: features, protected histograms, invariants, pinned samples. */
class StringModelTest {
  static final List<String> STREETS = List.of("Main Street", "Main Road", "Mill Road", "Mill Lane", "Maple Lane",
      "Oak Street", "Oak Lane", "Elm Street", "Elm Road", "Park Lane", "Park Road", "Park Street");

  static List<String> repeated(List<String> values, int times) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < times; i++) {
      out.addAll(values);
    }
    return out;
  }

  @Test
  void featuresOfOneStringAreItsDistinctTransitionsWithCappedWeights() {
    List<String> seen = new ArrayList<>();
    StringFeatures.emit("abab", 3, 200, (kind, ctx, next, w) -> seen.add(kind + ":" + ctx + ">" + next + "x" + w));
    int a = 'a';
    int b = 'b';
    assertThat(seen).containsExactly("-1:>4x1", "-2:>1x1",
        "1:>" + a + "x2", "3:>" + a + "x1", // position 0: unigram, begin-padded context at the top order
        "1:>" + b + "x2", "2:a>" + b + "x2", "3:a>" + b + "x1", // position 1
        "2:b>" + a + "x1", "3:ab>" + a + "x1", // position 2 (unigram 'a' already counted)
        "3:ba>" + b + "x1", // position 3
        "1:>-1x1", "2:b>-1x1", "3:ab>-1x1", // END
        "1:>-2x5", "3:>-2x1", "2:a>-2x2", "3:a>-2x1", "2:b>-2x2", "3:ab>-2x2", "3:ba>-2x1"); // context totals
    seen.clear();
    StringFeatures.emit("x".repeat(30), 2, 10,
        (kind, ctx, next, w) -> seen.add(kind + ":" + ctx + ">" + next + "x" + w));
    // truncated: length 10, no END, weights capped at MAX_ROW_WEIGHT
    assertThat(seen).containsExactly("-1:>10x1", "-2:>1x1", "1:>120x4", "2:>120x1", "2:x>120x4", "1:>-2x4", "2:>-2x1",
        "2:x>-2x4");
  }

  @Test
  void rareLengthsGoToTheNearestKeptLength() {
    TreeMap<Integer, Long> rows = new TreeMap<>();
    rows.put(1, 2L);
    rows.put(3, 10L);
    rows.put(5, 1L);
    rows.put(7, 6L);
    rows.put(30, 1L);
    Histogram h = Histogram.protect(rows, 5);
    assertThat(h.values()).containsExactly(3, 7);
    assertThat(h.counts()).containsExactly(13, 7); // 5 is as near to 3 as to 7: the smaller wins
    assertThat(Histogram.protect(new TreeMap<>(java.util.Map.of(4, 4L)), 5).isEmpty()).isTrue();
  }

  @Test
  void samplesArePinnedAndReloadable() {
    StringModel m = LocalFit.fit(repeated(STREETS, 5), TextModelParams.defaults());
    List<String> drawn = new ArrayList<>();
    for (int row = 0; row < 6; row++) {
      drawn.add(m.sample(RowRandom.of(42, 7, row)));
    }
    // golden values: produced by this model on first run (seed 42, stream 7, rows 0-5)
    assertThat(drawn).containsExactly(GOLDEN);
    StringModel reloaded = StringModel.fromJson(m.toJson());
    for (int row = 0; row < 6; row++) {
      assertThat(reloaded.sample(RowRandom.of(42, 7, row))).isEqualTo(drawn.get(row));
    }
    assertThat(m.toJson()).contains("\"formatVersion\":1");
  }

  static final String[] GOLDEN = {"Oak Street", "Main Road", "Park Lane", "Park Road", "Oak Street", "Park Lane"};

  @Test
  void everyDrawHasAKeptLengthAndOnlyKeptCharacters() {
    StringModel m = LocalFit.fit(repeated(STREETS, 5), TextModelParams.defaults());
    RowRandom rng = RowRandom.of(1, 2, 3);
    for (int i = 0; i < 2000; i++) {
      rng.reset(1, 2, i);
      String s = m.sample(rng);
      assertThat(s).matches("[A-Za-z ]+");
      assertThat(m.lengths().values()).contains(s.length() > 12 ? 12 : s.length());
    }
  }

  @Test
  void theMassOfRareContinuationsBacksOffInsteadOfInflatingTheKeptOnes() {
    // after "q": 'z' in 5 rows, 40 other characters in one row each (rare, dropped); "ee" in 100 rows
    List<String> values = new ArrayList<>(repeated(List.of("qz"), 5));
    for (int i = 0; i < 40; i++) {
      values.add("q" + (char) ('A' + i));
    }
    values.addAll(repeated(List.of("ee"), 100));
    StringModel m = LocalFit.fit(values, TextModelParams.defaults().withOrder(2));
    int afterQ = 0;
    int z = 0;
    for (int row = 0; row < 4000; row++) {
      String s = m.sample(RowRandom.of(9, 9, row));
      if (s.length() == 2 && s.charAt(0) == 'q') {
        afterQ++;
        z += s.charAt(1) == 'z' ? 1 : 0;
      }
    }
    // 'z' holds 5 of the 45 rows after "q"; the other 40 go to the unigrams (mostly 'e'), not to 'z'
    assertThat(afterQ).isGreaterThan(100);
    assertThat(z / (double) afterQ).isBetween(0.05, 0.35);
  }

  @Test
  void loadingRejectsBrokenModels() {
    StringModel m = LocalFit.fit(repeated(STREETS, 5), TextModelParams.defaults());
    String json = m.toJson();
    assertThatThrownBy(() -> StringModel.fromJson(json.replace("\"formatVersion\":1", "\"formatVersion\":9")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("format version 9, this build reads 1");
    // a transition held by fewer than k rows cannot be loaded
    String rare = json.replaceFirst("\"rows\":\\[60,", "\"rows\":[4,");
    assertThat(rare).isNotEqualTo(json);
    assertThatThrownBy(() -> StringModel.fromJson(rare)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("breaks the model's invariants");
    assertThatThrownBy(() -> StringModel.fromJson("{}")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a string model");
  }

  @Test
  void rejectedDrawsAreRedrawnAndAnEmptyModelSaysSo() {
    StringModel m = LocalFit.fit(repeated(STREETS, 5), TextModelParams.defaults());
    for (int row = 0; row < 200; row++) {
      String s = m.sample(RowRandom.of(5, 5, row), x -> x.startsWith("Park"), 100);
      assertThat(s).doesNotStartWith("Park");
    }
    StringModel empty = LocalFit.fit(List.of("only", "three", "rows"), TextModelParams.defaults());
    assertThat(empty.isEmpty()).isTrue();
    assertThatThrownBy(() -> empty.sample(RowRandom.of(1, 1, 1))).isInstanceOf(IllegalStateException.class);
    assertThat(StringModel.empty(TextModelParams.defaults()).isEmpty()).isTrue();
  }
}
