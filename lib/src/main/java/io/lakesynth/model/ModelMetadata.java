package io.lakesynth.model;

import io.lakesynth.profile.TableProfile.PartitionCount;
import java.util.List;

/**
 * metadata.json of a model directory. {@link #FORMAT_VERSION} is checked on load; data files
 * (cpts.bin) are checked against {@code cptSha256}.
 *
 * @param formatVersion model directory format version
 * @param lakesynthVersion version that wrote it
 * @param modelType hybrid, bayesnet or gmm
 * @param table source table name
 * @param sourceSchemaJson Spark schema of the source (StructType JSON)
 * @param rowCount rows the model was fitted on
 * @param columns every source column, in schema order, with its role and decoding data
 * @param nodeNames network nodes
 * @param cardinalities states per node
 * @param order sampling order of nodes
 * @param parents parents of each node
 * @param componentNode node of the mixture component (hybrid), -1 otherwise
 * @param params fit parameters (seed, max parents, smoothing, sample rows, bins)
 * @param dp differential-privacy accounting (epsilon = 0 when off)
 * @param profileChecksum SHA-256 of the profile JSON the model was fitted from
 * @param partitionColumns the source's partition columns
 * @param partitions per-partition row counts from the profile (for slices)
 * @param cptValues number of doubles in cpts.bin
 * @param cptSha256 SHA-256 of cpts.bin
 * @param stringsSha256 SHA-256 of strings.json (the string models), "" when the model has none
 * @param sourcePath where the fitted table was read (from the profile), so that generate never writes over it;
 *     null in metadata written before it was recorded
 * @param refineSha256 SHA-256 of refine.bin (the within-bin refinement), "" or null (older models) when there is none
 */
public record ModelMetadata(
    int formatVersion,
    String lakesynthVersion,
    String modelType,
    String table,
    String sourceSchemaJson,
    long rowCount,
    List<ModelColumn> columns,
    List<String> nodeNames,
    int[] cardinalities,
    int[] order,
    int[][] parents,
    int componentNode,
    FitParams params,
    DpAccount dp,
    String profileChecksum,
    List<String> partitionColumns,
    List<PartitionCount> partitions,
    int cptValues,
    String cptSha256,
    String stringsSha256,
    String sourcePath,
    String refineSha256) {

  public static final int FORMAT_VERSION = 2;

  /** Parameters of the fit. */
  public record FitParams(long seed, int maxParents, double smoothing, int sampleRows, int bins,
      List<String> roots, long fitMillis) {}

  /** Privacy budget spent: epsilon = structureEpsilon + countsEpsilon; zero when DP is off. */
  public record DpAccount(boolean enabled, double epsilon, double structureEpsilon, double countsEpsilon,
      double laplaceScale) {}
}
