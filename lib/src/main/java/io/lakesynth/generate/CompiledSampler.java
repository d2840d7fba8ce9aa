package io.lakesynth.generate;

import io.lakesynth.model.ModelColumn;
import io.lakesynth.model.SynthModel;
import io.lakesynth.model.bn.AliasTable;
import io.lakesynth.model.bn.CompiledNetwork;
import io.lakesynth.model.gmm.MixtureMath;
import io.lakesynth.model.gmm.Normal;
import io.lakesynth.profile.Role;
import java.io.Serializable;
import java.util.Iterator;
import java.util.List;
import java.util.function.ToLongFunction;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Everything needed to build rows, compiled once on the driver and broadcast: the network's
 * alias tables, the mixture's Cholesky factors, one decoder per output column, the row segments.
 * A row is a pure function of (seed, segment stream, row id within the segment).
 */
public final class CompiledSampler implements Serializable, MapPartitionsFunction<Long, Row> {
  private static final long serialVersionUID = 1L;
  /**
   * "No override" in a slice's override row, compared by identity. An enum constant, because the sampler travels to
   * executors serialized: a plain object would come back as another instance there, and every column of a slice
   * would be taken as overridden (found by the lake bench's backfill on the standalone cluster).
   */
  private enum NoOverride { INSTANCE }

  private static final Object NO_OVERRIDE = NoOverride.INSTANCE;

  private final CompiledNetwork network;
  private final MixtureMath mixture;
  private final boolean hybrid;
  private final int componentNode;
  private final double[] componentProb;
  private final int[] componentAlias;
  private final ColumnDecoder[] decoders;
  private final long seed;
  private final long[] segmentStart;
  private final long[] segmentStream;
  private final long[] segmentKeyBase;
  private final int[][] segmentEvidence;
  private final Object[][] segmentOverride;
  private final DerivedColumns derived;

  CompiledSampler(SynthModel model, CompiledNetwork network, StructType schema, long seed, GeneratePlan plan,
      int[][] evidence, Object[][] overrides, String zone) {
    this.network = network;
    this.mixture = model.mixture() == null ? null : new MixtureMath(model.mixture());
    this.componentNode = model.metadata().componentNode();
    this.hybrid = componentNode >= 0;
    if (mixture != null && !hybrid) {
      int k = mixture.components();
      componentProb = new double[k];
      componentAlias = new int[k];
      AliasTable.build(model.mixture().weights(), 0, k, componentProb, componentAlias, 0);
    } else {
      componentProb = null;
      componentAlias = null;
    }
    List<ModelColumn> cols = model.metadata().columns();
    this.decoders = new ColumnDecoder[cols.size()];
    StructField[] fields = schema.fields();
    for (int i = 0; i < cols.size(); i++) {
      decoders[i] = decoder(cols.get(i), fields[i], model, seed);
    }
    this.seed = seed;
    int n = plan.segments().size();
    segmentStart = new long[n + 1];
    segmentStream = new long[n];
    segmentKeyBase = new long[n];
    for (int s = 0; s < n; s++) {
      GeneratePlan.Segment seg = plan.segments().get(s);
      segmentStart[s + 1] = segmentStart[s] + seg.rows();
      segmentStream[s] = seg.stream();
      segmentKeyBase[s] = seg.keyBase();
    }
    this.segmentEvidence = evidence;
    this.segmentOverride = overrides;
    DataType[] types = new DataType[fields.length];
    for (int i = 0; i < fields.length; i++) {
      types[i] = fields[i].dataType();
    }
    this.derived = DerivedColumns.of(cols, types, zone, plan.sliceColumn(),
        plan.segments().stream().map(GeneratePlan.Segment::value).toList());
  }

  private static ColumnDecoder decoder(ModelColumn c, StructField field, SynthModel model, long seed) {
    if (c.derived()) {
      return new ColumnDecoder.Fixed(c.name(), field.dataType(), null, 1.0); // filled by DerivedColumns
    }
    return switch (c.role()) {
      case CATEGORICAL -> new ColumnDecoder.Categorical(c, field.dataType(), StringSamplers.of(model, c.name()));
      case CONTINUOUS -> new ColumnDecoder.Continuous(c, field.dataType(), "gmm".equals(model.metadata().modelType()),
          model.refinement().of(c.node()), model.network().structure().parents()[c.node()],
          model.network().cardinalities());
      case IDENTIFIER -> new SyntheticValues.Identifier(c, field.dataType(), seed);
      case TEXT -> StringSamplers.of(model, c.name()) != null
          ? new SyntheticValues.Text(c, field.dataType(), StringSamplers.of(model, c.name()))
          // no n-gram held by enough rows to generate from: nulls rather than a placeholder text
          : new ColumnDecoder.Fixed(c.name(), field.dataType(), null, 1.0);
      case PII -> new SyntheticValues.Fake(c, field.dataType());
      case CONSTANT -> new ColumnDecoder.Fixed(c.name(), field.dataType(),
          TypedValues.parse(c.constant(), field.dataType()), c.nullRate());
      case IGNORED -> new ColumnDecoder.Fixed(c.name(), field.dataType(), null, 1.0);
    };
  }

  /** Marker for "no fixed value" in overrides. */
  static Object noOverride() {
    return NO_OVERRIDE;
  }

  public long totalRows() {
    return segmentStart[segmentStart.length - 1];
  }

  @Override
  public Iterator<Row> call(Iterator<Long> ids) {
    return mapIds(ids, Long::longValue, this::build);
  }

  /**
   * The rows for the ids of a {@code spark.range} partition, as InternalRows (no Row encoder on the way to the
   * writer): the same values as {@link #call}, in Spark's internal representation.
   */
  public Iterator<InternalRow> internalRows(Iterator<InternalRow> ids) {
    Object[][] overrides = internalOverrides();
    return mapIds(ids, r -> r.getLong(0), (st, segment, id) -> {
      sampleCodes(st, segment, id);
      Object[] values = new Object[decoders.length];
      Object[] override = overrides == null ? null : overrides[segment];
      for (int i = 0; i < decoders.length; i++) {
        values[i] = override != null && override[i] != NO_OVERRIDE ? override[i] : decoders[i].decodeInternal(st);
      }
      if (derived != null) {
        derived.applyInternal(values, segment);
      }
      return new GenericInternalRow(values);
    });
  }

  private interface RowMaker<O> {
    O make(RowState st, int segment, long id);
  }

  /** One output row per id, with one reused row state per partition. */
  private <I, O> Iterator<O> mapIds(Iterator<I> ids, ToLongFunction<I> idOf, RowMaker<O> maker) {
    RowState st = newState();
    return new Iterator<>() {
      int segment = 0;

      @Override
      public boolean hasNext() {
        return ids.hasNext();
      }

      @Override
      public O next() {
        long id = idOf.applyAsLong(ids.next());
        segment = segmentOf(segment, id);
        return maker.make(st, segment, id);
      }
    };
  }

  /** The segment holding row {@code id}, searched from the previous row's segment (ids mostly ascend). */
  private int segmentOf(int from, long id) {
    int s = from;
    while (id >= segmentStart[s + 1]) {
      s++;
    }
    while (id < segmentStart[s]) {
      s--;
    }
    return s;
  }

  private Object[][] internalOverrides() {
    if (segmentOverride == null) {
      return null;
    }
    Object[][] out = new Object[segmentOverride.length][];
    for (int s = 0; s < out.length; s++) {
      out[s] = new Object[decoders.length];
      for (int i = 0; i < decoders.length; i++) {
        Object o = segmentOverride[s][i];
        out[s][i] = o == NO_OVERRIDE ? NO_OVERRIDE : TypedValues.toInternal(o, decoders[i].type);
      }
    }
    return out;
  }

  /** One row; public for tests of determinism without Spark. */
  Row build(RowState st, int segment, long id) {
    sampleCodes(st, segment, id);
    Object[] values = new Object[decoders.length];
    Object[] override = segmentOverride == null ? null : segmentOverride[segment];
    for (int i = 0; i < decoders.length; i++) {
      values[i] = override != null && override[i] != NO_OVERRIDE ? override[i] : decoders[i].decode(st);
    }
    if (derived != null) {
      derived.applyExternal(values, segment);
    }
    return RowFactory.create(values);
  }

  /** Seeds the row's state and draws the network's codes (and the mixture) for one row. */
  private void sampleCodes(RowState st, int segment, long id) {
    long rowId = id - segmentStart[segment];
    sampleCodes(st, segmentStream[segment], rowId, segmentKeyBase[segment] + rowId,
        segmentEvidence == null ? null : segmentEvidence[segment]);
  }

  private void sampleCodes(RowState st, long stream, long rowId, long uniqueKey, int[] evidence) {
    st.seed = seed;
    st.stream = stream;
    st.rowId = rowId;
    st.uniqueKey = uniqueKey;
    st.rng.reset(seed, st.stream, st.rowId);
    network.sample(st.rng, st.codes, evidence);
    if (mixture != null) {
      drawMixture(st);
    }
  }

  /**
   * One row of an explicit identity (multi-table generation: a child row of a parent key), in Spark's internal
   * representation: randomness from (seed, stream, rowId), identifiers from {@code uniqueKey}, nodes with
   * {@code evidence[node] >= 0} fixed to that code. The node codes stay in {@code st}.
   */
  Object[] internalValues(RowState st, long stream, long rowId, long uniqueKey, int[] evidence) {
    sampleCodes(st, stream, rowId, uniqueKey, evidence);
    Object[] values = new Object[decoders.length];
    for (int i = 0; i < decoders.length; i++) {
      values[i] = decoders[i].decodeInternal(st);
    }
    if (derived != null) {
      derived.applyInternal(values, 0);
    }
    return values;
  }

  /** A fresh row state sized for this sampler. */
  RowState newState() {
    return new RowState(network.nodeCount(), mixture == null ? 0 : mixture.dimensions());
  }

  private void drawMixture(RowState st) {
    int c = hybrid ? st.codes[componentNode]
        : AliasTable.sample(componentProb, componentAlias, 0, componentProb.length, st.rng.nextDouble());
    int d = mixture.dimensions();
    for (int i = 0; i < d; i++) {
      st.gauss[i] = st.rng.nextGaussian();
    }
    mixture.sample(c, st.gauss, st.z);
    for (int i = 0; i < d; i++) {
      double standard = hybrid ? (st.z[i] - mixture.mean(c, i)) / mixture.sd(c, i) : st.z[i];
      st.z[i] = Normal.cdf(standard);
    }
    st.component = c;
  }

  static boolean isModelled(ModelColumn c) {
    return c.role() == Role.CATEGORICAL || c.role() == Role.CONTINUOUS;
  }
}
