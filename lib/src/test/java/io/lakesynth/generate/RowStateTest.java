package io.lakesynth.generate;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakesynth.util.RowRandom;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The per-column random streams are a pure function of (seed, stream, column, row), cache or not. */
class RowStateTest {
  @Test
  void cachedColumnStreamsEqualTheDefinition() {
    RowState st = new RowState(1, 1);
    Random pick = new Random(42);
    long[] columns = new long[100]; // more columns than the cache holds
    for (int c = 0; c < columns.length; c++) {
      columns[c] = RowRandom.hash("column-" + c);
    }
    for (int step = 0; step < 20_000; step++) {
      st.seed = pick.nextInt(3);
      st.stream = pick.nextInt(4) * 0x9E3779B97F4A7C15L;
      st.rowId = pick.nextInt(1000);
      long column = columns[pick.nextInt(columns.length)];
      long expected = RowRandom.of(st.seed, RowRandom.mix(st.stream, column), st.rowId).nextLong();
      assertThat(st.columnRandom(column).nextLong()).isEqualTo(expected);
    }
  }
}
