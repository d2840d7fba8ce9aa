package io.lakesynth.model;

import io.lakesynth.profile.Role;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/** Spark projections shared by fit and evaluation: the numeric space of the profile. */
public final class ModelFrames {
  private ModelFrames() {}

  /**
   * One column per node column in node order: categorical values cast to string, continuous
   * values in numeric space (dates as epoch days, timestamps as epoch micros, others as double).
   */
  public static Dataset<Row> prepare(Dataset<Row> source, ModelLayout layout) {
    List<Column> cols = new ArrayList<>();
    for (ModelColumn c : layout.nodeColumns()) {
      cols.add(prepared(c.name(), c.sparkType(), c.role()).alias("c" + c.node()));
    }
    return source.select(cols.toArray(new Column[0]));
  }

  /** Every column of {@code df}, by quoted name (for struct/to_json row keys and hashes). */
  public static Column[] allColumns(Dataset<Row> df) {
    String[] names = df.columns();
    Column[] out = new Column[names.length];
    for (int i = 0; i < names.length; i++) {
      out[i] = functions.col(quote(names[i]));
    }
    return out;
  }

  /** A JSON string of all the row's values: a null-safe, type-normalised key for joins and seeded hashes. */
  public static Column rowJson(Dataset<Row> df) {
    return functions.to_json(functions.struct(allColumns(df)));
  }

  /** The numeric-space (or string) expression of one column. */
  public static Column prepared(String name, String sparkType, Role role) {
    Column col = functions.col(quote(name));
    if (role == Role.CATEGORICAL) {
      return col.cast("string");
    }
    return numericSpace(col, sparkType);
  }

  /** Numbers as double, booleans 0/1, dates as epoch days, timestamps as epoch micros. */
  public static Column numericSpace(Column col, String sparkType) {
    String t = sparkType.toUpperCase(java.util.Locale.ROOT);
    if (t.equals("DATE")) {
      return functions.unix_date(col).cast("double");
    }
    if (t.startsWith("TIMESTAMP")) {
      return functions.unix_micros(col.cast("timestamp")).cast("double");
    }
    if (t.equals("BOOLEAN")) {
      return col.cast("int").cast("double");
    }
    return col.cast("double");
  }

  /** Backquotes a column name for col(): dots and spaces in names stay literal. */
  public static String quote(String name) {
    return "`" + name.replace("`", "``") + "`";
  }
}
