package io.lakesynth.model;

import io.lakesynth.error.ErrorCode;
import io.lakesynth.error.LakesynthException;
import io.lakesynth.io.Paths;
import java.util.List;
import org.apache.spark.sql.SparkSession;

/**
 * The links of one child table to its parents (links.json beside the child's model): per foreign key the parent
 * columns joined to the child's training rows as evidence (child columns named {@code <fk>__<attribute>}) and the
 * count model of children (primary link) or references (secondary link) per parent row. The child's own model is
 * fitted on those augmented rows; {@code childSchemaJson} is the real child table's schema, which generate writes.
 */
public record LinkModel(int formatVersion, String table, String childSchemaJson, List<Link> links) {
  public static final int FORMAT_VERSION = 1;
  public static final String FILE = "links.json";

  /**
   * @param primary children are generated per parent row of this link (the first foreign key, unless the table's
   *     children = pick-parent); otherwise each child row picks its parent row
   * @param attributes parent columns used as evidence, in the child as {@link #childColumn}
   * @param counts children (or references) per parent row
   * @param orphanRows real child rows whose key joins no parent row (dropped from fitting on the primary link)
   */
  public record Link(String column, String parentTable, String parentColumn, boolean primary, List<String> attributes,
      CountModel counts, long orphanRows) {
    public String childColumn(String attribute) {
      return childColumn(column, attribute);
    }

    public static String childColumn(String fk, String attribute) {
      return fk + "__" + attribute;
    }
  }

  public static void save(SparkSession spark, LinkModel model, String path) {
    Paths.writeString(spark, path, ModelStore.json(model));
  }

  public static LinkModel load(SparkSession spark, String path) {
    if (!Paths.exists(spark, path)) {
      throw new LakesynthException(ErrorCode.MODEL_INVALID, path, "it does not exist; run the multi-table fit first");
    }
    LinkModel m = ModelStore.parse(Paths.readString(spark, path), LinkModel.class, path);
    if (m.formatVersion() != FORMAT_VERSION) {
      throw new LakesynthException(ErrorCode.MODEL_FORMAT, path, m.formatVersion(), FORMAT_VERSION);
    }
    return m;
  }
}
