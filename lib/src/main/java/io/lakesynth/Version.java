package io.lakesynth;

/** The lakesynth version written into profiles, models and reports. */
public final class Version {
  public static final String VERSION = "0.1.0";

  private Version() {}
}
