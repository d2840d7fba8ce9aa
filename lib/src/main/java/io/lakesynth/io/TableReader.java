package io.lakesynth.io;

import io.lakesynth.config.Settings.CsvSettings;
import io.lakesynth.config.Settings.SourceSettings;
import io.lakesynth.config.TableFormat;
import io.lakesynth.error.ErrorCode;
import io.lakesynth.error.LakesynthException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/** Reads tables (Parquet, Delta, CSV) by path on any Hadoop file system; the only reader of sources. */
public final class TableReader {
  private TableReader() {}

  /** The source table of the settings, with source.filter applied. */
  public static Dataset<Row> read(SparkSession spark, SourceSettings source) {
    return filtered(read(spark, source.path(), source.format(), source.csv(), source.name()), source.filter(),
        "lakesynth.source.filter");
  }

  /** The table with a SQL predicate applied (none when blank); a bad predicate is a config error naming its key. */
  public static Dataset<Row> filtered(Dataset<Row> df, String predicate, String key) {
    if (predicate == null || predicate.isBlank()) {
      return df;
    }
    try {
      Dataset<Row> out = df.filter(functions.expr(predicate));
      out.schema(); // analyse now so a bad predicate fails here
      return out;
    } catch (Exception e) { // AnalysisException is a checked exception thrown from Scala
      throw new LakesynthException(ErrorCode.CONFIG_INVALID_VALUE, e, key, "'" + predicate + "'", rootMessage(e));
    }
  }

  /** Reads one table; errors name the table path. */
  public static Dataset<Row> read(SparkSession spark, String path, TableFormat format, CsvSettings csv, String name) {
    if (path == null || path.isBlank()) {
      throw new LakesynthException(ErrorCode.CONFIG_INVALID_VALUE, "lakesynth.source.path", "\"\"",
          "set the path of table '" + name + "'");
    }
    if (!Paths.exists(spark, path)) {
      throw new LakesynthException(ErrorCode.SOURCE_MISSING, path);
    }
    try {
      Dataset<Row> df = switch (format) {
        case PARQUET -> spark.read().parquet(path);
        case DELTA -> spark.read().format("delta").load(path);
        case CSV -> {
          CsvChecks.checkEncoding(spark, path, csv);
          CsvChecks.checkHeader(spark, path, csv);
          Dataset<Row> c = csvReader(spark, csv).csv(path);
          CsvChecks.checkDelimiter(c.schema(), path, csv);
          yield c;
        }
      };
      df.schema();
      return df;
    } catch (LakesynthException e) {
      throw e;
    } catch (Exception e) { // Spark's AnalysisException is checked and thrown undeclared from Scala
      throw new LakesynthException(ErrorCode.SOURCE_UNREADABLE, e, path, explain(e, format));
    }
  }

  private static DataFrameReader csvReader(SparkSession spark, CsvSettings csv) {
    DataFrameReader r = spark.read()
        .option("header", csv.header())
        .option("sep", csv.delimiter())
        .option("inferSchema", csv.inferSchema())
        .option("ignoreLeadingWhiteSpace", csv.trim())
        .option("ignoreTrailingWhiteSpace", csv.trim())
        .option("mode", csv.strict() ? "FAILFAST" : "PERMISSIVE")
        .option("enforceSchema", false)
        .option("encoding", csv.encoding());
    if (!csv.nullValue().isEmpty()) {
      r = r.option("nullValue", csv.nullValue());
    }
    return r;
  }

  /**
   * Partition columns of a directory-partitioned Parquet table (col=value folders under the
   * root) or of a Delta table; empty for CSV and unpartitioned tables.
   */
  public static List<String> partitionColumns(SparkSession spark, String path, TableFormat format) {
    List<String> cols = new ArrayList<>();
    try {
      if (format == TableFormat.DELTA) {
        Row detail = spark.sql("DESCRIBE DETAIL delta.`" + path.replace("`", "``") + "`").first();
        List<String> p = detail.getList(detail.fieldIndex("partitionColumns"));
        cols.addAll(p);
        return cols;
      }
      if (format == TableFormat.PARQUET) {
        Path p = new Path(path);
        FileSystem fs = p.getFileSystem(spark.sparkContext().hadoopConfiguration());
        Path cur = p;
        while (true) {
          FileStatus[] children = fs.listStatus(cur, f -> !f.getName().startsWith("_") && !f.getName().startsWith("."));
          FileStatus dir = null;
          for (FileStatus s : children) {
            if (s.isDirectory() && s.getPath().getName().contains("=")) {
              dir = s;
              break;
            }
          }
          if (dir == null) {
            break;
          }
          cols.add(dir.getPath().getName().substring(0, dir.getPath().getName().indexOf('=')));
          cur = dir.getPath();
        }
      }
      return cols;
    } catch (java.io.IOException | RuntimeException e) {
      throw new LakesynthException(ErrorCode.SOURCE_UNREADABLE, e, path, "cannot list partitions: " + rootMessage(e));
    }
  }

  /** True when a failure comes from reading files (I/O, corrupt data, a failed Spark task), not from our code. */
  public static boolean isReadFailure(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof java.io.IOException || t instanceof org.apache.spark.SparkException
          || t.getClass().getName().startsWith("org.apache.parquet.")) {
        return true;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }

  /** The read failure in the user's terms: the likely cause first when Spark's error class says it. */
  static String explain(Throwable e, TableFormat format) {
    String m = rootMessage(e);
    if (m.contains("DELTA_TABLE_NOT_FOUND") || m.contains("DELTA_MISSING_DELTA_TABLE")
        || m.contains("is not a Delta table")) {
      return "it is not a Delta table (no _delta_log); if it is a folder of Parquet files use --source-format "
          + "parquet (" + m + ")";
    }
    if (m.contains("UNABLE_TO_INFER_SCHEMA")) {
      return "it holds no " + format.sparkName() + " data files (only folders or files Spark skips, such as "
          + "_temporary left by an unfinished write, or hidden files) (" + m + ")";
    }
    return m;
  }

  public static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    String first = e.getMessage() == null ? "" : e.getMessage().split("\n")[0];
    return t == e ? first : first + " (cause: " + m.split("\n")[0] + ")";
  }
}
