package io.lakesynth.io;

import org.apache.spark.SparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * A readable Spark job group for one phase that gives the caller's own group back afterwards (STYLE.md
 * "Observable runs"; apache/iceberg BaseSparkAction.withJobGroupInfo): lakesynth used as a library inside
 * someone's application must not wipe the group, description and interrupt flag their jobs run under.
 *
 * <pre>{@code
 * try (JobGroup g = JobGroup.set(spark, "lakesynth-fit", "lakesynth fit sales")) { ... }
 * }</pre>
 */
public final class JobGroup implements AutoCloseable {
  static final String ID = "spark.jobGroup.id";
  static final String DESCRIPTION = "spark.job.description";
  static final String INTERRUPT = "spark.job.interruptOnCancel";

  private final SparkContext sc;
  private final String id;
  private final String description;
  private final String interrupt;

  private JobGroup(SparkContext sc) {
    this.sc = sc;
    this.id = sc.getLocalProperty(ID);
    this.description = sc.getLocalProperty(DESCRIPTION);
    this.interrupt = sc.getLocalProperty(INTERRUPT);
  }

  /** Remembers the caller's group of this thread, then sets ours. */
  public static JobGroup set(SparkSession spark, String groupId, String description) {
    JobGroup g = new JobGroup(spark.sparkContext());
    spark.sparkContext().setJobGroup(groupId, description, false);
    return g;
  }

  /** Restores the caller's group, description and interrupt flag exactly (absent ones stay absent). */
  @Override
  public void close() {
    sc.setLocalProperty(ID, id);
    sc.setLocalProperty(DESCRIPTION, description);
    sc.setLocalProperty(INTERRUPT, interrupt);
  }
}
