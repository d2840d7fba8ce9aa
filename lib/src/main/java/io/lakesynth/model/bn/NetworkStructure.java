package io.lakesynth.model.bn;

import java.util.Arrays;

/**
 * A Bayesian network's structure: {@code order} is a topological sampling order of the nodes;
 * {@code parents[node]} lists the node's parents in the order that defines its parent
 * configuration encoding ({@link FamilyEncoder}).
 */
public record NetworkStructure(int[] order, int[][] parents) {
  public NetworkStructure {
    int n = order.length;
    if (parents.length != n) {
      throw new IllegalArgumentException("order has " + n + " nodes but parents has " + parents.length);
    }
    int[] position = new int[n];
    Arrays.fill(position, -1);
    for (int i = 0; i < n; i++) {
      int node = order[i];
      if (node < 0 || node >= n || position[node] >= 0) {
        throw new IllegalArgumentException("order is not a permutation of 0.." + (n - 1));
      }
      position[node] = i;
    }
    for (int node = 0; node < n; node++) {
      int[] p = parents[node];
      for (int i = 0; i < p.length; i++) {
        if (p[i] < 0 || p[i] >= n || position[p[i]] >= position[node]) {
          throw new IllegalArgumentException("parent " + p[i] + " of node " + node + " does not precede it");
        }
        for (int j = 0; j < i; j++) {
          if (p[j] == p[i]) {
            throw new IllegalArgumentException("node " + node + " lists parent " + p[i] + " twice");
          }
        }
      }
    }
  }

  public int nodeCount() {
    return order.length;
  }
}
