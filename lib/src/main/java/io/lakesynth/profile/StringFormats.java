package io.lakesynth.profile;

import java.io.Serializable;
import java.util.regex.Pattern;

/**
 * Format checks of one string value, counted on sampled rows by the profile scan: personal-data formats (email, phone,
 * IP address, card number, SSN, person name, street address), key formats (UUID, digits, zero-padded digits, prefix +
 * digits), words, and the character classes seen at each of the first {@link #POSITIONS} positions. Mergeable.
 */
final class StringFormats implements Serializable {
  private static final long serialVersionUID = 1L;
  /** Positions whose character classes are recorded (identifier formats). */
  static final int POSITIONS = 48;
  static final int DIGIT = 1;
  static final int UPPER = 2;
  static final int LOWER = 4;
  static final int OTHER = 8;

  static final String EMAIL = "^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$";
  static final String UUID = "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$";
  static final String DIGITS = "^[0-9]+$";
  /** A phone number: digits with at least one separator or a leading +; bare digit strings are not phone evidence. */
  static final String PHONE = "^(\\+[0-9][0-9()\\-\\s.]{6,}[0-9]|[0-9(][0-9()\\-\\s.]*[()\\-\\s.][0-9()\\-\\s.]*[0-9])$";
  static final String IPV4 = "^((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])$";
  static final String IPV6 = "^[0-9a-fA-F]{0,4}(:[0-9a-fA-F]{0,4}){2,7}$";
  static final String SSN = "^[0-9]{3}-[0-9]{2}-[0-9]{4}$";
  static final String CARD = "^[0-9]{4}([ -]?[0-9]{3,4}){2,4}$";
  static final String PREFIX_DIGITS = "^[A-Za-z]{1,8}[-_]?[0-9]{2,}$";
  static final String STREET = "^[0-9]{1,6}[A-Za-z]?\\s+\\S+.*\\s\\S+";
  private static final Pattern P_EMAIL = Pattern.compile(EMAIL);
  private static final Pattern P_UUID = Pattern.compile(UUID);
  private static final Pattern P_DIGITS = Pattern.compile(DIGITS);
  private static final Pattern P_PHONE = Pattern.compile(PHONE);
  private static final Pattern P_IPV4 = Pattern.compile(IPV4);
  private static final Pattern P_IPV6 = Pattern.compile(IPV6);
  private static final Pattern P_SSN = Pattern.compile(SSN);
  private static final Pattern P_CARD = Pattern.compile(CARD);
  private static final Pattern P_PREFIX_DIGITS = Pattern.compile(PREFIX_DIGITS);
  private static final Pattern P_STREET = Pattern.compile(STREET);

  long sampled;
  long email;
  long uuid;
  long digits;
  long zeroPadded;
  long phone;
  long ip;
  long ssn;
  long card;
  long prefixDigits;
  long street;
  long personName;
  long firstName;
  long words;
  final int[] classes = new int[POSITIONS];
  /** Value shapes (see {@link #shape}) of values up to POSITIONS characters, at most MAX_SHAPES of them. */
  final java.util.HashMap<String, Long> shapes = new java.util.HashMap<>();
  /** Distinct shapes kept while scanning; a key column has a handful, free text would have thousands. */
  static final int MAX_SHAPES = 64;

  /** Checks one value (Spark's rlike is Matcher.find; the patterns are anchored). */
  void add(String v) {
    sampled++;
    email += P_EMAIL.matcher(v).find() ? 1 : 0;
    uuid += P_UUID.matcher(v).find() ? 1 : 0;
    boolean d = P_DIGITS.matcher(v).find();
    digits += d ? 1 : 0;
    zeroPadded += d && v.length() > 1 && v.charAt(0) == '0' ? 1 : 0;
    phone += P_PHONE.matcher(v).find() ? 1 : 0;
    ip += P_IPV4.matcher(v).find() || (v.indexOf(':') >= 0 && P_IPV6.matcher(v).find()) ? 1 : 0;
    ssn += P_SSN.matcher(v).find() ? 1 : 0;
    card += P_CARD.matcher(v).find() && luhn(v) ? 1 : 0;
    prefixDigits += P_PREFIX_DIGITS.matcher(v).find() ? 1 : 0;
    street += P_STREET.matcher(v).find() ? 1 : 0;
    int name = NameDictionary.get().classify(v);
    personName += name > 0 ? 1 : 0;
    firstName += name == 2 ? 1 : 0;
    words += wordCount(v);
    for (int i = 0; i < Math.min(POSITIONS, v.length()); i++) {
      classes[i] |= classOf(v.charAt(i));
    }
    if (v.length() <= POSITIONS) {
      String s = shape(v);
      if (shapes.size() < MAX_SHAPES || shapes.containsKey(s)) {
        shapes.merge(s, 1L, Long::sum);
      }
    }
  }

  /** A value's shape: '9' for a digit, 'A' for an upper-case and 'a' for a lower-case ASCII letter, others as is. */
  static String shape(String v) {
    char[] out = new char[v.length()];
    for (int i = 0; i < out.length; i++) {
      char c = v.charAt(i);
      int cls = classOf(c);
      out[i] = cls == DIGIT ? '9' : cls == UPPER ? 'A' : cls == LOWER ? 'a' : c;
    }
    return new String(out);
  }

  void merge(StringFormats o) {
    sampled += o.sampled;
    email += o.email;
    uuid += o.uuid;
    digits += o.digits;
    zeroPadded += o.zeroPadded;
    phone += o.phone;
    ip += o.ip;
    ssn += o.ssn;
    card += o.card;
    prefixDigits += o.prefixDigits;
    street += o.street;
    personName += o.personName;
    firstName += o.firstName;
    words += o.words;
    for (int i = 0; i < POSITIONS; i++) {
      classes[i] |= o.classes[i];
    }
    o.shapes.forEach((k, v) -> shapes.merge(k, v, Long::sum));
    if (shapes.size() > MAX_SHAPES) {
      // keep the most frequent (ties by shape, so the merge order does not matter)
      java.util.List<java.util.Map.Entry<String, Long>> all = new java.util.ArrayList<>(shapes.entrySet());
      all.sort(java.util.Map.Entry.<String, Long>comparingByValue().reversed()
          .thenComparing(java.util.Map.Entry.comparingByKey()));
      shapes.clear();
      for (java.util.Map.Entry<String, Long> e : all.subList(0, MAX_SHAPES)) {
        shapes.put(e.getKey(), e.getValue());
      }
    }
  }

  static int classOf(char c) {
    if (c >= '0' && c <= '9') {
      return DIGIT;
    }
    if (c >= 'A' && c <= 'Z') {
      return UPPER;
    }
    if (c >= 'a' && c <= 'z') {
      return LOWER;
    }
    return OTHER;
  }

  static int wordCount(String v) {
    int n = 0;
    boolean in = false;
    for (int i = 0; i < v.length(); i++) {
      boolean space = Character.isWhitespace(v.charAt(i));
      if (!space && !in) {
        n++;
      }
      in = !space;
    }
    return n;
  }

  /** The Luhn checksum of the digits of {@code v} (card numbers). */
  static boolean luhn(String v) {
    int sum = 0;
    boolean dbl = false;
    int n = 0;
    for (int i = v.length() - 1; i >= 0; i--) {
      char c = v.charAt(i);
      if (c < '0' || c > '9') {
        continue;
      }
      int x = c - '0';
      if (dbl) {
        x *= 2;
        if (x > 9) {
          x -= 9;
        }
      }
      sum += x;
      dbl = !dbl;
      n++;
    }
    return n >= 13 && n <= 19 && sum % 10 == 0;
  }
}
