package io.lakesynth.profile;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The profile of one table: what {@code lakesynth profile} writes as profile.json and what fit
 * and generate read. Everything the models need (bin edges, category dictionaries, quantiles)
 * is here so fitting does not have to compute statistics again.
 *
 * @param formatVersion profile JSON format version ({@link #FORMAT_VERSION})
 * @param table source.name
 * @param sourcePath where the table was read
 * @param sourceFormat parquet, delta or csv
 * @param runDate run-date of the profiling run ("" when unset)
 * @param rowCount rows after source.filter
 * @param schemaJson Spark schema of the source ({@code StructType.json()})
 * @param partitionColumns the source's partition columns (directory/Delta partitioning), may be empty
 * @param columns one entry per source column, in schema order
 * @param partitions row counts per partition value combination (empty when unpartitioned)
 * @param partitionsTruncated true when there were more partitions than profile.max-partitions
 * @param dependence pairwise mutual information between modelled columns, on a seeded sample
 * @param params the settings that shaped the statistics
 * @param sparkJobs Spark jobs the profile launched (the scan budget)
 */
public record TableProfile(
    int formatVersion,
    String lakesynthVersion,
    String table,
    String sourcePath,
    String sourceFormat,
    String runDate,
    long rowCount,
    String schemaJson,
    List<String> partitionColumns,
    List<ColumnProfile> columns,
    List<PartitionCount> partitions,
    boolean partitionsTruncated,
    DependenceMatrix dependence,
    Params params,
    int sparkJobs) {

  public static final int FORMAT_VERSION = 2;

  public Optional<ColumnProfile> column(String name) {
    return columns.stream().filter(c -> c.name().equals(name)).findFirst();
  }

  /** Rows of one partition value combination. */
  public record PartitionCount(Map<String, String> values, long rows) {}

  /**
   * Mutual information (nats) between modelled columns' discretised codes, and the exact dependencies (a column that
   * is a function of another on every sampled row) found on the same sample.
   */
  public record DependenceMatrix(List<String> columns, double[][] mutualInformation, long sampleRows,
      List<Derivation> derivations) {
    public DependenceMatrix {
      derivations = derivations == null ? List.of() : List.copyOf(derivations);
    }

    public DependenceMatrix(List<String> columns, double[][] mutualInformation, long sampleRows) {
      this(columns, mutualInformation, sampleRows, List.of());
    }

    /** Mutual information between two modelled columns; NaN when either was not modelled. */
    public double get(String a, String b) {
      int i = columns.indexOf(a);
      int j = columns.indexOf(b);
      return i < 0 || j < 0 ? Double.NaN : mutualInformation[i][j];
    }
  }

  /**
   * An exact dependency: {@code column} = kind({@code source}) on every sampled row where the source is set (and null
   * where it is null). Kinds: {@code date_of} (DATE = to_date(TIMESTAMP) in the session time zone), {@code year_of},
   * {@code month_of} (an integer column = year/month of a date or timestamp): no network node, computed at generation.
   * {@code function_of}: a categorical column that is a function of another categorical column (a code and its
   * label, a value constant per partition or group) on every sampled row of the source's kept values; it stays a
   * node whose only parent is its source, with an unsmoothed table, so the mapping holds on synthetic rows too.
   */
  public record Derivation(String column, String kind, String source) {
    public static final String FUNCTION_OF = "function_of";

    /** Whether generate computes the column from its source (a date/year/month function; no network node). */
    public boolean computed() {
      return !FUNCTION_OF.equals(kind);
    }
  }

  /** Settings the profile was computed with. */
  public record Params(int topK, int quantiles, double quantileRelativeError, int bins, long seed, int rareThreshold) {}
}
