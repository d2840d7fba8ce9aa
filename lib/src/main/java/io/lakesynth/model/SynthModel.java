package io.lakesynth.model;

import io.lakesynth.model.bn.BayesNet;
import io.lakesynth.model.gmm.MixtureParams;

/**
 * A fitted synthesizer: metadata (columns, layout, provenance), the Bayesian network with its
 * conditional probability tables, and the Gaussian mixture (null for bayesnet models).
 */
public record SynthModel(ModelMetadata metadata, BayesNet network, MixtureParams mixture) {

  public ModelLayout layout() {
    return ModelLayout.of(metadata.columns(), metadata.nodeNames(), metadata.cardinalities(),
        metadata.componentNode(), mixture == null ? java.util.List.of() : mixture.columns());
  }
}
