package io.lakesynth.io;

import io.lakesynth.config.TableFormat;
import io.lakesynth.config.WriteMode;
import io.lakesynth.error.ErrorCode;
import io.lakesynth.error.LakesynthException;
import java.io.IOException;
import java.util.List;
import org.apache.spark.sql.DataFrameWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes output tables (Parquet, Delta) with lakesynth's write modes; the only writer of tables.
 * <ul>
 *   <li>error-if-exists: refuses an existing path;</li>
 *   <li>overwrite: replaces the table (Delta: a new version, the old one stays in history);</li>
 *   <li>append: adds rows; Delta appends carry txnAppId/txnVersion from the run id, so a retried
 *       run is skipped rather than duplicated;</li>
 *   <li>slice: replaces exactly the partitions of the slice (Delta replaceWhere with its constraint
 *       check; Parquet dynamic partition overwrite).</li>
 * </ul>
 */
public final class TableWriter {
  private static final Logger LOG = LoggerFactory.getLogger(TableWriter.class);

  /** What to write where. */
  public record Target(String path, TableFormat format, WriteMode mode, List<String> partitionBy, long rowsPerFile,
      String slicePredicate, String runId) {}

  private TableWriter() {}

  /** Refuses to write over, inside or around the source table (see {@link SourceGuard} for several tables). */
  public static void checkNotSource(SparkSession spark, String output, String source) {
    new SourceGuard(spark).table(source, "the source").check("output", output);
  }

  /** Fails early (before any work) when error-if-exists meets an existing table. */
  public static void checkWritable(SparkSession spark, Target t) {
    if (t.mode() == WriteMode.ERROR_IF_EXISTS && Paths.exists(spark, t.path())) {
      throw new LakesynthException(ErrorCode.OUTPUT_EXISTS, t.path());
    }
  }

  public static void write(SparkSession spark, Dataset<Row> data, Target t) {
    checkWritable(spark, t);
    DataFrameWriter<Row> w = data.write();
    if (!t.partitionBy().isEmpty()) {
      w = w.partitionBy(t.partitionBy().toArray(new String[0]));
    }
    if (t.rowsPerFile() > 0) {
      w = w.option("maxRecordsPerFile", t.rowsPerFile());
    }
    try {
      if (t.format() == TableFormat.DELTA) {
        writeDelta(spark, data, w, t);
      } else {
        writeParquet(spark, w, t);
      }
    } catch (LakesynthException e) {
      throw e;
    } catch (Exception e) { // Delta/Scala may throw a checked IOException undeclared
      IOException io = storageCause(e);
      if (io == null) {
        throw e instanceof RuntimeException re ? re : new IllegalStateException(e);
      }
      throw new LakesynthException(ErrorCode.STORAGE, e, t.path(), io.getClass().getSimpleName() + ": "
          + firstLine(io.getMessage()));
    }
    LOG.info("write: {} {} table at {} ({} partition columns)", t.mode().configName(), t.format().sparkName(),
        t.path(), t.partitionBy().size());
  }

  /** The deepest I/O failure in a write's cause chain (a task's S3A or file system error), or null. */
  static IOException storageCause(Throwable t) {
    IOException found = null;
    for (Throwable c = t; c != null && c.getCause() != c; c = c.getCause()) {
      if (c instanceof IOException io) {
        found = io;
      }
    }
    return found;
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  private static void writeParquet(SparkSession spark, DataFrameWriter<Row> w, Target t) throws IOException {
    boolean staged = (t.mode() == WriteMode.OVERWRITE || t.mode() == WriteMode.ERROR_IF_EXISTS)
        && StagedParquetWrite.supported(spark, t.path());
    if (staged) {
      // the previous output stays readable until the new one is complete (README, Guarantees)
      StagedParquetWrite.write(spark, w, t.path());
      return;
    }
    if (t.mode() == WriteMode.OVERWRITE) {
      LOG.warn("write: overwriting Parquet at {} in place: this file system has no atomic rename, so readers can "
          + "see the table missing or half-written until the job ends; use Delta (generate.output.format = delta) "
          + "where that matters", t.path());
    }
    switch (t.mode()) {
      case ERROR_IF_EXISTS -> w.mode(SaveMode.ErrorIfExists).parquet(t.path());
      case OVERWRITE -> w.mode(SaveMode.Overwrite).parquet(t.path());
      case APPEND -> w.mode(SaveMode.Append).parquet(t.path());
      case SLICE -> {
        if (t.partitionBy().isEmpty()) {
          throw new LakesynthException(ErrorCode.CONFIG_INVALID_VALUE, "lakesynth.generate.output.mode", "slice",
              "needs partition columns (generate.partition-by or the source's)");
        }
        w.mode(SaveMode.Overwrite).option("partitionOverwriteMode", "dynamic").parquet(t.path());
      }
      default -> throw new IllegalStateException(t.mode().name());
    }
  }

  private static void writeDelta(SparkSession spark, Dataset<Row> data, DataFrameWriter<Row> w, Target t) {
    DataFrameWriter<Row> d = w.format("delta");
    switch (t.mode()) {
      case ERROR_IF_EXISTS -> d.mode(SaveMode.ErrorIfExists).save(t.path());
      case OVERWRITE -> d.mode(SaveMode.Overwrite).save(t.path());
      case APPEND -> d.mode(SaveMode.Append).option("txnAppId", "lakesynth:" + t.runId()).option("txnVersion", 0L)
          .save(t.path());
      case SLICE -> {
        if (!Paths.exists(spark, t.path() + "/_delta_log")) {
          // create the table with its schema and partitioning before the first slice
          DataFrameWriter<Row> create = data.limit(0).write().format("delta");
          if (!t.partitionBy().isEmpty()) {
            create = create.partitionBy(t.partitionBy().toArray(new String[0]));
          }
          create.mode(SaveMode.ErrorIfExists).save(t.path());
        }
        d.mode(SaveMode.Overwrite).option("replaceWhere", t.slicePredicate()).save(t.path());
      }
      default -> throw new IllegalStateException(t.mode().name());
    }
  }
}
