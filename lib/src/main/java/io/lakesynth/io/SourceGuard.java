package io.lakesynth.io;

import io.lakesynth.error.ErrorCode;
import io.lakesynth.error.LakesynthException;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;

/**
 * Refuses any write whose path overlaps a real table known to the run: the configured source, the
 * {@code sourcePath} recorded in profile.json and the one recorded in the model's metadata.json. Paths are
 * compared in normal form: qualified by their Hadoop file system (relative paths against the working
 * directory, {@code file:} and plain paths alike), {@code .}/{@code ..} and trailing slashes removed, local
 * symbolic links resolved, {@code s3}/{@code s3n} read as {@code s3a}. Overlap is equality or one path inside
 * the other.
 */
public final class SourceGuard {
  /** A real table known to the run and where that knowledge comes from (for the message). */
  public record KnownTable(String path, String origin) {}

  private final SparkSession spark;
  private final List<KnownTable> tables = new ArrayList<>();

  public SourceGuard(SparkSession spark) {
    this.spark = spark;
  }

  /** Adds a real table; blank or null paths are ignored. */
  public SourceGuard table(String path, String origin) {
    if (path != null && !path.isBlank()) {
      tables.add(new KnownTable(path, origin));
    }
    return this;
  }

  public List<KnownTable> tables() {
    return List.copyOf(tables);
  }

  /**
   * Throws {@link ErrorCode#OUTPUT_IS_SOURCE} (exit 2) when {@code output} equals, is inside or contains one of
   * the known tables.
   *
   * @param what the output's role and key for the message, e.g. "generate output (lakesynth.generate.output.path)"
   */
  public void check(String what, String output) {
    if (output == null || output.isBlank()) {
      return;
    }
    String out = normalize(spark, output);
    for (KnownTable t : tables) {
      String src = normalize(spark, t.path());
      if (overlaps(out, src)) {
        throw new LakesynthException(ErrorCode.OUTPUT_IS_SOURCE, what, output, t.path(), t.origin());
      }
    }
  }

  static boolean overlaps(String a, String b) {
    return a.equals(b) || a.startsWith(b.endsWith("/") ? b : b + "/") || b.startsWith(a.endsWith("/") ? a : a + "/");
  }

  /** The normal form used for comparing locations (see the class comment). */
  public static String normalize(SparkSession spark, String path) {
    String trimmed = path.trim();
    Path p = new Path(trimmed);
    if (p.toUri().getScheme() == null || p.toUri().getAuthority() == null || "file".equals(p.toUri().getScheme())) {
      // plain, relative and file: paths take the default file system and working directory; a full URI of an
      // object store is already absolute (and its client is not started just to compare names)
      try {
        p = p.getFileSystem(spark.sparkContext().hadoopConfiguration()).makeQualified(p);
      } catch (IOException | RuntimeException e) {
        p = new Path(trimmed); // a file system that cannot be created here: compare by URI alone
      }
    }
    URI uri = p.toUri();
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (scheme.equals("s3") || scheme.equals("s3n")) {
      scheme = "s3a";
    }
    String pathPart = uri.getPath() == null ? "" : uri.getPath();
    if (scheme.equals("file") || scheme.isEmpty()) {
      pathPart = realLocalPath(pathPart);
    }
    String authority = uri.getAuthority() == null ? "" : uri.getAuthority().toLowerCase(Locale.ROOT);
    String norm = pathPart.replaceAll("/+", "/");
    if (norm.length() > 1 && norm.endsWith("/")) {
      norm = norm.substring(0, norm.length() - 1);
    }
    return scheme + "://" + authority + norm;
  }

  /** The longest existing prefix with symbolic links resolved, plus the part that does not exist yet. */
  private static String realLocalPath(String path) {
    java.nio.file.Path p = java.nio.file.Paths.get(path).toAbsolutePath().normalize();
    java.nio.file.Path rest = null;
    java.nio.file.Path cur = p;
    while (cur != null && !Files.exists(cur)) {
      rest = rest == null ? cur.getFileName() : cur.getFileName().resolve(rest);
      cur = cur.getParent();
    }
    if (cur == null) {
      return p.toString();
    }
    try {
      java.nio.file.Path real = cur.toRealPath();
      return (rest == null ? real : real.resolve(rest)).toString();
    } catch (IOException e) {
      return p.toString();
    }
  }
}
