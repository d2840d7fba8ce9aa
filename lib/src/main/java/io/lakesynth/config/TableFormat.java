package io.lakesynth.config;

import java.util.Locale;

/** Storage formats lakesynth reads (all) and writes (parquet, delta). */
public enum TableFormat {
  PARQUET, DELTA, CSV;

  public String sparkName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
