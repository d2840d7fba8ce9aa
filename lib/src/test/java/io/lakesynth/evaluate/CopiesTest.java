package io.lakesynth.evaluate;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakesynth.testing.SparkExtension;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Exact copies counted through the hash pass and, as the reference, by grouping every row on its values. */
@ExtendWith(SparkExtension.class)
class CopiesTest {
  static final List<EvalColumn> COLS = List.of(
      new EvalColumn("x", "double", "continuous", "", EvalColumn.Kind.CONTINUOUS, "", null),
      new EvalColumn("s", "string", "categorical", "", EvalColumn.Kind.CATEGORICAL, "", null));

  static Dataset<Row> t(SparkSession spark, String values) {
    return spark.sql("SELECT * FROM VALUES " + values + " AS t(x, s)");
  }

  @Test
  void copiesAreCountedExactlyWithNullsAndSignedZeros(SparkSession spark) {
    Dataset<Row> train = t(spark, "(1.0D, 'a'), (2.0D, NULL), (CAST(NULL AS DOUBLE), 'c'), (0.0D, 'z'), (5.0D, 'e')");
    // copies: (1,a), (2,null), (null,c) twice, (-0.0,z); not: (1,b), (3,a), (null,d)
    Dataset<Row> syn = t(spark, "(1.0D, 'a'), (1.0D, 'b'), (2.0D, NULL), (CAST(NULL AS DOUBLE), 'c'), "
        + "(CAST(NULL AS DOUBLE), 'c'), (-0.0D, 'z'), (3.0D, 'a'), (CAST(NULL AS DOUBLE), 'd')");
    Dataset<Row> hold = t(spark, "(5.0D, 'e'), (6.0D, 'e'), (7.0D, 'e')");
    for (long broadcast : new long[] {Copies.BROADCAST_HASHES, 0}) {
      Copies.Result r = Copies.count(train, syn, hold, COLS, 5, 8, 3, broadcast);
      assertThat(r.syntheticCopies()).as("broadcast bound %d", broadcast).isEqualTo(5);
      assertThat(r.syntheticRows()).isEqualTo(8);
      assertThat(r.holdoutCopies()).isEqualTo(1);
      assertThat(r.holdoutRows()).isEqualTo(3);
    }
    // inputs in many small partitions are coalesced into fewer map tasks: the same counts
    Copies.Result fragmented = Copies.count(train.repartition(7), syn.repartition(9), hold.repartition(5), COLS, 5, 8, 3);
    assertThat(fragmented).isEqualTo(Copies.count(train, syn, hold, COLS, 5, 8, 3));
    Copies.Result none = Copies.count(train, t(spark, "(9.0D, 'q'), (8.0D, 'q')"), null, COLS, 5, 2, 0);
    assertThat(none.syntheticCopies()).isZero();
    assertThat(none.syntheticRows()).isEqualTo(2);
    assertThat(none.holdoutRows()).isZero();
  }
}
