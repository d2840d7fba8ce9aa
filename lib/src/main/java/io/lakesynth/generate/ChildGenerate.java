package io.lakesynth.generate;

import io.lakesynth.config.Settings.GenerateSettings;
import io.lakesynth.config.WriteMode;
import io.lakesynth.error.ErrorCode;
import io.lakesynth.error.LakesynthException;
import io.lakesynth.io.JobGroup;
import io.lakesynth.io.SourceGuard;
import io.lakesynth.io.TableWriter;
import io.lakesynth.model.CountModel;
import io.lakesynth.model.ModelColumn;
import io.lakesynth.model.SynthModel;
import io.lakesynth.model.bn.CompiledNetwork;
import io.lakesynth.profile.Role;
import io.lakesynth.util.RowRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Iterator;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.rdd.RDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Generates a child table of a multi-table schema: its rows are produced per synthetic parent row down the chain of
 * primary links from a root table ({@link ChainSampler}), with the parent's columns as evidence and the parent's
 * synthetic primary key as foreign key, so every key joins. Nothing is collected but the keys of tables referenced by
 * secondary links (bounded by {@code maxReferencedRows}). The root table itself is written by {@link GenerateAction}
 * with the same model, settings and seed: its row i here equals its row i there.
 */
public final class ChildGenerate {
  private static final Logger LOG = LoggerFactory.getLogger(ChildGenerate.class);

  /** A table of the chain: its model, its generate settings (seed, scale, output) and its primary key. */
  public record Level(SynthModel model, GenerateSettings settings, String primaryKey) {}

  /**
   * The link from the previous level to this one: the count model, the parent columns used as evidence (the child
   * column of attribute a is {@code fk__a}) and the ratio of child to parent scale.
   */
  public record Link(String foreignKey, CountModel counts, List<String> attributes, double ratio) {}

  /** A secondary foreign key: a weighted choice among the synthetic rows of a root table. */
  public record SecondaryLink(String foreignKey, Level parent, CountModel inDegree, List<String> attributes) {}

  private final SparkSession spark;
  private List<Level> levels;
  private List<Link> links;
  private List<SecondaryLink> secondary = List.of();
  private StructType outputSchema;
  private long maxReferencedRows = 2_000_000;
  private long from = 0;
  private long to = -1;
  private final Map<String, String> knownTables = new LinkedHashMap<>();
  private String runId = "run";

  public ChildGenerate(SparkSession spark) {
    this.spark = spark;
  }

  /**
   * The chain, root first, the table to generate last; links.get(i) leads from level i to level i + 1. A chain of
   * one level generates its rows like a single table (row i of the root's plan), every key picked as a secondary.
   */
  public ChildGenerate chain(List<Level> value, List<Link> linksValue) {
    if (value.isEmpty() || linksValue.size() != value.size() - 1) {
      throw new IllegalArgumentException("a chain needs one link per child level");
    }
    this.levels = List.copyOf(value);
    this.links = List.copyOf(linksValue);
    return this;
  }

  public ChildGenerate secondary(List<SecondaryLink> value) {
    this.secondary = List.copyOf(value);
    return this;
  }

  /** The real child table's schema (foreign keys included): the schema written. */
  public ChildGenerate outputSchema(StructType value) {
    this.outputSchema = value;
    return this;
  }

  public ChildGenerate maxReferencedRows(long value) {
    this.maxReferencedRows = value;
    return this;
  }

  /** Only the descendants of root rows [from, to) (a parent slice); default all root rows. */
  public ChildGenerate rootRange(long fromRow, long toRow) {
    this.from = fromRow;
    this.to = toRow;
    return this;
  }

  public ChildGenerate knownTable(String path, String origin) {
    if (path != null && !path.isBlank()) {
      knownTables.putIfAbsent(path, origin);
    }
    return this;
  }

  public ChildGenerate runId(String value) {
    this.runId = value;
    return this;
  }

  /** The generated rows, lazily (nothing written). */
  public Dataset<Row> dataset() {
    return plan().data();
  }

  /** Writes the child table to its generate.output settings. */
  public GenerateAction.Result execute(String outputPath) {
    long t0 = System.nanoTime();
    Level child = levels.get(levels.size() - 1);
    GenerateSettings g = child.settings();
    String table = child.model().metadata().table();
    SourceGuard guard = new SourceGuard(spark);
    knownTables.forEach(guard::table);
    guard.table(child.model().metadata().sourcePath(), "the source recorded in the model's metadata.json");
    guard.check("the generate output of " + table, outputPath);
    List<String> partitionBy = new ArrayList<>(g.partitionBy().orElse(child.model().metadata().partitionColumns()));
    GeneratePlan.SliceSpec slice = g.output().mode() == WriteMode.SLICE ? slice(g, table, partitionBy) : null;
    TableWriter.Target target = new TableWriter.Target(outputPath, g.output().format(), g.output().mode(),
        List.copyOf(partitionBy), g.rowsPerFile(), slice == null ? null : slice.predicate(), runId);
    TableWriter.checkWritable(spark, target);
    Map<String, List<String>> earlier = slice != null && g.output().format() == io.lakesynth.config.TableFormat.PARQUET
        ? sliceFiles(outputPath, slice) : Map.of();
    Planned p = plan();
    JobGroup group = JobGroup.set(spark, "lakesynth-generate", "lakesynth generate " + table
        + (slice == null ? " per parent row" : " per parent row, slice " + slice.predicate()));
    try {
      // a child's rows hang off its parents' rows, so a slice (a day of the fact table) is the full run's rows that
      // fall in it: the same rows as inside a full run, at the cost of generating them all
      TableWriter.write(spark, slice == null ? p.data() : p.data().filter(functions.expr(slice.predicate())), target);
    } finally {
      p.broadcast().destroy();
      group.close();
    }
    // Parquet's dynamic partition overwrite replaces only the partitions the write produced: a day of the slice that
    // none of the synthetic rows fell in keeps an earlier run's files, unless removed here (after the write
    // succeeded). A partition the write replaced holds new file names; one it did not holds exactly the old ones.
    earlier.forEach((dir, files) -> {
      if (!files.isEmpty() && files.equals(io.lakesynth.io.Paths.fileNames(spark, dir))) {
        io.lakesynth.io.Paths.delete(spark, dir);
        LOG.info("generate: {} is in the slice but got no synthetic rows: removed the earlier files there", dir);
      }
    });
    long rows = spark.read().format(g.output().format().sparkName()).load(outputPath).count();
    double seconds = (System.nanoTime() - t0) / 1e9;
    LOG.info("generate: wrote {} rows of {} in {} s", rows, child.model().metadata().table(),
        String.format(java.util.Locale.ROOT, "%.1f", seconds));
    return new GenerateAction.Result(outputPath, g.output().format(), rows, p.partitions(), 1, seconds);
  }

  private record Planned(Dataset<Row> data, int partitions, Broadcast<ChainSampler> broadcast) {}

  private GeneratePlan.SliceSpec slice(GenerateSettings g, String table, List<String> partitionBy) {
    if (!g.slice().isSet()) {
      throw new LakesynthException(ErrorCode.CONFIG_INVALID_VALUE, "lakesynth.generate.output.mode", "slice",
          "needs generate.slice.column (table " + table + ")");
    }
    return GeneratePlan.slice(outputSchema, table, g.slice(), partitionBy);
  }

  /** The files in each slice value's partition directory (slice column first in the partitioning). */
  private Map<String, List<String>> sliceFiles(String outputPath, GeneratePlan.SliceSpec slice) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (String v : slice.values()) {
      String dir = outputPath + "/" + org.apache.spark.sql.catalyst.catalog.ExternalCatalogUtils.escapePathName(
          slice.column()) + "=" + org.apache.spark.sql.catalyst.catalog.ExternalCatalogUtils.escapePathName(v);
      out.put(dir, io.lakesynth.io.Paths.fileNames(spark, dir));
    }
    return out;
  }


  private Planned plan() {
    int d = levels.size() - 1;
    String zone = org.apache.spark.sql.catalyst.util.DateTimeUtils.getZoneId(
        spark.conf().get("spark.sql.session.timeZone")).getId();
    CompiledSampler[] samplers = new CompiledSampler[d + 1];
    long[] tableStream = new long[d + 1];
    long[] linkStream = new long[d + 1];
    int[] pkIndex = new int[d + 1];
    CountModel.Compiled[] counts = new CountModel.Compiled[d + 1];
    int[] countNode = new int[d + 1];
    double[] ratio = new double[d + 1];
    int[] bits = new int[d + 1];
    int[][] evParent = new int[d + 1][];
    int[][] evChild = new int[d + 1][];
    int[][][] codeMap = new int[d + 1][][];
    long rootRows = 0;
    double expected = 1;
    int usedBits = 0;
    long seed = levels.get(0).settings().seed();
    for (int l = 0; l <= d; l++) {
      Level lv = levels.get(l);
      StructType schema = schema(lv.model());
      // the root's rows are always those of its full run (a slice of a child is cut from the full chain)
      GeneratePlan plan = l == 0 ? GeneratePlan.of(lv.model().metadata(), schema, lv.settings().unsliced())
          : new GeneratePlan(List.of(new GeneratePlan.Segment(null, 1, 0, 0)), 1, List.of(), null, null);
      samplers[l] = sampler(lv.model(), schema, seed, plan, lv.settings(), zone);
      tableStream[l] = RowRandom.hash(lv.model().metadata().table());
      pkIndex[l] = l == d ? -1 : index(schema, lv.primaryKey(), lv.model());
      if (l == 0) {
        rootRows = plan.totalRows();
        usedBits = 64 - Long.numberOfLeadingZeros(Math.max(1, rootRows));
        continue;
      }
      Link link = links.get(l - 1);
      SynthModel parent = levels.get(l - 1).model();
      linkStream[l] = RowRandom.hash("link:" + lv.model().metadata().table() + "." + link.foreignKey());
      ratio[l] = link.ratio();
      ModelColumn cond = column(parent, link.counts().condition());
      countNode[l] = cond == null || cond.node() < 0 ? -1 : cond.node();
      counts[l] = link.counts().compile(codeValues(cond));
      long max = (long) Math.ceil(link.counts().maxCount() * link.ratio()) + 1;
      bits[l] = 64 - Long.numberOfLeadingZeros(max);
      usedBits += bits[l];
      if (usedBits > 62) {
        throw new LakesynthException(ErrorCode.CONFIG_INVALID_VALUE, "lakesynth.multitable.max-children",
            link.counts().maxCount(), "the row positions of table " + lv.model().metadata().table()
                + " need more than 62 bits (root rows x largest child counts); lower the scale or max-children");
      }
      expected *= link.counts().mean() * link.ratio();
      List<int[]> maps = new ArrayList<>();
      List<Integer> pn = new ArrayList<>();
      List<Integer> cn = new ArrayList<>();
      for (String a : link.attributes()) {
        ModelColumn pa = column(parent, a);
        ModelColumn ca = column(lv.model(), link.foreignKey() + "__" + a);
        if (pa == null || ca == null || pa.node() < 0 || ca.node() < 0 || pa.role() != Role.CATEGORICAL
            || ca.role() != Role.CATEGORICAL) {
          LOG.warn("generate: parent column {} is not evidence for {} (not a categorical node on both sides)", a,
              lv.model().metadata().table());
          continue;
        }
        maps.add(codeMap(pa, ca));
        pn.add(pa.node());
        cn.add(ca.node());
      }
      codeMap[l] = maps.toArray(new int[0][]);
      evParent[l] = pn.stream().mapToInt(Integer::intValue).toArray();
      evChild[l] = cn.stream().mapToInt(Integer::intValue).toArray();
    }
    Level child = levels.get(d);
    StructType childSchema = schema(child.model());
    String primaryFk = d == 0 ? null : links.get(d - 1).foreignKey();
    int[] outSource = new int[outputSchema.fields().length];
    List<StructField> fields = new ArrayList<>();
    int primaryOut = -1;
    Map<String, Integer> secondaryOut = new LinkedHashMap<>();
    for (int i = 0; i < outSource.length; i++) {
      StructField f = outputSchema.fields()[i];
      boolean isSecondary = secondary.stream().anyMatch(s -> s.foreignKey().equals(f.name()));
      if (isSecondary || f.name().equals(primaryFk)) {
        outSource[i] = -1;
        Level keyed = f.name().equals(primaryFk) ? levels.get(d - 1)
            : secondary.stream().filter(s -> s.foreignKey().equals(f.name())).findFirst().orElseThrow().parent();
        DataType keyType = schema(keyed.model()).apply(keyed.primaryKey()).dataType();
        fields.add(new StructField(f.name(), keyType, true, f.metadata()));
        if (f.name().equals(primaryFk)) {
          primaryOut = i;
        } else {
          secondaryOut.put(f.name(), i);
        }
      } else {
        outSource[i] = index(childSchema, f.name(), child.model());
        fields.add(childSchema.fields()[outSource[i]]);
      }
    }
    List<ChainSampler.Secondary> secs = new ArrayList<>();
    for (SecondaryLink s : secondary) {
      secs.add(secondary(s, child.model(), secondaryOut.get(s.foreignKey()), seed, zone));
    }
    ChainSampler chain = new ChainSampler(samplers, seed, tableStream, linkStream, pkIndex, counts, countNode, ratio,
        bits, evParent, evChild, codeMap, outSource, primaryOut, secs.toArray(new ChainSampler.Secondary[0]));
    long end = to < 0 ? rootRows : Math.min(to, rootRows);
    long expectedRows = (long) Math.ceil((end - from) * expected);
    GenerateSettings g = child.settings();
    int partitions = g.partitions() > 0 ? g.partitions()
        : (int) Math.max(spark.sparkContext().defaultParallelism(),
            Math.min(Math.max(1, end - from),
                Math.min(100_000, (expectedRows + g.rowsPerFile() - 1) / g.rowsPerFile())));
    LOG.info("generate: {} from {} root rows [{}, {}) down {} link(s), about {} rows in {} partitions",
        child.model().metadata().table(), rootRows, from, end, d, expectedRows, partitions);
    Broadcast<ChainSampler> b = JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(chain);
    RDD<InternalRow> rows = spark.range(from, end, 1, partitions).queryExecution().toRdd().toJavaRDD()
        .mapPartitions(new FromBroadcast(b)).rdd();
    // internal rows straight to a DataFrame as GenerateAction does (README, Performance)
    Dataset<Row> data = ((org.apache.spark.sql.classic.SparkSession) spark)
        .internalCreateDataFrame(rows, new StructType(fields.toArray(new StructField[0])), false);
    for (StructField f : outputSchema.fields()) {
      if (!data.schema().apply(f.name()).dataType().equals(f.dataType())) {
        data = data.withColumn(f.name(), functions.col(f.name()).cast(f.dataType()));
      }
    }
    return new Planned(data, partitions, b);
  }

  /** The keys of a referenced root table with weights (its drawn in-degree) and the child's state of each. */
  private ChainSampler.Secondary secondary(SecondaryLink s, SynthModel child, int outIndex, long seed, String zone) {
    SynthModel parent = s.parent().model();
    StructType schema = schema(parent);
    GeneratePlan plan = GeneratePlan.of(parent.metadata(), schema, s.parent().settings());
    long n = plan.totalRows();
    if (n > maxReferencedRows) {
      throw new LakesynthException(ErrorCode.CONFIG_INVALID_VALUE, "lakesynth.multitable.max-referenced-parent-rows",
          maxReferencedRows, "table " + parent.metadata().table() + " referenced by " + s.foreignKey() + " has " + n
              + " synthetic rows; raise the limit (driver memory: under 100 bytes per row) or make it the primary link");
    }
    CompiledSampler sampler = sampler(parent, schema, s.parent().settings().seed(), plan, s.parent().settings(), zone);
    RowState st = sampler.newState();
    int pk = index(schema, s.parent().primaryKey(), parent);
    ModelColumn cond = column(parent, s.inDegree().condition());
    CountModel.Compiled degree = s.inDegree().compile(codeValues(cond));
    ModelColumn pa = s.attributes().isEmpty() ? null : column(parent, s.attributes().get(0));
    ModelColumn ca = s.attributes().isEmpty() ? null : column(child, s.foreignKey() + "__" + s.attributes().get(0));
    boolean grouped = pa != null && ca != null && pa.node() >= 0 && ca.node() >= 0 && pa.role() == Role.CATEGORICAL
        && ca.role() == Role.CATEGORICAL;
    int[] map = grouped ? codeMap(pa, ca) : null;
    Object[] keys = new Object[(int) n];
    double[] weights = new double[(int) n];
    int[] childCode = grouped ? new int[(int) n] : null;
    long tableStream = RowRandom.hash(parent.metadata().table());
    long linkStream = RowRandom.hash("link:" + child.metadata().table() + "." + s.foreignKey());
    RowRandom aux = RowRandom.of(0, 0, 0);
    for (int i = 0; i < n; i++) {
      Object[] v = sampler.internalValues(st, tableStream, i, i, null);
      keys[i] = v[pk];
      aux.reset(seed, RowRandom.mix(linkStream, i), 0);
      weights[i] = degree.draw(cond == null || cond.node() < 0 ? -1 : st.codes[cond.node()], aux, 1.0);
      if (grouped) {
        childCode[i] = map[st.codes[pa.node()]];
      }
    }
    LOG.info("generate: {} picks among {} synthetic keys of {}{}", s.foreignKey(), n, parent.metadata().table(),
        grouped ? " by " + ca.name() : "");
    return new ChainSampler.Secondary(outIndex, grouped ? ca.node() : -1,
        RowRandom.hash("secondary:" + child.metadata().table() + "." + s.foreignKey()), keys, weights, childCode,
        grouped ? ca.cardinality() : 0);
  }

  private static CompiledSampler sampler(SynthModel model, StructType schema, long seed, GeneratePlan plan,
      GenerateSettings settings, String zone) {
    CompiledNetwork network = Conditions.apply(new CompiledNetwork(model.network()), model, settings.conditions(),
        schema);
    return new CompiledSampler(model, network, schema, seed, plan, null, null, zone);
  }

  /** Parent state code -> child state code of the same value (-1: the child has no state for it, left free). */
  static int[] codeMap(ModelColumn parent, ModelColumn child) {
    int[] map = new int[parent.cardinality()];
    List<String> values = codeValues(parent);
    for (int k = 0; k < map.length; k++) {
      String v = values.get(k);
      map[k] = v == null ? -1 : CountModel.NULL.equals(v) ? child.nullCode() : child.categories().indexOf(v);
    }
    return map;
  }

  /** The value of each state code of a categorical column: its category, {@link CountModel#NULL}, null for OTHER. */
  static List<String> codeValues(ModelColumn c) {
    List<String> out = new ArrayList<>();
    if (c == null || c.role() != Role.CATEGORICAL) {
      return out;
    }
    for (int k = 0; k < c.cardinality(); k++) {
      out.add(k < c.categories().size() ? c.categories().get(k) : k == c.nullCode() ? CountModel.NULL : null);
    }
    return out;
  }

  private static ModelColumn column(SynthModel m, String name) {
    if (name == null || name.isEmpty()) {
      return null;
    }
    return m.metadata().columns().stream().filter(c -> c.name().equals(name)).findFirst().orElse(null);
  }

  private static StructType schema(SynthModel m) {
    return (StructType) DataType.fromJson(m.metadata().sourceSchemaJson());
  }

  private static int index(StructType schema, String name, SynthModel m) {
    int i = Arrays.asList(schema.fieldNames()).indexOf(name);
    if (i < 0) {
      throw new LakesynthException(ErrorCode.MODEL_INVALID, m.metadata().table(), "its model has no column '" + name
          + "'");
    }
    return i;
  }

  /** Reads the chain from its broadcast on the executor. */
  static final class FromBroadcast implements FlatMapFunction<Iterator<InternalRow>, InternalRow> {
    private static final long serialVersionUID = 1L;
    private final Broadcast<ChainSampler> chain;

    FromBroadcast(Broadcast<ChainSampler> chain) {
      this.chain = chain;
    }

    @Override
    public java.util.Iterator<InternalRow> call(java.util.Iterator<InternalRow> ids) {
      return chain.value().rows(ids);
    }
  }
}
