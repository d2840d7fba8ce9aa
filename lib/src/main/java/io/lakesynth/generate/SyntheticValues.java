package io.lakesynth.generate;

import io.lakesynth.model.ModelColumn;
import io.lakesynth.profile.ColumnProfile.StringStats;
import io.lakesynth.util.RowRandom;
import java.util.Locale;
import java.util.Random;
import net.datafaker.Faker;
import net.datafaker.service.RandomService;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;

/** Decoders for columns that are regenerated, never copied: identifiers, personal data, free text. */
final class SyntheticValues {
  private SyntheticValues() {}

  /**
   * Identifiers, regenerated unique in the source's format. Integral ones continue after the source's maximum
   * (max + 1 + the row's unique key, in exact long arithmetic), and below its minimum when the type has no room above;
   * past both an error names the column. String ones keep the common prefix, the width (the longest value) and the
   * character classes seen at each position (digits, upper, lower case): the row's unique key goes through a keyed
   * permutation of the format's value space (so keys are unique and scattered) and is written in that mixed radix;
   * a run with more rows than the space holds gets extra digits. "uuid" ones are version-4 UUIDs drawn from the
   * row's random stream. Unique keys are distinct across slices (GeneratePlan's key bases), so ids are too.
   */
  static final class Identifier extends ColumnDecoder {
    private static final long serialVersionUID = 1L;
    private static final String DIGITS = "0123456789";
    private static final String UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private static final String LOWER = "abcdefghijklmnopqrstuvwxyz";
    private final String column;
    private final boolean integral;
    private final long above;
    private final long below;
    private final long typeMin;
    private final long typeMax;
    private final boolean uuid;
    private final String prefix;
    private final String[] alphabets;
    private final long space;
    private final int bits;
    private final double nullRate;
    private final long key;
    /** The real values' frequent shapes as per-position alphabets (null: one format from per-position classes). */
    private final String[][] shapeAlphabets;
    private final double[] shapeCumulative;
    private final long[] shapeSpace;
    private final int[] shapeBits;

    Identifier(ModelColumn c, DataType type, long seed) {
      super(c.name(), type);
      this.column = c.name();
      this.integral = TypedValues.integral(type) && !type.equals(DataTypes.DateType)
          && !type.equals(DataTypes.TimestampType) && !type.equals(DataTypes.TimestampNTZType);
      long[] range = typeRange(type);
      this.typeMin = range[0];
      this.typeMax = range[1];
      this.above = Double.isNaN(c.max()) ? 0L : exact(c.max()) + 1;
      this.below = Double.isNaN(c.min()) ? -1L : exact(c.min()) - 1;
      StringStats s = c.strings();
      this.uuid = "uuid".equals(c.semantic()) || (s != null && s.uuidShare() > 0.9);
      this.prefix = s == null || s.commonPrefix() == null ? "" : s.commonPrefix();
      int width = s == null ? 16 : Math.max(s.maxLength(), prefix.length() + 1);
      this.alphabets = new String[width - prefix.length()];
      double sp = 1;
      for (int i = 0; i < alphabets.length; i++) {
        int pos = prefix.length() + i;
        int[] classes = s == null || s.positionClasses() == null ? null : s.positionClasses();
        int cls = classes == null ? 0 : classes[Math.min(pos, classes.length - 1)];
        alphabets[i] = alphabet(cls);
        sp *= alphabets[i].length();
      }
      this.space = sp >= 0x1p62 ? 1L << 62 : (long) sp;
      this.bits = 64 - Long.numberOfLeadingZeros(Math.max(1, space - 1));
      this.nullRate = c.nullRate();
      this.key = RowRandom.mix(seed, columnHash);
      java.util.List<io.lakesynth.profile.ColumnProfile.Category> shapes = s == null || s.shapes() == null
          ? java.util.List.of() : s.shapes();
      if (shapes.isEmpty() || uuid) {
        this.shapeAlphabets = null;
        this.shapeCumulative = null;
        this.shapeSpace = null;
        this.shapeBits = null;
      } else {
        int n = shapes.size();
        this.shapeAlphabets = new String[n][];
        this.shapeCumulative = new double[n];
        this.shapeSpace = new long[n];
        this.shapeBits = new int[n];
        double total = 0;
        for (io.lakesynth.profile.ColumnProfile.Category sh : shapes) {
          total += sh.count();
        }
        double acc = 0;
        for (int i = 0; i < n; i++) {
          String t = shapes.get(i).value();
          shapeAlphabets[i] = new String[t.length()];
          double size = 1;
          for (int p = 0; p < t.length(); p++) {
            char ch = t.charAt(p);
            // the common prefix stays literal; every other position draws from its class
            shapeAlphabets[i][p] = p < prefix.length() ? String.valueOf(prefix.charAt(p))
                : ch == '9' ? DIGITS : ch == 'A' ? UPPER : ch == 'a' ? LOWER : String.valueOf(ch);
            size *= shapeAlphabets[i][p].length();
          }
          shapeSpace[i] = size >= 0x1p62 ? 1L << 62 : Math.max(1L, (long) size);
          shapeBits[i] = 64 - Long.numberOfLeadingZeros(Math.max(1, shapeSpace[i] - 1));
          acc += shapes.get(i).count() / total;
          shapeCumulative[i] = acc;
        }
        shapeCumulative[n - 1] = 1.0;
      }
    }

    private static String alphabet(int cls) {
      StringBuilder sb = new StringBuilder();
      if ((cls & 1) != 0) {
        sb.append(DIGITS);
      }
      if ((cls & 2) != 0) {
        sb.append(UPPER);
      }
      if ((cls & 4) != 0) {
        sb.append(LOWER);
      }
      if (sb.length() == 0) {
        // a position that only ever held punctuation (a separator), or no statistics: a separator, or digits
        return cls == 8 ? "-" : DIGITS;
      }
      return sb.toString();
    }

    /** A whole number from numeric space; ids above 2^53 lose their last bits in the profile's double. */
    private static long exact(double v) {
      return (long) Math.floor(v);
    }

    private static long[] typeRange(DataType type) {
      if (type.equals(DataTypes.ByteType)) {
        return new long[] {Byte.MIN_VALUE, Byte.MAX_VALUE};
      }
      if (type.equals(DataTypes.ShortType)) {
        return new long[] {Short.MIN_VALUE, Short.MAX_VALUE};
      }
      if (type.equals(DataTypes.IntegerType)) {
        return new long[] {Integer.MIN_VALUE, Integer.MAX_VALUE};
      }
      if (type instanceof org.apache.spark.sql.types.DecimalType d && d.precision() < 19) {
        long m = (long) Math.pow(10, d.precision()) - 1;
        return new long[] {-m, m};
      }
      return new long[] {Long.MIN_VALUE, Long.MAX_VALUE};
    }

    /** MurmurHash3's 64-bit finaliser: invertible, so distinct inputs give distinct outputs. */
    static long fmix64(long k) {
      k ^= k >>> 33;
      k *= 0xff51afd7ed558ccdL;
      k ^= k >>> 33;
      k *= 0xc4ceb9fe1a85ec53L;
      k ^= k >>> 33;
      return k;
    }

    /** A keyed bijection of [0, 2^bits): xor with the key, odd multiplications and xor-shifts, all mod 2^bits. */
    static long permuteBits(long x, int bits, long key) {
      long mask = bits >= 64 ? -1L : (1L << bits) - 1;
      int shift = Math.max(1, bits / 2);
      long v = x;
      for (int round = 0; round < 3; round++) {
        v = (v ^ (RowRandom.mix(key, round) & mask)) & mask;
        v = (v * 0x9E3779B97F4A7C15L) & mask;
        v ^= v >>> shift;
      }
      return v & mask;
    }

    /** A keyed bijection of [0, n) by cycle walking over [0, 2^bits), n <= 2^bits. */
    static long permute(long x, long n, int bits, long key) {
      long v = permuteBits(x, bits, key);
      while (v >= n) {
        v = permuteBits(v, bits, key);
      }
      return v;
    }

    @Override
    Object decode(RowState st) {
      if (nullRate > 0 && st.columnRandom(columnHash).nextDouble() < nullRate) {
        return null;
      }
      long k = st.uniqueKey;
      if (integral) {
        return TypedValues.parse(Long.toString(integralId(k)), type);
      }
      if (uuid) {
        RowRandom r = st.columnRandom(columnHash ^ 0x5bd1e995L);
        long hi = (r.nextLong() & ~0xF000L) | 0x4000L;
        long lo = (r.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new java.util.UUID(hi, lo).toString();
      }
      return formatted(k);
    }

    long integralId(long k) {
      long roomAbove = above > typeMax ? 0 : typeMax - above + 1;
      if (k < roomAbove) {
        return above + k;
      }
      long j = k - roomAbove;
      if (below < typeMin || j > below - typeMin) {
        throw new IllegalStateException("identifier column " + column + " (" + type.sql()
            + ") has no room for more unique keys outside the source's range; cast it to a wider type");
      }
      return below - j;
    }

    String formatted(long k) {
      if (shapeAlphabets != null) {
        return shaped(k);
      }
      StringBuilder sb = new StringBuilder(prefix.length() + alphabets.length + 4).append(prefix);
      long v;
      long overflow;
      if (k < space) {
        v = permute(k, space, bits, key);
        overflow = -1;
      } else {
        v = permute(k % space, space, bits, key);
        overflow = k / space; // more keys than the format holds: extra digits keep them unique
      }
      sb.append(fill(alphabets, v));
      if (overflow >= 0) {
        sb.append(overflow);
      }
      return sb.toString();
    }

    /**
     * Key {@code k} in one of the real values' shapes, chosen by a keyed hash of k in proportion to the shape's
     * share: within a shape, a keyed permutation of k fills the positions, so two keys never give one value; values
     * of two shapes differ in some position's class. A key beyond its shape's room goes to the roomiest shape, and a
     * key beyond that one's room gets extra digits (as in the single format).
     */
    String shaped(long k) {
      double u = (RowRandom.mix(key ^ 0x2545F4914F6CDD1DL, k) >>> 11) * 0x1.0p-53;
      int i = 0;
      while (i < shapeCumulative.length - 1 && u >= shapeCumulative[i]) {
        i++;
      }
      if (k >= shapeSpace[i]) {
        for (int j = 0; j < shapeSpace.length; j++) {
          i = shapeSpace[j] > shapeSpace[i] ? j : i;
        }
      }
      String[] alpha = shapeAlphabets[i];
      long space = shapeSpace[i];
      long v = permute(k % space, space, shapeBits[i], RowRandom.mix(key, i));
      long overflow = k < space ? -1 : k / space;
      String out = new String(fill(alpha, v));
      return overflow >= 0 ? out + overflow : out;
    }

    /** {@code v} written in the mixed radix of the positions' alphabets (last position least significant). */
    private static char[] fill(String[] alphabets, long v) {
      char[] body = new char[alphabets.length];
      for (int p = alphabets.length - 1; p >= 0; p--) {
        int radix = alphabets[p].length();
        body[p] = alphabets[p].charAt((int) (v % radix));
        v /= radix;
      }
      return body;
    }
  }

  /** Free text and names of things from the column's string model (never a copy of a rare real value's n-grams). */
  static final class Text extends ColumnDecoder {
    private static final long serialVersionUID = 1L;
    private final StringSampler strings;
    private final double nullRate;

    Text(ModelColumn c, DataType type, StringSampler strings) {
      super(c.name(), type);
      this.strings = strings;
      this.nullRate = c.nullRate();
    }

    @Override
    Object decode(RowState st) {
      RowRandom r = st.columnRandom(columnHash);
      if (nullRate > 0 && r.nextDouble() < nullRate) {
        return null;
      }
      return TypedValues.parse(strings.sample(r, v -> false), type);
    }
  }

  /** Personal data and free text from datafaker, seeded per row; never derived from source values. */
  static final class Fake extends ColumnDecoder {
    private static final long serialVersionUID = 1L;
    private final String semantic;
    private final double nullRate;
    private final int meanLength;
    private final int maxLength;
    private transient Faker faker;

    Fake(ModelColumn c, DataType type) {
      super(c.name(), type);
      this.semantic = c.semantic() == null || c.semantic().isEmpty() ? "text" : c.semantic();
      this.nullRate = c.nullRate();
      StringStats s = c.strings();
      this.meanLength = s == null ? 20 : (int) Math.max(1, Math.round(s.meanLength()));
      this.maxLength = s == null ? 200 : Math.max(1, s.maxLength());
    }

    @Override
    Object decode(RowState st) {
      RowRandom r = st.columnRandom(columnHash);
      if (nullRate > 0 && r.nextDouble() < nullRate) {
        return null;
      }
      // a fresh Faker per row: datafaker keeps state between calls beyond its RandomService, so a reused instance
      // made a row's value depend on the rows generated before it in the partition (slices differed)
      long fakerSeed = r.nextLong();
      String v;
      // datafaker's shared caches are not safe for concurrent use: two executor threads interleaving made ~0.5% of
      // values depend on timing. Serialised per JVM; only PII columns pay for it.
      synchronized (Fake.class) {
        faker = new Faker(Locale.US, new RandomService(new Random(fakerSeed)));
        v = fake();
      }
      if (!type.equals(DataTypes.StringType)) {
        return TypedValues.parse(v, type);
      }
      return v.length() > maxLength ? v.substring(0, maxLength) : v;
    }

    private String fake() {
      return switch (semantic) {
        case "email" -> faker.internet().emailAddress();
        case "name" -> faker.name().fullName();
        case "first_name" -> faker.name().firstName();
        case "last_name" -> faker.name().lastName();
        case "phone" -> faker.phoneNumber().phoneNumber();
        case "address" -> faker.address().streetAddress();
        case "city" -> faker.address().city();
        case "digits" -> faker.number().digits(Math.max(1, meanLength));
        case "ip" -> faker.internet().ipV4Address();
        case "ssn" -> faker.idNumber().ssnValid();
        case "card" -> faker.finance().creditCard().replaceAll("[^0-9]", "");
        default -> text();
      };
    }

    private String text() {
      String s = faker.lorem().sentence(Math.max(1, meanLength / 6));
      return s.length() > meanLength * 2 ? s.substring(0, meanLength * 2) : s;
    }
  }
}
