package io.lakesynth.model.text;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Rows holding each (order, context, next) transition, counted from the model's definition with plain
 * Java (no code shared with the fitter): for position i of a value (its end included unless truncated),
 * order m uses the m-1 preceding code points; where fewer precede, only the highest order keeps the
 * begin-padded context. Each context also counts as (order, context, -2): the rows holding it.
 */
final class IndependentCounts {
  private IndependentCounts() {}

  static String key(int order, String context, int next) {
    return order + "|" + context + "|" + next;
  }

  static Map<String, Long> rowsPerTransition(List<String> values, int order, int maxLength) {
    Map<String, Long> rows = new TreeMap<>();
    for (String v : values) {
      int[] all = v.codePoints().toArray();
      int len = Math.min(all.length, maxLength);
      Set<String> held = new HashSet<>();
      for (int i = 0; i <= len; i++) {
        if (i == len && all.length > maxLength) {
          break;
        }
        int next = i < len ? all[i] : -1;
        for (int m = 1; m <= order; m++) {
          int from = i - (m - 1);
          if (from < 0 && m < order) {
            continue;
          }
          String context = new String(all, Math.max(0, from), i - Math.max(0, from));
          held.add(key(m, context, next));
          held.add(key(m, context, -2)); // the context's total: rows holding the context

        }
      }
      held.forEach(k -> rows.merge(k, 1L, Long::sum));
    }
    return rows;
  }
}
