package io.lakesynth.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakesynth.config.Settings;
import io.lakesynth.generate.GenerateAction;
import io.lakesynth.generate.TypedValues;
import io.lakesynth.model.FitAction;
import io.lakesynth.model.ModelColumn;
import io.lakesynth.model.ModelFrames;
import io.lakesynth.model.SynthModel;
import io.lakesynth.profile.Role;
import io.lakesynth.profile.TableProfile;
import io.lakesynth.testing.Fixtures;
import io.lakesynth.testing.SparkExtension;
import io.lakesynth.testing.TestData;
import io.lakesynth.testing.TestProfiles;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataType;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every zoo table through profile, fit and generate with the default settings; the synthetic table must stay inside
 * what the model may emit: no placeholder, categorical values only from the kept (non-rare) domain unless the column
 * generates new values, numbers within the observed bounds at the observed precision, unique identifiers in the
 * source's format, exact dependencies kept.
 */
@ExtendWith(SparkExtension.class)
class ZooTablesTest {
  @TempDir
  static Path dir;

  static Stream<Zoo.Table> tables() {
    return Zoo.TABLES.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("tables")
  void syntheticValuesStayInTheAllowedDomain(Zoo.Table t) {
    SparkSession spark = SparkExtension.spark();
    String source = dir.resolve(t.name()).toString();
    Dataset<Row> read = Zoo.read(spark, t, TestData.zoo(t.file()).toString());
    List<String> partitions = t.partition().isEmpty() ? List.of() : List.of(t.partition());
    read.write().partitionBy(partitions.toArray(new String[0])).parquet(source);
    Dataset<Row> real = spark.read().parquet(source).cache();
    TableProfile profile = TestProfiles.profile(spark, real, t.name(), source, partitions);
    Settings settings = Fixtures.settings();
    SynthModel model = new FitAction(spark).source(real).profile(profile).settings(settings.model()).execute();
    Dataset<Row> syn = new GenerateAction(spark).model(model).settings(settings.generate()).dataset().cache();
    assertThat(syn.count()).isEqualTo(real.count());
    for (ModelColumn c : model.metadata().columns()) {
      String what = t.name() + "." + c.name() + " (" + c.role().configName() + ", " + c.tail() + ")";
      Column col = functions.col(ModelFrames.quote(c.name()));
      DataType type = syn.schema().apply(c.name()).dataType();
      if (type.sql().equals("STRING")) {
        assertThat(syn.where(col.isin("OTHER", "__OTHER__", "_RARE_")).count()).as(what + " placeholders").isZero();
      }
      if (c.derived()) {
        continue; // checked below for the flights table
      }
      if (c.role() == Role.CATEGORICAL && !ModelColumn.GENERATE.equals(c.tail())) {
        Set<Object> allowed = new HashSet<>();
        for (String v : c.categories()) {
          allowed.add(TypedValues.parse(v, type));
        }
        List<Row> values = syn.select(col).distinct().limit(5000).collectAsList();
        for (Row r : values) {
          if (!r.isNullAt(0)) {
            Object v = r.get(0);
            assertThat(allowed).as(what + " kept values (no rare real value, no new value)").contains(v);
          }
        }
      }
      if (c.role() == Role.CONTINUOUS) {
        Row mm = syn.agg(functions.min(ModelFrames.numericSpace(col, c.sparkType())),
            functions.max(ModelFrames.numericSpace(col, c.sparkType()))).first();
        if (!mm.isNullAt(0)) {
          assertThat(mm.getDouble(0)).as(what + " min").isGreaterThanOrEqualTo(c.min());
          assertThat(mm.getDouble(1)).as(what + " max").isLessThanOrEqualTo(c.max());
        }
        if (c.decimals() >= 0 && c.decimals() <= 6) {
          double scale = Math.pow(10, c.decimals());
          long off = syn.where(col.isNotNull().and(functions.abs(functions.round(col.cast("double"), c.decimals())
              .minus(col.cast("double"))).gt(0.5 / scale / 1000))).count();
          assertThat(off).as(what + " values with more than " + c.decimals() + " decimals").isZero();
        }
      }
      if (c.role() == Role.IDENTIFIER) {
        long nonNull = syn.where(col.isNotNull()).count();
        assertThat(syn.select(col).where(col.isNotNull()).distinct().count()).as(what + " unique").isEqualTo(nonNull);
        if (c.strings() != null) {
          Row len = syn.agg(functions.min(functions.length(col)), functions.max(functions.length(col))).first();
          assertThat(len.getInt(1)).as(what + " width").isLessThanOrEqualTo(c.strings().maxLength());
          assertThat(len.getInt(0)).as(what + " width").isGreaterThanOrEqualTo(c.strings().minLength());
        }
      }
    }
    if (t.partition().equals("day")) {
      assertThat(syn.where(functions.to_date(functions.col("date")).notEqual(functions.col("day"))).count())
          .as("flights: day = to_date(date)").isZero();
      // recorded to the minute: no seconds
      assertThat(syn.where(functions.second(functions.col("date")).notEqual(0)).count()).isZero();
    }
    syn.unpersist();
    real.unpersist();
  }
}
