package io.lakesynth.config;

/** Which synthesizer fit builds. */
public enum ModelType {
  /** Bayesian network over categorical codes and binned continuous columns. */
  BAYESNET,
  /** Gaussian mixture over continuous columns; categorical columns from their marginals. */
  GMM,
  /** Bayesian network whose nodes include the mixture's component label. */
  HYBRID;

  public String configName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
