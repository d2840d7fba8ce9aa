package io.lakesynth.multitable;

import io.lakesynth.config.MultiTableSettings;
import io.lakesynth.config.MultiTableSettings.ForeignKey;
import io.lakesynth.config.MultiTableSettings.TableSettings;
import io.lakesynth.config.Settings;
import io.lakesynth.io.Paths;
import io.lakesynth.io.TableReader;
import io.lakesynth.model.CountModel;
import io.lakesynth.model.FitAction;
import io.lakesynth.model.LinkModel;
import io.lakesynth.model.ModelStore;
import io.lakesynth.model.SynthModel;
import io.lakesynth.profile.ProfileAction;
import io.lakesynth.profile.ProfileJson;
import io.lakesynth.profile.TableProfile;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Profiles and fits every table of a multi-table schema, parents first. A root table is fitted like a single table
 * (its primary key as identifier). A child is fitted on its rows joined with chosen parent columns per link
 * ({@link Links#augment}): the primary link's columns are forced roots of its network, so that generation can fix
 * them to the generated parent's values exactly; a secondary link's columns are ordinary nodes (sampled, then a
 * parent with that value is picked). Per link a {@link CountModel} of children per parent row conditioned on the
 * first parent column. Writes profile.json, model/ and links.json under each table's work dir.
 */
public final class MultiTableFit {
  private static final Logger LOG = LoggerFactory.getLogger(MultiTableFit.class);

  /** One fitted table; {@code links} is null for a root table. */
  public record Fitted(TableSettings table, TableProfile profile, SynthModel model, LinkModel links) {}

  private final SparkSession spark;
  private MultiTableSettings settings;
  private Map<String, Dataset<Row>> tables;
  private Map<String, Long> orphans = Map.of();
  private String runDate = "";

  public MultiTableFit(SparkSession spark) {
    this.spark = spark;
  }

  public MultiTableFit settings(MultiTableSettings value) {
    this.settings = value;
    return this;
  }

  /** The real tables by name. */
  public MultiTableFit tables(Map<String, Dataset<Row>> value) {
    this.tables = value;
    return this;
  }

  /** Orphan rows per "table.fk" ({@link KeyChecks#orphans}), recorded in links.json. */
  public MultiTableFit orphans(Map<String, Long> value) {
    this.orphans = value;
    return this;
  }

  public MultiTableFit runDate(String value) {
    this.runDate = value == null ? "" : value;
    return this;
  }

  public Map<String, Fitted> execute() {
    Map<String, Fitted> out = new LinkedHashMap<>();
    for (TableSettings t : settings.tables()) {
      out.put(t.name(), fit(t, out));
    }
    return out;
  }

  private Fitted fit(TableSettings t, Map<String, Fitted> fitted) {
    Settings s = t.settings();
    Dataset<Row> real = tables.get(t.name());
    Map<String, String> roles = new LinkedHashMap<>();
    if (!t.primaryKey().isEmpty()) {
      roles.put(t.primaryKey(), "identifier");
    }
    List<List<String>> attributes = new ArrayList<>();
    List<String> roots = new ArrayList<>();
    Map<String, String> policies = new LinkedHashMap<>();
    for (ForeignKey f : t.foreignKeys()) {
      TableSettings parent = settings.table(f.table());
      List<String> attrs = Links.evidenceAttributes(fitted.get(f.table()).profile(), parent.primaryKey(),
          settings.maxParentAttributes(), settings.maxAttributeStates());
      attributes.add(attrs);
      for (String a : attrs) {
        String c = LinkModel.Link.childColumn(f.column(), a);
        roles.put(c, "categorical");
        policies.put(c, "redistribute");
        if (t.primaryLink().filter(f::equals).isPresent()) {
          roots.add(c);
        }
      }
      LOG.info("fit: {} -> {}: parent columns as evidence {}", t.name() + "." + f.column(), f.table(), attrs);
    }
    Dataset<Row> frame = t.foreignKeys().isEmpty() ? real : Links.augment(real, t.foreignKeys(), attributes, tables);
    boolean persist = !ProfileAction.isCached(frame);
    if (persist) {
      frame = frame.persist(StorageLevel.MEMORY_AND_DISK());
    }
    try {
      TableProfile profile = new ProfileAction(spark)
          .source(frame, t.name(), s.source().path(), s.source().format().sparkName())
          .partitionColumns(TableReader.partitionColumns(spark, s.source().path(), s.source().format()))
          .settings(s.profile().withRoles(roles)).runDate(runDate).execute();
      Paths.writeString(spark, s.profilePath(), ProfileJson.write(profile));
      SynthModel model = ModelStore.save(spark, new FitAction(spark).source(frame).profile(profile)
          .settings(s.model().withEvidence(roots, policies)).execute(), s.modelPath());
      LinkModel links = t.foreignKeys().isEmpty() ? null : links(t, attributes, profile.params().rareThreshold());
      if (links != null) {
        LinkModel.save(spark, links, linksPath(t));
      }
      LOG.info("fit: {} ({} rows, {} nodes) -> {}", t.name(), profile.rowCount(), model.metadata().nodeNames().size(),
          s.modelPath());
      return new Fitted(t, profile, model, links);
    } finally {
      if (persist) {
        frame.unpersist();
      }
    }
  }

  private LinkModel links(TableSettings t, List<List<String>> attributes, long minParents) {
    Dataset<Row> real = tables.get(t.name());
    List<LinkModel.Link> out = new ArrayList<>();
    for (int i = 0; i < t.foreignKeys().size(); i++) {
      ForeignKey f = t.foreignKeys().get(i);
      List<String> attrs = attributes.get(i);
      CountModel counts = Links.counts(real, f.column(), tables.get(f.table()), f.parentColumn(), attrs, minParents,
          settings.maxChildren());
      out.add(new LinkModel.Link(f.column(), f.table(), f.parentColumn(), i == 0 && !t.pickParent(), attrs, counts,
          orphans.getOrDefault(t.name() + "." + f.column(), 0L)));
      LOG.info("fit: {} per {} row: mean {} (at most {}), conditioned on {}", t.name(), f.table(),
          String.format("%.2f", counts.mean()), counts.maxCount(), counts.condition().isEmpty() ? "nothing"
              : counts.condition());
    }
    return new LinkModel(LinkModel.FORMAT_VERSION, t.name(), real.schema().json(), List.copyOf(out));
  }

  /** {@code <table work dir>/links.json}. */
  public static String linksPath(TableSettings t) {
    return t.settings().workDir().replaceAll("/+$", "") + "/" + LinkModel.FILE;
  }
}
