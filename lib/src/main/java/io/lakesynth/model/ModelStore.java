package io.lakesynth.model;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.lakesynth.error.ErrorCode;
import io.lakesynth.error.LakesynthException;
import io.lakesynth.io.Paths;
import io.lakesynth.model.bn.BayesNet;
import io.lakesynth.model.bn.NetworkStructure;
import io.lakesynth.model.gmm.MixtureParams;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.apache.spark.sql.SparkSession;

/**
 * Model directory persistence: {@code metadata.json} (format version, provenance, columns,
 * structure), {@code mixture.json} (hybrid/gmm), {@code cpts.bin} (all conditional
 * probabilities as big-endian doubles, SHA-256 in the metadata), {@code strings.json} and {@code refine.bin} (the
 * within-bin refinement, SHA-256 in the metadata). Loading checks the format
 * version, the checksum and the network's invariants.
 */
public final class ModelStore {
  public static final String METADATA = "metadata.json";
  public static final String CPTS = "cpts.bin";
  public static final String MIXTURE = "mixture.json";
  public static final String STRINGS = "strings.json";
  public static final String REFINE = "refine.bin";
  /** SHA-256 (hex) of the exact bytes of metadata.json, written just before it. */
  public static final String METADATA_SHA = "metadata.sha256";

  private static final ObjectMapper MAPPER = new ObjectMapper()
      .enable(SerializationFeature.INDENT_OUTPUT)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private ModelStore() {}

  /** Writes the model; metadata.json is written last so a crash never leaves a loadable partial model. */
  public static SynthModel save(SparkSession spark, SynthModel model, String dir) {
    byte[] cpts = encode(model.network().cpt());
    ModelMetadata m = model.metadata();
    byte[] refine = model.refinement().isEmpty() ? null : model.refinement().encode();
    ModelMetadata meta = new ModelMetadata(m.formatVersion(), m.lakesynthVersion(), m.modelType(), m.table(),
        m.sourceSchemaJson(), m.rowCount(), m.columns(), m.nodeNames(), m.cardinalities(), m.order(), m.parents(),
        m.componentNode(), m.params(), m.dp(), m.profileChecksum(), m.partitionColumns(), m.partitions(),
        cpts.length / Double.BYTES, Checksums.sha256(cpts), model.strings().isEmpty() ? ""
            : Checksums.sha256(StringModels.write(model.strings()).getBytes(java.nio.charset.StandardCharsets.UTF_8)),
        m.sourcePath(), refine == null ? "" : Checksums.sha256(refine));
    Paths.delete(spark, dir + "/" + METADATA);
    if (refine != null) {
      Paths.writeBytes(spark, dir + "/" + REFINE, refine);
    }
    Paths.writeBytes(spark, dir + "/" + CPTS, cpts);
    if (!model.strings().isEmpty()) {
      Paths.writeString(spark, dir + "/" + STRINGS, StringModels.write(model.strings()));
    }
    if (model.mixture() != null) {
      Paths.writeString(spark, dir + "/" + MIXTURE, json(model.mixture()));
    }
    byte[] metaBytes = json(meta).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    Paths.writeString(spark, dir + "/" + METADATA_SHA, Checksums.sha256(metaBytes) + "\n");
    Paths.writeBytes(spark, dir + "/" + METADATA, metaBytes);
    return new SynthModel(meta, model.network(), model.mixture(), model.strings(), model.refinement());
  }

  public static SynthModel load(SparkSession spark, String dir) {
    String metaPath = dir + "/" + METADATA;
    if (!Paths.exists(spark, metaPath)) {
      throw new LakesynthException(ErrorCode.MODEL_MISSING, dir);
    }
    String metaJson = Paths.readString(spark, metaPath);
    ModelMetadata meta = parse(metaJson, ModelMetadata.class, dir);
    if (meta.formatVersion() != ModelMetadata.FORMAT_VERSION) {
      throw new LakesynthException(ErrorCode.MODEL_FORMAT, dir, meta.formatVersion(), ModelMetadata.FORMAT_VERSION);
    }
    checkMetadataChecksum(spark, dir, metaJson);
    if (!Paths.exists(spark, dir + "/" + CPTS)) {
      throw new LakesynthException(ErrorCode.MODEL_INVALID, dir, CPTS + " is missing");
    }
    byte[] cpts = Paths.readBytes(spark, dir + "/" + CPTS);
    if (!Checksums.sha256(cpts).equals(meta.cptSha256()) || cpts.length != meta.cptValues() * Double.BYTES) {
      throw new LakesynthException(ErrorCode.MODEL_INVALID, dir,
          CPTS + " does not match its checksum in " + METADATA + " (truncated or modified)");
    }
    MixtureParams mixture = null;
    if (!"bayesnet".equals(meta.modelType()) && Paths.exists(spark, dir + "/" + MIXTURE)) {
      mixture = parse(Paths.readString(spark, dir + "/" + MIXTURE), MixtureParams.class, dir);
    }
    BayesNet net;
    try {
      net = new BayesNet(meta.nodeNames().toArray(new String[0]), meta.cardinalities(),
          new NetworkStructure(meta.order(), meta.parents()), decode(cpts, meta));
    } catch (IllegalArgumentException e) {
      throw new LakesynthException(ErrorCode.MODEL_INVALID, e, dir, e.getMessage());
    }
    if (meta.componentNode() >= 0 && mixture == null) {
      throw new LakesynthException(ErrorCode.MODEL_INVALID, dir, MIXTURE + " is missing for a hybrid model");
    }
    java.util.Map<String, io.lakesynth.model.text.StringModel> strings = java.util.Map.of();
    if (meta.stringsSha256() != null && !meta.stringsSha256().isEmpty()) {
      if (!Paths.exists(spark, dir + "/" + STRINGS)) {
        throw new LakesynthException(ErrorCode.MODEL_INVALID, dir, STRINGS + " is missing");
      }
      String json = Paths.readString(spark, dir + "/" + STRINGS);
      if (!Checksums.sha256(json.getBytes(java.nio.charset.StandardCharsets.UTF_8)).equals(meta.stringsSha256())) {
        throw new LakesynthException(ErrorCode.MODEL_INVALID, dir,
            STRINGS + " does not match its checksum in " + METADATA + " (truncated or modified)");
      }
      try {
        strings = StringModels.read(json);
      } catch (IllegalArgumentException e) {
        throw new LakesynthException(ErrorCode.MODEL_INVALID, e, dir, e.getMessage());
      }
    }
    return new SynthModel(meta, net, mixture, strings, refinement(spark, dir, meta));
  }

  private static BinRefinement refinement(SparkSession spark, String dir, ModelMetadata meta) {
    if (meta.refineSha256() == null || meta.refineSha256().isEmpty()) {
      return BinRefinement.none();
    }
    if (!Paths.exists(spark, dir + "/" + REFINE)) {
      throw new LakesynthException(ErrorCode.MODEL_INVALID, dir, REFINE + " is missing");
    }
    byte[] bytes = Paths.readBytes(spark, dir + "/" + REFINE);
    if (!Checksums.sha256(bytes).equals(meta.refineSha256())) {
      throw new LakesynthException(ErrorCode.MODEL_INVALID, dir,
          REFINE + " does not match its checksum in " + METADATA + " (truncated or modified)");
    }
    try {
      return BinRefinement.decode(bytes);
    } catch (IllegalArgumentException e) {
      throw new LakesynthException(ErrorCode.MODEL_INVALID, e, dir, REFINE + ": " + e.getMessage());
    }
  }

  /**
   * metadata.json must match the checksum written with it: an edited column type or role would otherwise be
   * accepted and decode values wrongly. Models written before the checksum existed load with a warning.
   */
  private static void checkMetadataChecksum(SparkSession spark, String dir, String metaJson) {
    String shaPath = dir + "/" + METADATA_SHA;
    if (!Paths.exists(spark, shaPath)) {
      org.slf4j.LoggerFactory.getLogger(ModelStore.class).warn("model {} has no {} (written by an older "
          + "lakesynth): {} is not checked against a checksum", dir, METADATA_SHA, METADATA);
      return;
    }
    String expected = Paths.readString(spark, shaPath).trim();
    if (!expected.equals(Checksums.sha256(metaJson.getBytes(java.nio.charset.StandardCharsets.UTF_8)))) {
      throw new LakesynthException(ErrorCode.MODEL_INVALID, dir, METADATA + " does not match its checksum in "
          + METADATA_SHA + " (edited or corrupted); fit the model again or restore the file");
    }
  }

  static byte[] encode(double[][] cpt) {
    int total = 0;
    for (double[] t : cpt) {
      total += t.length;
    }
    ByteBuffer buf = ByteBuffer.allocate(total * Double.BYTES);
    for (double[] t : cpt) {
      for (double v : t) {
        buf.putDouble(v);
      }
    }
    return buf.array();
  }

  static double[][] decode(byte[] bytes, ModelMetadata meta) {
    ByteBuffer buf = ByteBuffer.wrap(bytes);
    double[][] cpt = new double[meta.nodeNames().size()][];
    long[] sizes = CptCounter.familySizes(new NetworkStructure(meta.order(), meta.parents()), meta.cardinalities());
    for (int n = 0; n < cpt.length; n++) {
      if (buf.remaining() < sizes[n] * Double.BYTES) {
        throw new IllegalArgumentException("cpts.bin is shorter than the network's tables");
      }
      cpt[n] = new double[(int) sizes[n]];
      for (int i = 0; i < cpt[n].length; i++) {
        cpt[n][i] = buf.getDouble();
      }
    }
    if (buf.remaining() != 0) {
      throw new IllegalArgumentException("cpts.bin is longer than the network's tables");
    }
    return cpt;
  }

  static String json(Object o) {
    try {
      return MAPPER.writeValueAsString(o);
    } catch (IOException e) {
      throw new LakesynthException(ErrorCode.INTERNAL, e, "cannot serialise model: " + e.getMessage());
    }
  }

  static <T> T parse(String json, Class<T> type, String dir) {
    try {
      return MAPPER.readValue(json, type);
    } catch (IOException e) {
      throw new LakesynthException(ErrorCode.MODEL_INVALID, e, dir, "cannot parse " + type.getSimpleName()
          + ": " + e.getMessage().split("\n")[0]);
    }
  }
}
