package io.lakesynth.jobs;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.hash;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.xxhash64;

import java.util.Arrays;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * An order-independent fingerprint of a table's row multiset: the row count and the sums of two
 * independent 64- and 32-bit row hashes (as decimals, so nothing wraps). Equal multisets give equal
 * fingerprints; a changed, missing or duplicated row changes them (barring a hash collision). Cheap
 * enough for millions of rows, unlike exceptAll.
 */
record TableFingerprint(long rows, String xx, String murmur) {
  static TableFingerprint of(Dataset<Row> table) {
    Column[] cols = Arrays.stream(table.columns()).map(c -> col("`" + c + "`")).toArray(Column[]::new);
    Row r = table.agg(count(lit(1)), sum(xxhash64(cols).cast("decimal(38,0)")),
        sum(hash(cols).cast("decimal(38,0)"))).first();
    return new TableFingerprint(r.getLong(0), String.valueOf(r.get(1)), String.valueOf(r.get(2)));
  }
}
