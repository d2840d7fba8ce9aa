package io.lakesynth.model;

import io.lakesynth.model.bn.BayesNet;
import io.lakesynth.model.gmm.MixtureParams;
import io.lakesynth.model.text.StringModel;
import java.util.Map;

/**
 * A fitted synthesizer: metadata (columns, layout, provenance), the Bayesian network with its
 * conditional probability tables, the Gaussian mixture (null for bayesnet models) and the string
 * models of text columns and generated rare values (by column name) and the within-bin refinement of continuous
 * nodes (empty when there is none).
 */
public record SynthModel(ModelMetadata metadata, BayesNet network, MixtureParams mixture,
    Map<String, StringModel> strings, BinRefinement refinement) {

  public SynthModel {
    strings = strings == null ? Map.of() : Map.copyOf(strings);
    refinement = refinement == null ? BinRefinement.none() : refinement;
  }

  public SynthModel(ModelMetadata metadata, BayesNet network, MixtureParams mixture) {
    this(metadata, network, mixture, Map.of(), null);
  }

  public SynthModel(ModelMetadata metadata, BayesNet network, MixtureParams mixture, Map<String, StringModel> strings) {
    this(metadata, network, mixture, strings, null);
  }

  public ModelLayout layout() {
    return ModelLayout.of(metadata.columns(), metadata.nodeNames(), metadata.cardinalities(),
        metadata.componentNode(), mixture == null ? java.util.List.of() : mixture.columns());
  }
}
