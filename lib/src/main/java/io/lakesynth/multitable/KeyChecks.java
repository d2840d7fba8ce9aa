package io.lakesynth.multitable;

import io.lakesynth.config.MultiTableSettings;
import io.lakesynth.config.MultiTableSettings.ForeignKey;
import io.lakesynth.config.MultiTableSettings.TableSettings;
import io.lakesynth.error.ErrorCode;
import io.lakesynth.error.LakesynthException;
import io.lakesynth.model.ModelFrames;
import io.lakesynth.profile.RoleInference;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The keys of the real tables, checked before any profile or fit: every key column exists, foreign keys have the
 * type family of the key they reference (configuration errors, exit 2), primary keys are unique and non-null in the
 * real table (bad input, exit 3). Orphans (child rows whose key joins no parent row) are counted and reported, not
 * refused: real lakes have them.
 */
public final class KeyChecks {
  private static final Logger LOG = LoggerFactory.getLogger(KeyChecks.class);

  private KeyChecks() {}

  /** Column checks only (no Spark job). */
  public static void columns(MultiTableSettings mt, Map<String, StructType> schemas) {
    for (TableSettings t : mt.tables()) {
      StructType s = schemas.get(t.name());
      if (!t.primaryKey().isEmpty()) {
        requireColumn(s, t.primaryKey(), t.name(), "lakesynth.tables." + t.name() + ".primary-key");
      }
      for (int i = 0; i < t.foreignKeys().size(); i++) {
        ForeignKey f = t.foreignKeys().get(i);
        String key = "lakesynth.tables." + t.name() + ".foreign-keys[" + i + "].column";
        requireColumn(s, f.column(), t.name(), key);
        String childType = s.apply(f.column()).dataType().sql();
        String parentType = schemas.get(f.table()).apply(f.parentColumn()).dataType().sql();
        if (RoleInference.kindOf(childType) != RoleInference.kindOf(parentType)) {
          throw new LakesynthException(ErrorCode.CONFIG_INVALID_VALUE, key, f.column(), "its type " + childType
              + " in table " + t.name() + " does not match " + f.table() + "." + f.parentColumn() + " (" + parentType
              + ")");
        }
      }
    }
  }

  private static void requireColumn(StructType s, String column, String table, String key) {
    if (!Arrays.asList(s.fieldNames()).contains(column)) {
      throw new LakesynthException(ErrorCode.CONFIG_INVALID_VALUE, key, column, "table " + table
          + " has no such column (columns: " + String.join(", ", s.fieldNames()) + ")");
    }
  }

  /** Primary keys unique and non-null (one aggregation per parent table). */
  public static void primaryKeys(MultiTableSettings mt, Map<String, Dataset<Row>> tables) {
    for (TableSettings t : mt.tables()) {
      if (t.primaryKey().isEmpty() || mt.childrenOf(t.name()).isEmpty()) {
        continue;
      }
      String pk = ModelFrames.quote(t.primaryKey());
      Row r = tables.get(t.name()).agg(functions.count(functions.lit(1)), functions.count(functions.col(pk)),
          functions.countDistinct(functions.col(pk))).first();
      long rows = r.getLong(0);
      long nulls = rows - r.getLong(1);
      long duplicates = r.getLong(1) - r.getLong(2);
      if (nulls > 0 || duplicates > 0) {
        throw new LakesynthException(ErrorCode.SOURCE_BAD_COLUMN, t.settings().source().path(), t.primaryKey(),
            "it is the primary key of table " + t.name() + " but has " + duplicates + " duplicate and " + nulls
                + " null value(s) in " + rows + " rows; a key must be unique and non-null");
      }
    }
  }

  /** Child rows whose foreign key joins no parent row (null keys included), per table and foreign key column. */
  public static Map<String, Long> orphans(MultiTableSettings mt, Map<String, Dataset<Row>> tables) {
    Map<String, Long> out = new LinkedHashMap<>();
    for (TableSettings t : mt.tables()) {
      for (ForeignKey f : t.foreignKeys()) {
        long n = orphanRows(tables.get(t.name()), f.column(), tables.get(f.table()), f.parentColumn());
        out.put(t.name() + "." + f.column(), n);
        if (n > 0) {
          LOG.warn("multitable: {} rows of {} have a {} that joins no {} row", n, t.name(), f.column(),
              f.table() + "." + f.parentColumn());
        }
      }
    }
    return out;
  }

  /** Rows of {@code child} whose {@code fk} is null or joins no {@code pk} of {@code parent}. */
  public static long orphanRows(Dataset<Row> child, String fk, Dataset<Row> parent, String pk) {
    Dataset<Row> keys = parent.select(functions.col(ModelFrames.quote(pk)).as(Links.KEY));
    return child.join(keys, child.col(ModelFrames.quote(fk)).equalTo(keys.col(Links.KEY)), "left_anti").count();
  }

  static List<String> names(MultiTableSettings mt) {
    return mt.tables().stream().map(TableSettings::name).toList();
  }
}
