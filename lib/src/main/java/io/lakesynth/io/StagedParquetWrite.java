package io.lakesynth.io;

import java.io.IOException;
import java.util.Locale;
import java.util.Set;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.DataFrameWriter;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Parquet {@code overwrite} and {@code error-if-exists} that keep the previous output readable until the new one
 * is complete, on file systems whose directory rename is atomic (local, HDFS): Spark writes the new table into a
 * hidden sibling {@code .<name>.lakesynth-staging}; once its job has committed, the old table is renamed to
 * {@code .<name>.lakesynth-previous}, the staging folder to the output's name, and the previous one is deleted.
 *
 * <p>A process killed while Spark writes leaves the old output untouched (and a staging folder the next write
 * deletes). Between the two renames (two metadata operations, microseconds) the output's name is briefly absent;
 * a process killed exactly there leaves the complete old table as {@code .<name>.lakesynth-previous}, which the
 * next write of the same output (or {@link #recover}) renames back before doing anything else.
 *
 * <p>Object stores (s3a, gs, ...) have no atomic rename (a rename is a copy of every object), so there the write
 * goes straight to the output with Spark's own overwrite, which deletes the old files first: use Delta for an
 * output that readers must never see half-written.
 */
final class StagedParquetWrite {
  private static final Logger LOG = LoggerFactory.getLogger(StagedParquetWrite.class);
  /** Schemes whose directory rename is atomic. */
  static final Set<String> ATOMIC_RENAME = Set.of("file", "hdfs", "viewfs");
  static final String STAGING = ".lakesynth-staging";
  static final String PREVIOUS = ".lakesynth-previous";

  private StagedParquetWrite() {}

  /** True when the output's file system renames directories atomically, so the staged write is used. */
  static boolean supported(SparkSession spark, String path) {
    try {
      Path p = new Path(path);
      String scheme = p.toUri().getScheme();
      if (scheme != null && !ATOMIC_RENAME.contains(scheme.toLowerCase(Locale.ROOT))) {
        return false;
      }
      FileSystem fs = p.getFileSystem(spark.sparkContext().hadoopConfiguration());
      return ATOMIC_RENAME.contains(fs.getScheme().toLowerCase(Locale.ROOT));
    } catch (IOException e) {
      return false;
    }
  }

  static Path staging(Path out) {
    return new Path(out.getParent(), "." + out.getName() + STAGING);
  }

  static Path previous(Path out) {
    return new Path(out.getParent(), "." + out.getName() + PREVIOUS);
  }

  /**
   * Puts back an output left as {@code .<name>.lakesynth-previous} by a process killed between the two renames,
   * and deletes a staging folder left by a killed write.
   */
  static void recover(SparkSession spark, String path) throws IOException {
    Path out = new Path(path);
    FileSystem fs = out.getFileSystem(spark.sparkContext().hadoopConfiguration());
    out = fs.makeQualified(out);
    Path prev = previous(out);
    if (fs.exists(prev)) {
      if (!fs.exists(out)) {
        LOG.warn("write: restoring {} from {} (a previous write was killed while swapping)", out, prev);
        rename(fs, prev, out);
      } else {
        fs.delete(prev, true);
      }
    }
    fs.delete(staging(out), true);
  }

  /** Writes with {@code writer} (format, partitioning and options set) and swaps the result in. */
  static void write(SparkSession spark, DataFrameWriter<Row> writer, String path) throws IOException {
    recover(spark, path);
    Path out = new Path(path);
    FileSystem fs = out.getFileSystem(spark.sparkContext().hadoopConfiguration());
    out = fs.makeQualified(out);
    Path staging = staging(out);
    writer.mode(SaveMode.ErrorIfExists).parquet(staging.toString());
    Path prev = previous(out);
    boolean hadOutput = fs.exists(out);
    if (hadOutput) {
      rename(fs, out, prev);
    }
    try {
      rename(fs, staging, out);
    } catch (IOException e) {
      if (hadOutput && !fs.exists(out)) {
        rename(fs, prev, out); // the old table back under its name
      }
      throw e;
    }
    if (hadOutput) {
      fs.delete(prev, true);
    }
    LOG.info("write: swapped the new table in at {} (staged in {})", out, staging.getName());
  }

  private static void rename(FileSystem fs, Path from, Path to) throws IOException {
    if (!fs.rename(from, to)) {
      throw new IOException("rename " + from + " -> " + to + " failed");
    }
  }
}
