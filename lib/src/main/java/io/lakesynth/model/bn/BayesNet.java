package io.lakesynth.model.bn;

/**
 * A discrete Bayesian network: node names, state counts, structure, and conditional probability
 * tables {@code cpt[node][parentConfig * card + state]}, each row summing to 1.
 */
public record BayesNet(String[] names, int[] cardinalities, NetworkStructure structure, double[][] cpt) {
  public BayesNet {
    int n = cardinalities.length;
    if (names.length != n || cpt.length != n || structure.nodeCount() != n) {
      throw new IllegalArgumentException("names, cardinalities, structure and cpt disagree on the node count");
    }
    for (int node = 0; node < n; node++) {
      int card = cardinalities[node];
      int configs = FamilyEncoder.parentConfigCount(structure.parents()[node], cardinalities);
      if (cpt[node].length != (long) configs * card) {
        throw new IllegalArgumentException("node " + names[node] + ": table has " + cpt[node].length
            + " values, expected " + (long) configs * card);
      }
      for (int c = 0; c < configs; c++) {
        double sum = 0;
        for (int s = 0; s < card; s++) {
          double p = cpt[node][c * card + s];
          if (p < 0 || Double.isNaN(p)) {
            throw new IllegalArgumentException("node " + names[node] + ": negative or NaN probability");
          }
          sum += p;
        }
        if (Math.abs(sum - 1.0) > 1e-9) {
          throw new IllegalArgumentException("node " + names[node] + ": row " + c + " sums to " + sum);
        }
      }
    }
  }
}
