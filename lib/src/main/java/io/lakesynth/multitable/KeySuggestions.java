package io.lakesynth.multitable;

import io.lakesynth.model.ModelFrames;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.util.sketch.BloomFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Candidate primary keys and foreign-key links found in the data, printed as a configuration suggestion and never
 * applied: links come from the configuration only.
 *
 * <p>A primary key candidate is a column of a key type (string, integer, decimal without fraction) that is non-null
 * and unique on every row (checked exactly); a column named like a key ({@link
 * io.lakesynth.profile.RoleInference#keyNamed}, the profile's rule) is preferred. A foreign key candidate is a column of another table whose values are contained in a candidate key:
 * up to {@value #SAMPLE_VALUES} of its distinct values (from a seeded sample) are tested against a Bloom filter of the
 * key, and the survivors' share of rows that join is counted exactly. Integer columns need name evidence too (the
 * column is named after the key, or after the parent table and the key): small integers are contained in any
 * surrogate key range. String columns may link on containment alone (flights' origin in airports' iata). Driver
 * memory: one Bloom filter (at most {@value #BLOOM_MAX_ITEMS} keys, about 2.4 MB at 1 %) and one value sample at a
 * time.
 */
public final class KeySuggestions {
  private static final Logger LOG = LoggerFactory.getLogger(KeySuggestions.class);
  /** Share of a column's non-null rows that must join the key. */
  public static final double MIN_JOIN_SHARE = 0.95;
  static final int SAMPLE_VALUES = 2000;
  static final long BLOOM_MAX_ITEMS = 2_000_000;

  /** A unique, non-null column; {@code named} when its name says it is a key. */
  public record PrimaryKey(String table, String column, long rows, boolean named) {}

  /** A column whose values join a key: {@code joined} of its {@code nonNull} rows. */
  public record ForeignKey(String table, String column, String parentTable, String parentColumn, long nonNull,
      long joined, boolean named) {
    public double share() {
      return nonNull == 0 ? 0 : (double) joined / nonNull;
    }
  }

  /** What was found: every table's chosen key (first) and alternatives, and the links. */
  public record Result(Map<String, List<PrimaryKey>> primaryKeys, List<ForeignKey> foreignKeys) {
    /** A lakesynth.tables block to copy from (sources left out), with the evidence as comments. */
    public String hocon() {
      StringBuilder sb = new StringBuilder();
      sb.append("# candidate keys and links found in the data: check them before use (never applied)\n");
      sb.append("tables {\n");
      for (Map.Entry<String, List<PrimaryKey>> e : primaryKeys.entrySet()) {
        sb.append("  ").append(e.getKey()).append(" {");
        List<PrimaryKey> pks = e.getValue();
        if (!pks.isEmpty()) {
          sb.append(" primary-key = ").append(pks.get(0).column());
        }
        List<ForeignKey> fks = foreignKeys.stream().filter(f -> f.table().equals(e.getKey())).toList();
        if (!fks.isEmpty()) {
          sb.append(pks.isEmpty() ? "" : ",").append(" foreign-keys = [\n");
          for (ForeignKey f : fks) {
            sb.append(String.format(Locale.ROOT, "      { column = %s, references = %s.%s }  # %.1f %% of %,d rows "
                + "join%s%n", f.column(), f.parentTable(), f.parentColumn(), 100 * f.share(), f.nonNull(),
                f.named() ? "" : " (names differ: values only)"));
          }
          sb.append("    ]");
        }
        sb.append(" }");
        if (!pks.isEmpty()) {
          sb.append("  # key: unique and non-null on ").append(String.format(Locale.ROOT, "%,d", pks.get(0).rows()))
              .append(" rows");
          if (pks.size() > 1) {
            sb.append("; also unique: ").append(String.join(", ", pks.subList(1, pks.size()).stream()
                .map(PrimaryKey::column).toList()));
          }
        } else {
          sb.append("  # no unique non-null column of a key type");
        }
        sb.append('\n');
      }
      sb.append("}\n");
      return sb.toString();
    }
  }

  private KeySuggestions() {}

  /** Candidates among {@code tables} (by name); {@code seed} draws the value samples. */
  public static Result suggest(Map<String, Dataset<Row>> tables, long seed) {
    Map<String, List<PrimaryKey>> pks = new LinkedHashMap<>();
    Map<String, Long> rows = new LinkedHashMap<>();
    Map<String, Map<String, Long>> distinct = new LinkedHashMap<>();
    Map<String, Map<String, Long>> nonNull = new LinkedHashMap<>();
    for (Map.Entry<String, Dataset<Row>> e : tables.entrySet()) {
      scan(e.getKey(), e.getValue(), rows, distinct, nonNull);
      pks.put(e.getKey(), primaryKeys(e.getKey(), e.getValue(), rows.get(e.getKey()), distinct.get(e.getKey()),
          nonNull.get(e.getKey())));
    }
    List<ForeignKey> fks = new ArrayList<>();
    for (Map.Entry<String, List<PrimaryKey>> parent : pks.entrySet()) {
      if (parent.getValue().isEmpty()) {
        continue;
      }
      PrimaryKey pk = parent.getValue().get(0);
      Dataset<Row> p = tables.get(pk.table());
      DataType pkType = p.schema().apply(pk.column()).dataType();
      BloomFilter bloom = null;
      for (Map.Entry<String, Dataset<Row>> child : tables.entrySet()) {
        if (child.getKey().equals(pk.table())) {
          continue;
        }
        for (StructField f : child.getValue().schema().fields()) {
          Long nn = nonNull.get(child.getKey()).get(f.name());
          if (nn == null || nn == 0 || family(f.dataType()) != family(pkType)) {
            continue;
          }
          boolean named = named(f.name(), pk.table(), pk.column());
          long d = distinct.get(child.getKey()).get(f.name());
          if ((family(pkType) == 'i' && !named) || d < 2 || d > pk.rows() * 1.05) {
            continue;
          }
          if (bloom == null) {
            bloom = p.select(key(pk.column())).stat().bloomFilter("k", Math.min(pk.rows(), BLOOM_MAX_ITEMS), 0.01);
          }
          if (!sampleContained(child.getValue(), f.name(), nn, bloom, seed)) {
            continue;
          }
          long joined = child.getValue().select(key(f.name())).where(functions.col("k").isNotNull())
              .join(p.select(key(pk.column())), "k").count();
          ForeignKey fk = new ForeignKey(child.getKey(), f.name(), pk.table(), pk.column(), nn, joined, named);
          LOG.info("keys: {}.{} -> {}.{}: {} of {} rows join", fk.table(), fk.column(), fk.parentTable(),
              fk.parentColumn(), joined, nn);
          if (fk.share() >= MIN_JOIN_SHARE) {
            fks.add(fk);
          }
        }
      }
    }
    return new Result(pks, fks);
  }

  private static Column key(String column) {
    return functions.col(ModelFrames.quote(column)).cast("string").alias("k");
  }

  /** One aggregate per table: rows, and per key-type column its non-null count and distinct estimate. */
  private static void scan(String table, Dataset<Row> df, Map<String, Long> rows, Map<String, Map<String, Long>> dist,
      Map<String, Map<String, Long>> nonNull) {
    List<Column> aggs = new ArrayList<>();
    aggs.add(functions.count(functions.lit(1)));
    List<String> cols = new ArrayList<>();
    for (StructField f : df.schema().fields()) {
      if (family(f.dataType()) != 0) {
        Column c = functions.col(ModelFrames.quote(f.name()));
        aggs.add(functions.count(c));
        aggs.add(functions.approx_count_distinct(c, 0.02));
        cols.add(f.name());
      }
    }
    Row r = df.agg(aggs.get(0), aggs.subList(1, aggs.size()).toArray(new Column[0])).first();
    rows.put(table, r.getLong(0));
    Map<String, Long> d = new LinkedHashMap<>();
    Map<String, Long> n = new LinkedHashMap<>();
    for (int i = 0; i < cols.size(); i++) {
      n.put(cols.get(i), r.getLong(1 + 2 * i));
      d.put(cols.get(i), r.getLong(2 + 2 * i));
    }
    dist.put(table, d);
    nonNull.put(table, n);
  }

  private static List<PrimaryKey> primaryKeys(String table, Dataset<Row> df, long rows, Map<String, Long> distinct,
      Map<String, Long> nonNull) {
    List<PrimaryKey> out = new ArrayList<>();
    if (rows == 0) {
      return out;
    }
    List<String> candidates = new ArrayList<>();
    for (Map.Entry<String, Long> e : distinct.entrySet()) {
      if (nonNull.get(e.getKey()) == rows && e.getValue() >= 0.95 * rows) {
        candidates.add(e.getKey());
      }
    }
    if (candidates.isEmpty()) {
      return out;
    }
    // exact: as many distinct values as rows, all candidates in one aggregate
    Column[] exact = candidates.stream().map(c -> functions.countDistinct(functions.col(ModelFrames.quote(c))))
        .toArray(Column[]::new);
    Row counts = df.agg(exact[0], java.util.Arrays.copyOfRange(exact, 1, exact.length)).first();
    for (int i = 0; i < candidates.size(); i++) {
      if (counts.getLong(i) == rows) {
        out.add(new PrimaryKey(table, candidates.get(i), rows,
            io.lakesynth.profile.RoleInference.keyNamed(candidates.get(i))));
      }
    }
    // named keys first, then schema order
    out.sort((a, b) -> Boolean.compare(b.named(), a.named()));
    return out;
  }

  /**
   * Whether a sample of the column's distinct values is (almost) all in the key's Bloom filter: values picked by a
   * seeded hash (about 200,000 rows' worth, so the distinct step stays small), at most SAMPLE_VALUES of them.
   */
  private static boolean sampleContained(Dataset<Row> df, String column, long nonNull, BloomFilter bloom, long seed) {
    Column hash = functions.xxhash64(functions.lit(seed), functions.col("k"));
    long keep = Math.max(1, Math.min(1_000_000L, 1_000_000L * 200_000L / Math.max(1, nonNull)));
    List<Row> values = df.select(key(column)).where(functions.col("k").isNotNull())
        .where(functions.pmod(hash, functions.lit(1_000_000L)).lt(keep))
        .distinct().orderBy(hash).limit(SAMPLE_VALUES)
        .collectAsList(); // bounded: SAMPLE_VALUES strings
    if (values.size() < 2) {
      return false;
    }
    int hit = 0;
    for (Row v : values) {
      if (bloom.mightContainString(v.getString(0))) {
        hit++;
      }
    }
    return hit >= MIN_JOIN_SHARE * values.size();
  }

  /** 's' strings, 'i' whole numbers, 0 not a key type. */
  static char family(DataType t) {
    if (t.equals(DataTypes.StringType)) {
      return 's';
    }
    if (t.equals(DataTypes.IntegerType) || t.equals(DataTypes.LongType) || t.equals(DataTypes.ShortType)
        || t.equals(DataTypes.ByteType) || (t instanceof DecimalType d && d.scale() == 0)) {
      return 'i';
    }
    return 0;
  }

  /** The column is named after the key ({@code user_id} and users.user_id) or after its table ({@code account}). */
  static boolean named(String column, String table, String key) {
    String c = norm(column);
    String k = norm(key);
    String t = norm(table);
    String single = singular(t);
    return c.equals(k) || c.equals(single + k) || c.equals(t + k) || c.equals(single) || c.equals(t);
  }

  static String singular(String t) {
    if (t.endsWith("ies") && t.length() > 3) {
      return t.substring(0, t.length() - 3) + "y";
    }
    return t.endsWith("s") && t.length() > 1 ? t.substring(0, t.length() - 1) : t;
  }

  private static String norm(String s) {
    return s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
  }

}
