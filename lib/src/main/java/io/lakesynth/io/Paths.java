package io.lakesynth.io;

import io.lakesynth.error.ErrorCode;
import io.lakesynth.error.LakesynthException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;

/** Small files (profile.json, model metadata, reports) on any Hadoop file system: file:, s3a:, plain paths. */
public final class Paths {
  private Paths() {}

  public static boolean exists(SparkSession spark, String path) {
    try {
      Path p = new Path(path);
      return p.getFileSystem(conf(spark)).exists(p);
    } catch (IOException | IllegalArgumentException e) {
      throw new LakesynthException(ErrorCode.SOURCE_UNREADABLE, e, path, TableReader.rootMessage(e));
    }
  }

  public static String readString(SparkSession spark, String path) {
    try {
      Path p = new Path(path);
      FileSystem fs = p.getFileSystem(conf(spark));
      try (InputStream in = fs.open(p)) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        in.transferTo(out);
        return out.toString(StandardCharsets.UTF_8);
      }
    } catch (java.io.FileNotFoundException e) {
      throw new LakesynthException(ErrorCode.SOURCE_MISSING, e, path);
    } catch (IOException e) {
      throw new LakesynthException(ErrorCode.SOURCE_UNREADABLE, e, path, TableReader.rootMessage(e));
    }
  }

  /** Reads a small binary file. */
  public static byte[] readBytes(SparkSession spark, String path) {
    try {
      Path p = new Path(path);
      FileSystem fs = p.getFileSystem(conf(spark));
      try (InputStream in = fs.open(p)) {
        return in.readAllBytes();
      }
    } catch (java.io.FileNotFoundException e) {
      throw new LakesynthException(ErrorCode.SOURCE_MISSING, e, path);
    } catch (IOException e) {
      throw new LakesynthException(ErrorCode.SOURCE_UNREADABLE, e, path, TableReader.rootMessage(e));
    }
  }

  /** Writes a file atomically where the file system allows (temp file + rename; S3 PUT is atomic anyway). */
  public static void writeString(SparkSession spark, String path, String content) {
    writeBytes(spark, path, content.getBytes(StandardCharsets.UTF_8));
  }

  public static void writeBytes(SparkSession spark, String path, byte[] content) {
    try {
      Path p = new Path(path);
      FileSystem fs = p.getFileSystem(conf(spark));
      if (p.getParent() != null) {
        fs.mkdirs(p.getParent());
      }
      boolean objectStore = "s3a".equals(fs.getScheme());
      if (fs instanceof org.apache.hadoop.fs.LocalFileSystem local) {
        fs = local.getRaw(); // no .crc sidecar files next to profile.json and reports
      }
      Path tmp = objectStore ? p : new Path(p.getParent(), "." + p.getName() + ".tmp");
      try (OutputStream out = fs.create(tmp, true)) {
        out.write(content);
      }
      if (!objectStore) {
        fs.delete(p, false);
        if (!fs.rename(tmp, p)) {
          throw new IOException("rename " + tmp + " -> " + p + " failed");
        }
      }
    } catch (IOException e) {
      throw new LakesynthException(ErrorCode.STORAGE, e, path, e.getClass().getSimpleName() + ": "
          + TableReader.rootMessage(e));
    }
  }

  /** Deletes a path recursively; true if something was deleted. */
  public static boolean delete(SparkSession spark, String path) {
    try {
      Path p = new Path(path);
      return p.getFileSystem(conf(spark)).delete(p, true);
    } catch (IOException e) {
      throw new LakesynthException(ErrorCode.STORAGE, e, path, "cannot delete: " + e.getClass().getSimpleName()
          + ": " + TableReader.rootMessage(e));
    }
  }

  /** Names of the files directly in a directory, sorted; empty when it does not exist. */
  public static java.util.List<String> fileNames(SparkSession spark, String dir) {
    try {
      Path p = new Path(dir);
      FileSystem fs = p.getFileSystem(conf(spark));
      if (!fs.exists(p)) {
        return java.util.List.of();
      }
      java.util.List<String> out = new java.util.ArrayList<>();
      for (org.apache.hadoop.fs.FileStatus st : fs.listStatus(p)) {
        if (st.isFile()) {
          out.add(st.getPath().getName());
        }
      }
      java.util.Collections.sort(out);
      return out;
    } catch (IOException e) {
      throw new LakesynthException(ErrorCode.STORAGE, e, dir, "cannot list: " + e.getClass().getSimpleName()
          + ": " + TableReader.rootMessage(e));
    }
  }

  /** Fully qualified form of a path (scheme and authority), for comparing locations. */
  public static String qualify(SparkSession spark, String path) {
    try {
      Path p = new Path(path);
      return p.getFileSystem(conf(spark)).makeQualified(p).toString();
    } catch (IOException | IllegalArgumentException e) {
      return path;
    }
  }

  private static Configuration conf(SparkSession spark) {
    return spark.sparkContext().hadoopConfiguration();
  }
}
