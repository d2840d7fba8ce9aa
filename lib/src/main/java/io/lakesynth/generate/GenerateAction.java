package io.lakesynth.generate;

import io.lakesynth.config.Settings.GenerateSettings;
import io.lakesynth.config.TableFormat;
import io.lakesynth.io.JobGroup;
import io.lakesynth.io.SourceGuard;
import io.lakesynth.io.TableWriter;
import io.lakesynth.model.ModelColumn;
import io.lakesynth.model.SynthModel;
import io.lakesynth.model.bn.CompiledNetwork;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.rdd.RDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.encoders.ExpressionEncoder;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Generates a synthetic table from a model: {@code spark.range(rows, partitions)} mapped through
 * a broadcast {@link CompiledSampler}, cast to the source schema, written with the configured
 * mode. Rows depend only on (model, seed, slice, row id), never on partitioning.
 */
public final class GenerateAction {
  private static final Logger LOG = LoggerFactory.getLogger(GenerateAction.class);

  private final SparkSession spark;
  private SynthModel model;
  private GenerateSettings settings;
  private String outputPath;
  private final java.util.Map<String, String> knownTables = new java.util.LinkedHashMap<>();
  private String runId = "run";
  private boolean viaRowEncoder;

  public GenerateAction(SparkSession spark) {
    this.spark = spark;
  }

  public GenerateAction model(SynthModel value) {
    this.model = value;
    return this;
  }

  public GenerateAction settings(GenerateSettings value) {
    this.settings = value;
    return this;
  }

  public GenerateAction output(String path) {
    this.outputPath = path;
    return this;
  }

  /** The source table's location: writing over it is refused. */
  public GenerateAction sourcePath(String path) {
    return knownTable(path, "the configured source, lakesynth.source.path");
  }

  /**
   * Another real table the output must not overlap (e.g. the sourcePath recorded in profile.json); the model's
   * own recorded source is always checked.
   */
  public GenerateAction knownTable(String path, String origin) {
    if (path != null && !path.isBlank()) {
      knownTables.putIfAbsent(path, origin);
    }
    return this;
  }

  /** Identifies this run for idempotent Delta appends. */
  public GenerateAction runId(String value) {
    this.runId = value;
    return this;
  }

  /** Result of a run. */
  public record Result(String path, TableFormat format, long rows, int partitions, int segments, double seconds) {}

  public Result execute() {
    if (model == null || settings == null || outputPath == null) {
      throw new IllegalStateException("model, settings and output are required");
    }
    long t0 = System.nanoTime();
    SourceGuard guard = new SourceGuard(spark);
    knownTables.forEach(guard::table);
    guard.table(model.metadata().sourcePath(), "the source recorded in the model's metadata.json");
    guard.check("the generate output (lakesynth.generate.output.path)", outputPath);
    Planned p = plan();
    TableWriter.Target target = new TableWriter.Target(outputPath, settings.output().format(),
        settings.output().mode(), p.plan().partitionBy(), settings.rowsPerFile(), p.plan().slicePredicate(), runId);
    TableWriter.checkWritable(spark, target);
    JobGroup group = JobGroup.set(spark, "lakesynth-generate", "lakesynth generate " + model.metadata().table()
        + " (" + p.plan().totalRows() + " rows)");
    try {
      LOG.info("generate: {} rows in {} Spark partitions, {} segment(s), seed {} -> {} ({})", p.plan().totalRows(),
          p.partitions(), p.plan().segments().size(), settings.seed(), outputPath, settings.output().mode()
              .configName());
      TableWriter.write(spark, p.data(), target);
    } finally {
      p.broadcast().destroy();
      group.close(); // the caller's job group back
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    LOG.info("generate: wrote {} rows in {} s ({} rows/s)", p.plan().totalRows(), String.format("%.1f", seconds),
        String.format("%.0f", p.plan().totalRows() / Math.max(seconds, 1e-9)));
    return new Result(outputPath, settings.output().format(), p.plan().totalRows(), p.partitions(),
        p.plan().segments().size(), seconds);
  }

  /** The synthetic rows as a Dataset without writing them (for tests and evaluation). */
  public Dataset<Row> dataset() {
    return plan().data();
  }

  private record Planned(GeneratePlan plan, Dataset<Row> data, int partitions, Broadcast<CompiledSampler> broadcast) {}

  private Planned plan() {
    StructType schema = (StructType) DataType.fromJson(model.metadata().sourceSchemaJson());
    GeneratePlan plan = GeneratePlan.of(model.metadata(), schema, settings);
    CompiledNetwork network = Conditions.apply(new CompiledNetwork(model.network()), model, settings.conditions(),
        schema);
    int[][] evidence = null;
    Object[][] overrides = null;
    if (plan.sliceColumn() != null) {
      evidence = Conditions.sliceEvidence(model, plan, schema);
      overrides = sliceOverrides(model, plan, schema);
    }
    String zone = org.apache.spark.sql.catalyst.util.DateTimeUtils.getZoneId(
        spark.conf().get("spark.sql.session.timeZone")).getId();
    CompiledSampler sampler = new CompiledSampler(model, network, schema, settings.seed(), plan, evidence, overrides,
        zone);
    int partitions = settings.partitions() > 0 ? settings.partitions()
        : (int) Math.max(spark.sparkContext().defaultParallelism(),
            Math.min(100_000, (plan.totalRows() + settings.rowsPerFile() - 1) / settings.rowsPerFile()));
    Broadcast<CompiledSampler> b = JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(sampler);
    Dataset<Long> ids = spark.range(0, plan.totalRows(), 1, partitions);
    Dataset<Row> data;
    if (!viaRowEncoder && spark instanceof org.apache.spark.sql.classic.SparkSession classic) {
      // InternalRows straight to the writer: no Row objects and no encoder pass per value (README, Performance);
      // the Row path stays for other session kinds
      RDD<InternalRow> rows = ids.queryExecution().toRdd().toJavaRDD().mapPartitions(new InternalFromBroadcast(b))
          .rdd();
      data = classic.internalCreateDataFrame(rows, schema, false);
    } else {
      data = ids.mapPartitions(new FromBroadcast(b), ExpressionEncoder.apply(schema, true));
    }
    return new Planned(plan, data, partitions, b);
  }

  /** Tests: build rows through Spark's Row encoder instead of as InternalRows (the two must agree). */
  GenerateAction viaRowEncoder(boolean value) {
    this.viaRowEncoder = value;
    return this;
  }

  private static Object[][] sliceOverrides(SynthModel model, GeneratePlan plan, StructType schema) {
    List<ModelColumn> cols = model.metadata().columns();
    int idx = Arrays.asList(schema.fieldNames()).indexOf(plan.sliceColumn());
    Object[][] out = new Object[plan.segments().size()][];
    for (int s = 0; s < out.length; s++) {
      Object[] row = new Object[cols.size()];
      Arrays.fill(row, CompiledSampler.noOverride());
      row[idx] = TypedValues.parse(plan.segments().get(s).value(), schema.fields()[idx].dataType());
      out[s] = row;
    }
    return out;
  }

  /** Reads the sampler from its broadcast on the executor; InternalRows in and out. */
  static final class InternalFromBroadcast implements FlatMapFunction<Iterator<InternalRow>, InternalRow> {
    private static final long serialVersionUID = 1L;
    private final Broadcast<CompiledSampler> sampler;

    InternalFromBroadcast(Broadcast<CompiledSampler> sampler) {
      this.sampler = sampler;
    }

    @Override
    public Iterator<InternalRow> call(Iterator<InternalRow> ids) {
      return sampler.value().internalRows(ids);
    }
  }

  /** Reads the sampler from its broadcast on the executor. */
  static final class FromBroadcast implements MapPartitionsFunction<Long, Row> {
    private static final long serialVersionUID = 1L;
    private final Broadcast<CompiledSampler> sampler;

    FromBroadcast(Broadcast<CompiledSampler> sampler) {
      this.sampler = sampler;
    }

    @Override
    public java.util.Iterator<Row> call(java.util.Iterator<Long> ids) {
      return sampler.value().call(ids);
    }
  }
}
