package io.lakesynth.config;

/** How generate treats an existing output table. */
public enum WriteMode {
  /** Fail when the output exists (default). */
  ERROR_IF_EXISTS,
  /** Replace the whole table. */
  OVERWRITE,
  /** Add rows; retries with the same run id are made idempotent where the format allows. */
  APPEND,
  /** Replace exactly the partitions this run owns. */
  SLICE;

  public String configName() {
    return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }
}
