package io.lakesynth.profile;

import io.lakesynth.config.ModelType;
import io.lakesynth.config.Settings.ProfileSettings;
import io.lakesynth.model.ModelFrames;
import io.lakesynth.model.ModelLayout;
import io.lakesynth.model.RowCoder;
import io.lakesynth.model.bn.MutualInformation;
import io.lakesynth.profile.TableProfile.DependenceMatrix;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Pass 4: pairwise mutual information between modelled columns on their discretised codes,
 * from one seeded sample of at most profile.dependence-sample-rows rows (one Spark job).
 */
final class Dependence {
  private Dependence() {}

  static DependenceMatrix compute(Dataset<Row> data, TableProfile draft, ProfileSettings settings) {
    ModelLayout layout = ModelLayout.plan(draft, ModelType.BAYESNET, settings.bins(), 0);
    if (layout.nodeCount() < 2) {
      return new DependenceMatrix(layout.nodeNames(), new double[layout.nodeCount()][layout.nodeCount()], 0);
    }
    int limit = settings.dependenceSampleRows();
    double fraction = Math.min(1.0, 1.1 * limit / Math.max(1, draft.rowCount()));
    Dataset<Row> prepared = ModelFrames.prepare(data, layout);
    Dataset<Row> sample = fraction >= 1.0 ? prepared : prepared.sample(false, fraction, settings.seed());
    List<Row> rows = sample.limit(limit).collectAsList(); // bounded by dependence-sample-rows
    RowCoder coder = new RowCoder(layout, null);
    int n = layout.nodeCount();
    int[][] codes = new int[n][rows.size()];
    int[] buf = new int[n];
    for (int r = 0; r < rows.size(); r++) {
      coder.encode(rows.get(r), buf, null, null);
      for (int i = 0; i < n; i++) {
        codes[i][r] = buf[i];
      }
    }
    return new DependenceMatrix(layout.nodeNames(), MutualInformation.pairwise(codes, layout.cardinalities()),
        rows.size());
  }
}
