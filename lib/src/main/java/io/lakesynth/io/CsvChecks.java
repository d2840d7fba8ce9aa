package io.lakesynth.io;

import io.lakesynth.config.Settings.CsvSettings;
import io.lakesynth.error.ErrorCode;
import io.lakesynth.error.LakesynthException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * CSV mistakes that Spark reads without complaint and that would corrupt everything downstream: bytes that are
 * not valid UTF-8 (silently turned into U+FFFD) and a delimiter that does not split the header (one column named
 * "a;b;c").
 */
final class CsvChecks {
  /** Bytes read from the start of each file for the encoding check. */
  static final int SNIFF_BYTES = 1 << 20;
  /** Files checked (the first ones in name order). */
  static final int SNIFF_FILES = 16;
  static final String[] DELIMITERS = {";", "\t", "|", ","};

  private CsvChecks() {}

  /** With UTF-8 (the default), fails on the first malformed byte in the first MiB of up to 16 files. */
  static void checkEncoding(SparkSession spark, String path, CsvSettings csv) {
    Charset cs = Charset.forName(csv.encoding());
    if (!cs.equals(StandardCharsets.UTF_8)) {
      return; // single-byte encodings accept any byte
    }
    try {
      Path root = new Path(path);
      FileSystem fs = root.getFileSystem(spark.sparkContext().hadoopConfiguration());
      for (FileStatus f : files(fs, root)) {
        long bad = firstMalformed(fs, f.getPath(), cs);
        if (bad >= 0) {
          throw new LakesynthException(ErrorCode.SOURCE_ENCODING, path, f.getPath().toString(), cs.name(), bad);
        }
      }
    } catch (IOException e) {
      // unreadable files are reported by Spark's own read with the path
    }
  }

  private static List<FileStatus> files(FileSystem fs, Path root) throws IOException {
    List<FileStatus> out = new ArrayList<>();
    FileStatus st = fs.getFileStatus(root);
    if (st.isFile()) {
      out.add(st);
      return out;
    }
    for (FileStatus f : fs.listStatus(root)) {
      String n = f.getPath().getName();
      if (f.isFile() && !n.startsWith("_") && !n.startsWith(".") && !n.endsWith(".gz") && !n.endsWith(".bz2")
          && !n.endsWith(".zst") && !n.endsWith(".snappy") && !n.endsWith(".lz4") && !n.endsWith(".deflate")) {
        out.add(f);
      }
      if (out.size() >= SNIFF_FILES) {
        break;
      }
    }
    return out;
  }

  /** Offset of the first byte that is not valid in {@code cs}, or -1; a sequence cut at the end is fine. */
  static long firstMalformed(FileSystem fs, Path file, Charset cs) throws IOException {
    byte[] head;
    try (InputStream in = fs.open(file)) {
      head = in.readNBytes(SNIFF_BYTES);
    }
    return firstMalformed(head, cs);
  }

  static long firstMalformed(byte[] bytes, Charset cs) {
    CharsetDecoder dec = cs.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(8192);
    while (true) {
      CoderResult r = dec.decode(in, out, false); // not end of input: a truncated last character is not an error
      if (r.isError()) {
        return in.position();
      }
      if (r.isUnderflow()) {
        return -1;
      }
      out.clear();
    }
  }

  /**
   * Duplicate names in the header line of the first file (Spark would silently rename them a0, a2, ...); names
   * compare ignoring case, as Spark resolves them.
   */
  static void checkHeader(SparkSession spark, String path, CsvSettings csv) {
    if (!csv.header()) {
      return;
    }
    try {
      Path root = new Path(path);
      FileSystem fs = root.getFileSystem(spark.sparkContext().hadoopConfiguration());
      List<FileStatus> files = files(fs, root);
      if (files.isEmpty()) {
        return;
      }
      String first;
      try (java.io.BufferedReader r = new java.io.BufferedReader(new java.io.InputStreamReader(
          fs.open(files.get(0).getPath()), Charset.forName(csv.encoding())))) {
        first = r.readLine();
      }
      if (first == null) {
        return;
      }
      java.util.Map<String, String> seen = new java.util.HashMap<>();
      for (String raw : first.split(java.util.regex.Pattern.quote(csv.delimiter()), -1)) {
        String name = raw.strip();
        if (name.length() >= 2 && name.startsWith("\"") && name.endsWith("\"")) {
          name = name.substring(1, name.length() - 1);
        }
        String previous = seen.putIfAbsent(name.toLowerCase(java.util.Locale.ROOT), name);
        if (previous != null && !name.isEmpty()) {
          throw new LakesynthException(ErrorCode.SOURCE_BAD_COLUMN, path, name, "the header of "
              + files.get(0).getPath() + " names it twice" + (previous.equals(name) ? "" : " (as '" + previous
              + "' and '" + name + "'; names compare ignoring case)") + "; column names must be unique");
        }
      }
    } catch (IOException e) {
      // unreadable files are reported by Spark's own read with the path
    }
  }

  /** A header that the delimiter did not split, but another common delimiter would. */
  static void checkDelimiter(StructType schema, String path, CsvSettings csv) {
    if (!csv.header() || schema.fields().length != 1) {
      return;
    }
    String name = schema.fields()[0].name();
    for (String d : DELIMITERS) {
      if (!d.equals(csv.delimiter()) && name.contains(d)) {
        String shown = d.equals("\t") ? "\\t" : d;
        throw new LakesynthException(ErrorCode.CSV_DELIMITER, path, name, csv.delimiter(), shown, shown);
      }
    }
  }
}
