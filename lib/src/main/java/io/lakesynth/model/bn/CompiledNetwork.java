package io.lakesynth.model.bn;

import io.lakesynth.util.RowRandom;
import java.io.Serializable;

/**
 * A network compiled for sampling: every CPT row as an alias table in two flat primitive arrays.
 * Built once on the driver and broadcast; sampling allocates nothing and consumes exactly one
 * uniform per node, so fixing one node's value never shifts the randomness of the others.
 */
public final class CompiledNetwork implements Serializable {
  private static final long serialVersionUID = 1L;
  private final String[] names;
  private final int[] order;
  private final int[][] parents;
  private final int[] cards;
  private final int[] offset;
  private final double[] prob;
  private final int[] alias;

  public CompiledNetwork(BayesNet net) {
    this.names = net.names().clone();
    this.order = net.structure().order().clone();
    this.parents = net.structure().parents();
    this.cards = net.cardinalities().clone();
    int n = cards.length;
    this.offset = new int[n];
    long total = 0;
    for (int node = 0; node < n; node++) {
      offset[node] = (int) total;
      total += net.cpt()[node].length;
      if (total > Integer.MAX_VALUE) {
        throw new IllegalArgumentException("network tables exceed " + Integer.MAX_VALUE + " cells");
      }
    }
    this.prob = new double[(int) total];
    this.alias = new int[(int) total];
    for (int node = 0; node < n; node++) {
      int card = cards[node];
      int configs = net.cpt()[node].length / card;
      for (int c = 0; c < configs; c++) {
        AliasTable.build(net.cpt()[node], c * card, card, prob, alias, offset[node] + c * card);
      }
    }
  }

  private CompiledNetwork(CompiledNetwork base, double[] prob, int[] alias) {
    this.names = base.names;
    this.order = base.order;
    this.parents = base.parents;
    this.cards = base.cards;
    this.offset = base.offset;
    this.prob = prob;
    this.alias = alias;
  }

  /** A copy whose root node draws from {@code probs} (a fixed value is a one-hot vector). */
  public CompiledNetwork withRootDistribution(int node, double[] probs) {
    if (parents[node].length > 0) {
      throw new IllegalArgumentException("node " + names[node] + " has parents; only roots can be conditioned");
    }
    if (probs.length != cards[node]) {
      throw new IllegalArgumentException("node " + names[node] + " has " + cards[node] + " states, got "
          + probs.length + " probabilities");
    }
    double[] p = prob.clone();
    int[] a = alias.clone();
    AliasTable.build(probs, 0, probs.length, p, a, offset[node]);
    return new CompiledNetwork(this, p, a);
  }

  public int nodeCount() {
    return cards.length;
  }

  /** Samples every node in order into out. */
  public void sample(RowRandom rng, int[] out) {
    sample(rng, out, null);
  }

  /** Like {@link #sample(RowRandom, int[])} but nodes with {@code fixed[node] >= 0} take that value. */
  public void sample(RowRandom rng, int[] out, int[] fixed) {
    for (int node : order) {
      double u = rng.nextDouble();
      if (fixed != null && fixed[node] >= 0) {
        out[node] = fixed[node];
        continue;
      }
      int card = cards[node];
      int config = FamilyEncoder.parentConfig(parents[node], cards, out);
      out[node] = AliasTable.sample(prob, alias, offset[node] + config * card, card, u);
    }
  }
}
