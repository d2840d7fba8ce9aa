package io.lakesynth.bench;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.date_add;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.exp;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.format_string;
import static org.apache.spark.sql.functions.initcap;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.rand;
import static org.apache.spark.sql.functions.randn;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.timestamp_seconds;
import static org.apache.spark.sql.functions.unix_date;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.xxhash64;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/**
 * The "lake" bench table: a clickstream/e-commerce event table as data lakes hold them, of any size, built from
 * {@code spark.range} with seeded hash expressions (no rand(): the same rows, seed and partition count always give
 * the same table, and the same rows for any partition count). 21 columns, partitioned by {@code event_date}:
 * <ul>
 *   <li>{@code event_id}: unique key ({@code ev-} + 10 hex digits, a bijection of the row id);</li>
 *   <li>{@code user_id}: about rows/10 distinct, half of the rows Zipf over the ids (a few heavy users), half
 *       uniform; null when the visitor is not logged in ({@code is_logged_in}); {@code session_id} depends on it;</li>
 *   <li>{@code sku}: 1,000,000 possible values, Zipf; {@code amount} (decimal, nearly unique) follows the SKU's
 *       price x {@code quantity} x (1 - {@code discount}) within ±10% (tax, shipping); {@code discount} mostly 0 and {@code coupon_code} set
 *       exactly when it is not;</li>
 *   <li>{@code country} (200, Zipf) and {@code city} (100 per country, 20,000 in all, Zipf within the country);</li>
 *   <li>{@code device} → {@code os} → {@code browser} (small, each depending on the one before),
 *       {@code referrer} (null for direct traffic, depending on the device), {@code page_load_ms} (log-normal,
 *       slower on mobile);</li>
 *   <li>{@code event_type} (view, search, cart, purchase): {@code search_query} (free text of Zipf-drawn words) is set
 *       exactly for searches, {@code sku}, {@code quantity} and {@code amount} are null for searches, {@code amount}
 *       is set only for cart and purchase events;</li>
 *   <li>{@code event_date} (90 days from 2024-01-01, as many rows each, filled in row id order) and {@code event_time} (a timestamp within that day, busier in
 *       the evening); {@code is_returning} depends on how active the user is.</li>
 * </ul>
 */
public final class LakeTable {
  /** Distinct SKUs the table draws from. */
  public static final int SKUS = 1_000_000;
  /** Countries; each has {@link #CITIES_PER_COUNTRY} cities. */
  public static final int COUNTRIES = 200;
  public static final int CITIES_PER_COUNTRY = 100;
  /** Days of {@code event_date}, from {@link #FIRST_DAY}. */
  public static final int DAYS = 90;
  public static final String FIRST_DAY = "2024-01-01";

  private static final double U_SCALE = (double) (1L << 53);
  private static final String[] SYLLABLES = {"ka", "lo", "mi", "ne", "ru", "sa", "to", "vi", "ba", "de", "fu", "ga",
      "hi", "jo", "ke", "li", "ma", "no", "pe", "qui", "ra", "se", "ti", "ur", "ve", "wa", "xo", "ya", "ze", "an",
      "el", "or"};
  private static final String[] WORDS = {"shoes", "red", "dress", "phone", "case", "cheap", "wireless", "headphones",
      "kids", "men", "women", "sale", "black", "running", "laptop", "bag", "winter", "jacket", "usb", "charger",
      "organic", "coffee", "gift", "for", "mom", "dad", "best", "new", "2024", "size", "large", "small", "blue", "led",
      "lamp", "table", "chair", "garden", "tools", "toy", "lego", "book", "cookbook", "vegan", "protein", "bar",
      "yoga", "mat", "watch", "smart", "tv", "4k", "hdmi", "cable", "kitchen", "knife", "set", "pan", "non", "stick",
      "dog", "food", "cat", "litter", "baby", "stroller", "car", "seat", "bike", "helmet", "tent", "camping", "gloves",
      "scarf", "hat", "socks", "wool", "cotton", "shirt", "jeans", "slim", "fit", "boots", "leather", "wallet",
      "perfume", "cream", "face", "hair", "dryer", "mouse", "keyboard", "gaming", "chair", "monitor", "desk"};

  private LakeTable() {}

  /** The table: {@code rows} rows in {@code partitions} Spark partitions, values a pure function of (seed, row id). */
  public static Dataset<Row> table(SparkSession spark, long rows, int partitions, long seed) {
    H h = new H(seed);
    long users = Math.max(1, rows / 10);
    Column zipfUser = h.zipf("uz", users);
    Column device = when(h.u("dev").lt(0.6), "mobile").when(h.u("dev").lt(0.9), "desktop").otherwise("tablet");
    Column dev = col("device");
    Column os = when(dev.equalTo("mobile"), when(h.u("os").lt(0.55), "android").otherwise("ios"))
        .when(dev.equalTo("tablet"), when(h.u("os").lt(0.7), "ios").otherwise("android"))
        .otherwise(when(h.u("os").lt(0.75), "windows").when(h.u("os").lt(0.93), "macos").otherwise("linux"));
    Column browser = when(col("os").equalTo("ios"), when(h.u("br").lt(0.85), "safari").otherwise("chrome"))
        .when(col("os").equalTo("macos"), when(h.u("br").lt(0.5), "safari").when(h.u("br").lt(0.9), "chrome")
            .otherwise("firefox"))
        .when(col("os").equalTo("android"), when(h.u("br").lt(0.8), "chrome").otherwise("samsung"))
        .otherwise(when(h.u("br").lt(0.65), "chrome").when(h.u("br").lt(0.85), "edge").otherwise("firefox"));
    Column eventType = when(h.u("et").lt(0.55), "view").when(h.u("et").lt(0.75), "search")
        .when(h.u("et").lt(0.92), "cart").otherwise("purchase");
    Column search = col("event_type").equalTo("search");
    Column buys = col("event_type").isin("cart", "purchase");
    Column discount = when(h.u("disc").lt(0.85), 0.0).when(h.u("disc").lt(0.93), 0.1).when(h.u("disc").lt(0.98), 0.2)
        .otherwise(0.3);
    // a SKU's price: log-normal from the SKU's own hash (so amount depends on sku)
    Column price = exp(h.normalOf(col("_sku"), "price").multiply(1.3)).multiply(30.0).plus(1.0);
    Column quantity = when(h.u("qty").lt(0.7), 1).when(h.u("qty").lt(0.88), 2).when(h.u("qty").lt(0.96), 3)
        .otherwise(floor(h.u("qty2").multiply(7)).plus(4));
    Column amount = round(price.multiply(col("quantity")).multiply(lit(1.0).minus(col("discount")))
        .multiply(lit(1.0).plus(h.u("amt").minus(0.5).multiply(0.2))), 2);
    // evening-heavy time of day: the max of two uniforms leans late
    Column secondOfDay = floor(functions.greatest(h.u("t1"), h.u("t2")).multiply(86_400)).cast("long");
    // rows fill the days in id order, as a lake written day by day: a task writes one or two day partitions
    Column day = floor(col("id").multiply(DAYS).divide(rows)).cast("int");
    Column referrer = when(h.u("ref").lt(0.4), lit(null).cast("string"))
        .when(h.u("ref").lt(0.65), "google").when(h.u("ref").lt(0.75), "bing").when(h.u("ref").lt(0.85),
            when(dev.equalTo("desktop"), "newsletter").otherwise("instagram"))
        .when(h.u("ref").lt(0.95), when(dev.equalTo("mobile"), "tiktok").otherwise("facebook")).otherwise("affiliate");
    return spark.range(0, rows, 1, partitions)
        .withColumn("event_id", format_string("ev-%010x", pmod(col("id").multiply(2_654_435_761L),
            lit(1L << 40))))
        .withColumn("device", device)
        .withColumn("is_logged_in", h.u("login").lt(when(dev.equalTo("desktop"), 0.8).otherwise(0.55)))
        .withColumn("_user", when(h.u("um").lt(0.5), zipfUser).otherwise(floor(h.u("uu").multiply(users))))
        .withColumn("user_id", when(col("is_logged_in"), pmod(col("_user").multiply(40_503L).plus(seed),
            lit(1L << 36))))
        .withColumn("session_id", when(col("is_logged_in"),
            format_string("s%012x", pmod(xxhash64(col("_user"), floor(h.u("ses").multiply(8)), lit(seed)),
                lit(1L << 48))))
            .otherwise(format_string("a%012x", pmod(xxhash64(col("id"), lit(seed), lit("anon")), lit(1L << 48)))))
        .withColumn("is_returning", h.u("ret").lt(when(col("_user").lt(users / 100 + 1), 0.95).otherwise(0.4)))
        .withColumn("os", os)
        .withColumn("browser", browser)
        .withColumn("referrer", referrer)
        .withColumn("page_load_ms", exp(h.normal("pl").multiply(0.5)).multiply(when(dev.equalTo("mobile"), 900)
            .otherwise(450)).cast("int"))
        .withColumn("_country", h.zipf("ctry", COUNTRIES))
        .withColumn("country", format_string("C%03d", col("_country")))
        .withColumn("_city", col("_country").multiply(CITIES_PER_COUNTRY).plus(h.zipf("city", CITIES_PER_COUNTRY)))
        .withColumn("city", cityName(col("_city")))
        .withColumn("event_type", eventType)
        .withColumn("_sku", h.zipf("sku", SKUS))
        .withColumn("sku", when(search, lit(null).cast("string"))
            .otherwise(format_string("SKU-%07d", pmod(col("_sku").multiply(7_919L), lit(SKUS)))))
        .withColumn("discount", when(buys, discount).otherwise(0.0).cast("decimal(3,2)"))
        .withColumn("coupon_code", when(col("discount").gt(0),
            concat(lit("SAVE"), col("discount").multiply(100).cast("int").cast("string"))))
        .withColumn("quantity", when(buys, quantity).cast("int"))
        .withColumn("amount", when(buys, amount).cast("decimal(12,2)"))
        .withColumn("search_query", when(search, query(h)))
        .withColumn("event_date", date_add(lit(java.sql.Date.valueOf(FIRST_DAY)), day))
        .withColumn("event_time", timestamp_seconds(unix_date(col("event_date")).cast("long").multiply(86_400L)
            .plus(secondOfDay)))
        .select("event_id", "user_id", "session_id", "is_logged_in", "is_returning", "device", "os", "browser",
            "referrer", "page_load_ms", "country", "city", "event_type", "sku", "quantity", "amount", "discount",
            "coupon_code", "search_query", "event_time", "event_date");
  }

  /**
   * The generate benchmark's baseline for this table: the same schema (names, types, nullability of values) from
   * Spark's own seeded rand() expressions, the cheapest way Spark can write such a table.
   */
  public static Dataset<Row> randBaseline(SparkSession spark, long rows, int partitions) {
    Column nullable = rand(30).lt(0.4);
    return spark.range(0, rows, 1, partitions)
        .withColumn("event_id", format_string("ev-%010x", floor(rand(1).multiply(1L << 40)).cast("long")))
        .withColumn("user_id", when(rand(2).lt(0.6), floor(rand(3).multiply(1L << 36)).cast("long")))
        .withColumn("session_id", format_string("s%012x", floor(rand(4).multiply(1L << 48)).cast("long")))
        .withColumn("is_logged_in", rand(5).lt(0.6))
        .withColumn("is_returning", rand(6).lt(0.5))
        .withColumn("device", when(rand(7).lt(0.6), "mobile").otherwise("desktop"))
        .withColumn("os", when(rand(8).lt(0.5), "android").otherwise("ios"))
        .withColumn("browser", when(rand(9).lt(0.7), "chrome").otherwise("safari"))
        .withColumn("referrer", when(rand(10).lt(0.6), "google"))
        .withColumn("page_load_ms", exp(randn(11)).multiply(600).cast("int"))
        .withColumn("country", format_string("C%03d", floor(rand(12).multiply(COUNTRIES)).cast("int")))
        .withColumn("city", format_string("City%05d", floor(rand(13).multiply(20_000)).cast("int")))
        .withColumn("event_type", when(rand(14).lt(0.55), "view").otherwise("search"))
        .withColumn("sku", format_string("SKU-%07d", floor(rand(15).multiply(SKUS)).cast("int")))
        .withColumn("quantity", when(nullable, floor(rand(16).multiply(5)).plus(1).cast("int")))
        .withColumn("amount", when(nullable, round(exp(randn(17)).multiply(40), 2)).cast("decimal(12,2)"))
        .withColumn("discount", floor(rand(18).multiply(4)).divide(10).cast("decimal(3,2)"))
        .withColumn("coupon_code", when(rand(19).lt(0.15), "SAVE10"))
        .withColumn("search_query", when(rand(20).lt(0.2), concat_ws(" ", lit("red"),
            format_string("w%d", floor(rand(21).multiply(100)).cast("int")))))
        .withColumn("event_date", date_add(lit(java.sql.Date.valueOf(FIRST_DAY)),
            floor(rand(22).multiply(DAYS)).cast("int")))
        .withColumn("event_time", timestamp_seconds(unix_date(col("event_date")).cast("long").multiply(86_400L)
            .plus(floor(rand(23).multiply(86_400)).cast("long"))))
        .drop("id")
        .select("event_id", "user_id", "session_id", "is_logged_in", "is_returning", "device", "os", "browser",
            "referrer", "page_load_ms", "country", "city", "event_type", "sku", "quantity", "amount", "discount",
            "coupon_code", "search_query", "event_time", "event_date");
  }

  /** A pronounceable city name of three syllables, one per 5 bits of a scrambled city index (injective). */
  private static Column cityName(Column city) {
    Column s = pmod(city.multiply(7_919L), lit(1 << 15));
    return initcap(concat(syllable(pmod(s, lit(32))), syllable(pmod(floor(s.divide(32)), lit(32))),
        syllable(floor(s.divide(1024)))));
  }

  private static Column syllable(Column index) {
    return element_at(array(SYLLABLES), index.cast("int").plus(1));
  }

  /** One to four words, each Zipf-drawn from {@link #WORDS}. */
  private static Column query(H h) {
    Column n = floor(h.u("qn").multiply(h.u("qn2")).multiply(4)).plus(1);
    List<Column> words = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      Column w = element_at(array(WORDS), h.zipf("q" + i, WORDS.length).cast("int").plus(1));
      words.add(when(n.gt(i), w));
    }
    return concat_ws(" ", words.toArray(new Column[0]));
  }

  private static Column array(String[] values) {
    Column[] lits = new Column[values.length];
    for (int i = 0; i < values.length; i++) {
      lits[i] = lit(values[i]);
    }
    return functions.array(lits);
  }

  /** Seeded hash randomness of the row id. */
  private record H(long seed) {
    /** Uniform in [0, 1) with 53 bits, from xxhash64 of (row id, seed, salt). */
    Column u(String salt) {
      return uOf(col("id"), salt);
    }

    Column uOf(Column key, String salt) {
      return pmod(xxhash64(key, lit(seed), lit(salt)), lit(1L << 53)).divide(U_SCALE);
    }

    /** Approximately standard normal of a key: (sum of 4 uniforms - 2) * sqrt(3). */
    Column normalOf(Column key, String salt) {
      return uOf(key, salt + "a").plus(uOf(key, salt + "b")).plus(uOf(key, salt + "c")).plus(uOf(key, salt + "d"))
          .minus(2.0).multiply(Math.sqrt(3.0));
    }

    Column normal(String salt) {
      return normalOf(col("id"), salt);
    }

    /**
     * A Zipf-like rank in [0, n): floor(n^u) - 1 has density proportional to 1/rank (Zipf with exponent 1),
     * so rank 0 is the most frequent value.
     */
    Column zipf(String salt, long n) {
      return floor(exp(u(salt).multiply(Math.log(n)))).minus(1).cast("long");
    }
  }
}
