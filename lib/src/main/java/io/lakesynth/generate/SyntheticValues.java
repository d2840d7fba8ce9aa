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
   * Identifiers: integral ones continue after the source's maximum (max + 1 + row index of this
   * run), so they are unique within a run and never equal a source value; string ones keep the
   * source's common prefix and length (or grow to stay unique), built from a 64-bit bijection of
   * the row's unique key; "uuid" ones are version-4 UUIDs drawn from the row's random stream.
   */
  static final class Identifier extends ColumnDecoder {
    private static final long serialVersionUID = 1L;
    private final boolean integral;
    private final long base;
    private final String prefix;
    private final int width;
    private final boolean uuid;
    private final boolean digits;
    private final double nullRate;
    private final long key;

    Identifier(ModelColumn c, DataType type, long seed) {
      super(c.name(), type);
      this.integral = !type.equals(DataTypes.StringType);
      this.base = Double.isNaN(c.max()) ? 0L : (long) Math.floor(c.max()) + 1;
      StringStats s = c.strings();
      this.uuid = "uuid".equals(c.semantic()) || (s != null && s.uuidShare() > 0.9);
      this.digits = s != null && s.digitsShare() > 0.9;
      this.prefix = s == null || s.commonPrefix() == null ? "" : s.commonPrefix();
      int len = s == null ? 16 : s.maxLength();
      // at least 12 symbols after the prefix so keys stay unique and apart from source values
      this.width = Math.max(len - prefix.length(), 12);
      this.nullRate = c.nullRate();
      this.key = RowRandom.mix(seed, columnHash);
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

    @Override
    Object decode(RowState st) {
      if (nullRate > 0 && st.columnRandom(columnHash).nextDouble() < nullRate) {
        return null;
      }
      if (integral) {
        return TypedValues.fromNumeric((double) (base + st.uniqueKey), type, Double.NaN, Double.NaN);
      }
      if (uuid) {
        RowRandom r = st.columnRandom(columnHash ^ 0x5bd1e995L);
        long hi = (r.nextLong() & ~0xF000L) | 0x4000L;
        long lo = (r.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new java.util.UUID(hi, lo).toString();
      }
      long v = fmix64(key ^ st.uniqueKey); // a bijection of uniqueKey: distinct rows get distinct ids
      String body = digits ? Long.toUnsignedString(v) : Long.toUnsignedString(v, 36).toUpperCase(Locale.ROOT);
      StringBuilder sb = new StringBuilder(prefix.length() + width).append(prefix);
      for (int i = body.length(); i < width; i++) {
        sb.append('0');
      }
      return sb.append(body).toString();
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
        default -> text();
      };
    }

    private String text() {
      String s = faker.lorem().sentence(Math.max(1, meanLength / 6));
      return s.length() > meanLength * 2 ? s.substring(0, meanLength * 2) : s;
    }
  }
}
