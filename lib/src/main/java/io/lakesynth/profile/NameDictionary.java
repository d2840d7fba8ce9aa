package io.lakesynth.profile;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Person-name dictionaries (first and last names) read once per JVM from datafaker's English name list
 * ({@code en/name.yml}, the same library that generates fake names). Used as value evidence for person-name PII:
 * a column name is a hint, the share of values made of dictionary names is the evidence.
 */
final class NameDictionary {
  private static volatile NameDictionary instance;
  private final Set<String> first;
  private final Set<String> last;

  private NameDictionary(Set<String> first, Set<String> last) {
    this.first = first;
    this.last = last;
  }

  static NameDictionary get() {
    NameDictionary d = instance;
    if (d == null) {
      synchronized (NameDictionary.class) {
        d = instance;
        if (d == null) {
          d = load();
          instance = d;
        }
      }
    }
    return d;
  }

  private static NameDictionary load() {
    Set<String> first = new HashSet<>();
    Set<String> last = new HashSet<>();
    try (InputStream in = NameDictionary.class.getClassLoader().getResourceAsStream("en/name.yml")) {
      if (in == null) {
        throw new IllegalStateException("datafaker's en/name.yml is not on the class path");
      }
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      Set<String> target = null;
      String line;
      while ((line = r.readLine()) != null) {
        String t = line.trim();
        if (t.endsWith(":") && !t.startsWith("-")) {
          String key = t.substring(0, t.length() - 1);
          target = key.equals("male_first_name") || key.equals("female_first_name") || key.equals("first_name")
              ? first : key.equals("last_name") ? last : null;
        } else if (target != null && t.startsWith("- \"") && t.endsWith("\"") && !t.contains("#{")) {
          target.add(t.substring(3, t.length() - 1).toLowerCase(Locale.ROOT));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new NameDictionary(Set.copyOf(first), Set.copyOf(last));
  }

  /**
   * 1 when every alphabetic token of {@code value} (at least one, at most four) is a first or last name, 2 when, in
   * addition, it is a single first name; 0 otherwise.
   */
  int classify(String value) {
    String[] tokens = value.trim().toLowerCase(Locale.ROOT).split("[\\s,.]+");
    int n = 0;
    boolean allFirst = true;
    for (String tok : tokens) {
      if (tok.isEmpty()) {
        continue;
      }
      n++;
      boolean f = first.contains(tok);
      if (!f && !last.contains(tok)) {
        return 0;
      }
      allFirst &= f;
    }
    if (n == 0 || n > 4) {
      return 0;
    }
    return n == 1 && allFirst ? 2 : 1;
  }

  int size() {
    return first.size() + last.size();
  }
}
