package io.lakesynth.model.text;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakesynth.testing.SparkExtension;
import io.lakesynth.testing.TestData;
import io.lakesynth.util.RowRandom;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** String models fitted on the zoo's real text columns, checked against plain-Java counts and a holdout. */
@ExtendWith(SparkExtension.class)
class StringModelFitterTest {
  static final long SEED = 20261203L;
  static final int GENERATED = 5000;
  /** Kolmogorov-Smirnov coefficient c(α) for α = 0.001. */
  static final double C_ALPHA = 1.95;
  /** What the sampler may lose on top of sampling noise: it accepts free draws near the target length. */
  static final double MODEL_ALLOWANCE = 0.05;

  record Split(List<String> train, List<String> holdout) {}

  /** The column's non-null values split 80/20 by a seeded hash of the row number. */
  static Split split(SparkSession spark, String file, String column) {
    List<Row> rows = spark.read().option("header", true).csv(TestData.zoo(file).toString())
        .select("`" + column + "`").collectAsList();
    List<String> train = new ArrayList<>();
    List<String> holdout = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      String v = rows.get(i).getString(0);
      if (v != null) {
        (RowRandom.of(SEED, RowRandom.hash(file), i).nextDouble() < 0.8 ? train : holdout).add(v);
      }
    }
    return new Split(train, holdout);
  }

  static Dataset<Row> frame(SparkSession spark, List<String> values, String column) {
    return spark.createDataset(values, Encoders.STRING()).toDF(column);
  }

  static StringModel fit(SparkSession spark, List<String> values, TextModelParams params) {
    return new StringModelFitter(params).fit(frame(spark, values, "v"), List.of("v")).get("v");
  }

  static List<String> generate(StringModel m, long stream, int n) {
    List<String> out = new ArrayList<>(n);
    RowRandom rng = RowRandom.of(SEED, stream, 0);
    for (int i = 0; i < n; i++) {
      rng.reset(SEED, stream, i);
      out.add(m.sample(rng));
    }
    return out;
  }

  static double samplingNoise(int n, int m) {
    return C_ALPHA * Math.sqrt(1.0 / n + 1.0 / m);
  }

  @ParameterizedTest
  @CsvSource({"airports.csv, name", "airports.csv, city", "earthquakes.csv, place", "cars.csv, Name",
      "zipcodes.csv, city", "zipcodes.csv, county"})
  void zooColumnsKeepLengthsWordsAndBigramsWithoutCopyingMoreThanTheHoldout(String file, String column,
      SparkSession spark) {
    Split s = split(spark, file, column);
    long t0 = System.nanoTime();
    StringModel m = fit(spark, s.train(), TextModelParams.defaults());
    long fitMs = (System.nanoTime() - t0) / 1_000_000;
    long g0 = System.nanoTime();
    List<String> gen = generate(m, RowRandom.hash(column), GENERATED);
    double perSecond = GENERATED / ((System.nanoTime() - g0) / 1e9);
    Set<String> train = new HashSet<>(s.train());
    double lengthKs = TextMetrics.ksComplement(s.train(), gen, TextMetrics::length);
    double wordsTv = TextMetrics.tvComplement(TextMetrics.shares(s.train(), TextMetrics::words),
        TextMetrics.shares(gen, TextMetrics::words));
    double bigramTv = TextMetrics.tvComplement(TextMetrics.bigrams(s.train()), TextMetrics.bigrams(gen));
    double holdoutBigramTv = TextMetrics.tvComplement(TextMetrics.bigrams(s.train()), TextMetrics.bigrams(s.holdout()));
    double copy = TextMetrics.copyRate(gen, train);
    double natural = TextMetrics.copyRate(s.holdout(), train);
    System.out.printf("string model %s.%s: train %d, fit %d ms, %d transitions, JSON %d chars, %.0f strings/s;"
        + " length KS %.3f, words TV %.3f, bigram TV %.3f (holdout %.3f), copy rate %.3f (holdout %.3f); e.g. %s%n",
        file, column, s.train().size(), fitMs, m.transitions().size(), m.toJson().length(), perSecond, lengthKs,
        wordsTv, bigramTv, holdoutBigramTv, copy, natural, gen.subList(0, 6));

    double bound = 1 - MODEL_ALLOWANCE - samplingNoise(s.train().size(), GENERATED);
    assertThat(lengthKs).as("length KS complement").isGreaterThanOrEqualTo(bound);
    assertThat(wordsTv).as("word count TV complement").isGreaterThanOrEqualTo(bound);
    // bigram frequencies: no further from the training values than a real holdout, but for 0.15
    assertThat(bigramTv).as("bigram TV complement").isGreaterThanOrEqualTo(holdoutBigramTv - 0.15);
    assertThat(copy).as("verbatim copies of training values").isLessThanOrEqualTo(natural);
    assertThat(gen).doesNotContainNull();
  }

  @Test
  void everyKeptTransitionIsHeldByAtLeastKRowsAsCountedIndependently(SparkSession spark) {
    List<String> names = split(spark, "airports.csv", "name").train();
    TextModelParams p = TextModelParams.defaults();
    StringModel m = fit(spark, names, p);
    Map<String, Long> rows = IndependentCounts.rowsPerTransition(names, p.order(), p.maxLength());
    Transitions t = m.transitions();
    assertThat(t.size()).isPositive();
    for (int i = 0; i < t.size(); i++) {
      String key = IndependentCounts.key(t.order()[i], t.context()[i], t.next()[i]);
      assertThat(t.rows()[i]).as(key).isEqualTo(rows.get(key)).isGreaterThanOrEqualTo(p.rareThreshold());
    }
    // every transition held by k rows is kept (under maxTransitions), with its context's total
    Set<String> contexts = new HashSet<>();
    long frequent = 0;
    for (Map.Entry<String, Long> e : rows.entrySet()) {
      if (e.getValue() >= p.rareThreshold() && !e.getKey().endsWith("|-2")) {
        frequent++;
        contexts.add(e.getKey().substring(0, e.getKey().lastIndexOf('|')));
      }
    }
    assertThat(t.size()).isEqualTo(frequent + contexts.size());
    assertThat(rows.values().stream().filter(n -> n < p.rareThreshold()).count()).as("rare ones exist").isPositive();
    // lengths and word counts: every kept value held by k rows, the rarer ones merged, nothing lost
    TreeMap<Integer, Long> lengths = new TreeMap<>();
    names.forEach(n -> lengths.merge(TextMetrics.length(n), 1L, Long::sum));
    for (Histogram h : List.of(m.lengths(), m.words())) {
      assertThat(java.util.Arrays.stream(h.counts()).min().orElseThrow()).isGreaterThanOrEqualTo(p.rareThreshold());
      assertThat(h.total()).isEqualTo(names.size());
    }
    assertThat(java.util.Arrays.stream(m.lengths().values()).boxed().toList())
        .containsExactlyElementsOf(lengths.entrySet().stream().filter(e -> e.getValue() >= p.rareThreshold())
            .map(Map.Entry::getKey).toList());
    assertThat(m.rows()).isEqualTo(names.size());
  }

  @Test
  void aTaskBufferThatFillsAndFlushesGivesTheSameCounts(SparkSession spark) {
    List<String> names = split(spark, "airports.csv", "name").train();
    org.apache.spark.sql.Dataset<org.apache.spark.sql.Row> df = frame(spark, names, "v");
    List<String> whole = new StringModelFitter().counts(df, List.of("v"), Map.of()).collectAsList().stream()
        .map(Object::toString).sorted().toList();
    List<String> flushed = new StringModelFitter().bufferedFeatures(7).counts(df, List.of("v"), Map.of())
        .collectAsList().stream().map(Object::toString).sorted().toList();
    assertThat(whole).hasSizeGreaterThan(100);
    assertThat(flushed).isEqualTo(whole);
  }

  @Test
  void maxTransitionsKeepsTheMostWidelyHeld(SparkSession spark) {
    List<String> names = split(spark, "airports.csv", "name").train();
    TextModelParams p = TextModelParams.defaults().withMaxTransitions(500);
    StringModel m = fit(spark, names, p);
    Map<String, Long> rows = IndependentCounts.rowsPerTransition(names, p.order(), p.maxLength());
    Set<String> kept = new HashSet<>();
    long minKept = Long.MAX_VALUE;
    for (int i = 0; i < m.transitions().size(); i++) {
      kept.add(IndependentCounts.key(m.transitions().order()[i], m.transitions().context()[i],
          m.transitions().next()[i]));
      minKept = Math.min(minKept, m.transitions().rows()[i]);
    }
    // 500 ranked, less the context totals whose transitions were all cut
    assertThat(kept.size()).isBetween(250, 500);
    long maxDropped = rows.entrySet().stream().filter(e -> !kept.contains(e.getKey()) && !e.getKey().endsWith("|-2"))
        .mapToLong(Map.Entry::getValue).max().orElseThrow();
    assertThat(minKept).isGreaterThanOrEqualTo(maxDropped);
    assertThat(m.isEmpty()).isFalse();
    assertThat(generate(m, 3, 200)).allMatch(x -> x.length() <= p.maxLength());
  }

  @Test
  void uniqueTokensAreNeverReproducedBecauseRareTransitionsAreSuppressed(SparkSession spark) {
    // 2,000 unique random 12-character tokens: every 4-gram of a token is held by about one row
    List<String> values = new ArrayList<>();
    RowRandom r = RowRandom.of(SEED, 99, 0);
    String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
    for (int i = 0; i < 2000; i++) {
      StringBuilder b = new StringBuilder();
      for (int j = 0; j < 12; j++) {
        b.append(alphabet.charAt(r.nextInt(alphabet.length())));
      }
      values.add(b.toString());
    }
    Set<String> tokens = new HashSet<>(values);
    assertThat(tokens).hasSize(2000);
    StringModel protectedModel = fit(spark, values, TextModelParams.defaults());
    double copies = TextMetrics.copyRate(generate(protectedModel, 5, GENERATED), tokens);
    // the same model without the threshold (k = 1) copies tokens: the check above can fail
    StringModel unprotected = fit(spark, values, TextModelParams.defaults().withRareThreshold(1));
    double unprotectedCopies = TextMetrics.copyRate(generate(unprotected, 5, GENERATED), tokens);
    System.out.printf("unique tokens: copy rate %.4f with k = 5, %.4f with k = 1%n", copies, unprotectedCopies);
    assertThat(copies).isZero();
    Transitions kept = protectedModel.transitions();
    for (int i = 0; i < kept.size(); i++) {
      if (kept.next()[i] != StringFeatures.ANY) {
        assertThat(kept.context()[i]).as("no 4-gram of a token survives").hasSizeLessThanOrEqualTo(2);
      }
    }
    assertThat(unprotectedCopies).isGreaterThan(0.2);
  }

  @Test
  void oneSparkJobFitsAnyNumberOfColumns(SparkSession spark) {
    Dataset<Row> airports = spark.read().option("header", true).csv(TestData.zoo("airports.csv").toString()).cache();
    try {
      airports.count();
      assertThat(jobs(spark, airports, List.of("name"))).isEqualTo(1);
      assertThat(jobs(spark, airports, List.of("name", "city", "state", "country", "iata"))).isEqualTo(1);
      assertThat(jobs(spark, airports, List.of())).isZero();
      // adaptive execution runs each shuffle stage as a job of its own: still a constant, whatever the columns
      spark.conf().set("spark.sql.adaptive.enabled", "true");
      int adaptive = jobs(spark, airports, List.of("name"));
      System.out.println("string model fit with adaptive execution: " + adaptive + " Spark jobs");
      assertThat(adaptive).isLessThanOrEqualTo(3);
      assertThat(jobs(spark, airports, List.of("name", "city", "state", "country", "iata"))).isEqualTo(adaptive);
    } finally {
      spark.conf().set("spark.sql.adaptive.enabled", "false");
      airports.unpersist();
    }
  }

  private static int jobs(SparkSession spark, Dataset<Row> data, List<String> columns) {
    String group = "strings-test-" + columns.size();
    int before = spark.sparkContext().statusTracker().getJobIdsForGroup(group).length;
    spark.sparkContext().setJobGroup(group, "string model job count", false);
    try {
      Map<String, StringModel> models = new StringModelFitter().fit(data, columns);
      assertThat(models.keySet()).containsExactlyElementsOf(columns);
    } finally {
      spark.sparkContext().clearJobGroup();
    }
    return spark.sparkContext().statusTracker().getJobIdsForGroup(group).length - before;
  }

  @Test
  void samplesArePureFunctionsOfTheRowRandomAndSurviveJsonAndJavaSerialization(SparkSession spark)
      throws Exception {
    StringModel m = fit(spark, split(spark, "cars.csv", "Name").train(), TextModelParams.defaults());
    List<String> first = generate(m, 11, 1000);
    assertThat(generate(m, 11, 1000)).isEqualTo(first);
    assertThat(generate(m, 12, 1000)).isNotEqualTo(first);
    StringModel reloaded = StringModel.fromJson(m.toJson());
    assertThat(reloaded).isEqualTo(m);
    assertThat(generate(reloaded, 11, 1000)).isEqualTo(first);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(m);
    }
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      assertThat(generate((StringModel) in.readObject(), 11, 1000)).isEqualTo(first);
    }
    // a refit gives the same model (nothing depends on partitioning or hash-map order)
    Dataset<Row> repartitioned = frame(spark, split(spark, "cars.csv", "Name").train(), "v").repartition(3);
    assertThat(new StringModelFitter().fit(repartitioned, List.of("v")).get("v")).isEqualTo(m);
  }

  @Test
  void rejectedValuesAreRedrawn(SparkSession spark) {
    Split s = split(spark, "zipcodes.csv", "county");
    StringModel m = fit(spark, s.train(), TextModelParams.defaults());
    Map<String, Long> counts = new HashMap<>();
    s.train().forEach(v -> counts.merge(v, 1L, Long::sum));
    Set<String> kept = new HashSet<>();
    counts.forEach((v, n) -> {
      if (n >= 20) {
        kept.add(v); // the caller's kept categorical values
      }
    });
    RowRandom rng = RowRandom.of(SEED, 21, 0);
    int rejected = 0;
    for (int i = 0; i < 2000; i++) {
      rng.reset(SEED, 21, i);
      String v = m.sample(rng, x -> x.isEmpty() || kept.contains(x), 50);
      rejected += kept.contains(v) || v.isEmpty() ? 1 : 0;
    }
    assertThat(TextMetrics.copyRate(generate(m, 21, 2000), kept)).as("without the predicate").isGreaterThan(0.1);
    assertThat(rejected).isZero();
  }

  @Test
  void columnsWithTooLittleSupportAreEmpty(SparkSession spark) {
    Dataset<Row> tiny = spark.sql("SELECT * FROM VALUES ('alpha', CAST(NULL AS STRING)), ('beta', NULL),"
        + " ('gamma', NULL) AS t(a, b)");
    Map<String, StringModel> models = new StringModelFitter().fit(tiny, List.of("a", "b"));
    assertThat(models.get("a").isEmpty()).isTrue();
    assertThat(models.get("a").rows()).isEqualTo(3);
    assertThat(models.get("b").isEmpty()).isTrue();
    assertThat(models.get("b").rows()).isZero();
  }

  @Test
  void aParentValueSteersItsStrings(SparkSession spark) {
    Dataset<Row> quakes = spark.read().option("header", true).csv(TestData.zoo("earthquakes.csv").toString());
    String group = "strings-test-parent";
    int before = spark.sparkContext().statusTracker().getJobIdsForGroup(group).length;
    spark.sparkContext().setJobGroup(group, "string model with a parent", false);
    StringModel m;
    try {
      m = new StringModelFitter().fit(quakes, List.of("place"), Map.of("place", "net")).get("place");
    } finally {
      spark.sparkContext().clearJobGroup();
    }
    assertThat(spark.sparkContext().statusTracker().getJobIdsForGroup(group).length - before).isEqualTo(1);
    assertThat(m.parent()).isEqualTo("net");
    // net values held by fewer than k rows (se: 1 row) keep nothing, not even their name
    assertThat(m.groups()).extracting(ParentGroup::value).contains("ak", "ci", "hv", "nc").doesNotContain("se");
    assertThat(m.toJson()).contains("\"value\":\"ak\"").doesNotContain("\"value\":\"se\"");
    assertThat(m.size()).isGreaterThan(m.transitions().size());
    double alaska = endsWith(m, "ak", ", Alaska");
    double california = endsWith(m, "ci", ", CA");
    double hawaii = endsWith(m, "hv", ", Hawaii");
    double unconditional = endsWith(m, null, ", Alaska");
    System.out.printf("place | net: ', Alaska' given ak %.3f (real 0.98), ', CA' given ci %.3f (real 0.98),"
        + " ', Hawaii' given hv %.3f (real 1.00); ', Alaska' without parent %.3f (real 0.17)%n", alaska, california,
        hawaii, unconditional);
    assertThat(alaska).isGreaterThan(0.8);
    assertThat(california).isGreaterThan(0.8);
    assertThat(hawaii).isGreaterThan(0.8);
    assertThat(unconditional).isLessThan(0.4);
    assertThat(StringModel.fromJson(m.toJson())).isEqualTo(m);
    RowRandom a = RowRandom.of(SEED, 8, 8);
    RowRandom b = RowRandom.of(SEED, 8, 8);
    assertThat(m.sample(a, "unknown net")).isEqualTo(m.sample(b)); // unknown parent value: the column's model
  }

  private static double endsWith(StringModel m, String parent, String suffix) {
    RowRandom rng = RowRandom.of(SEED, 31, 0);
    int hits = 0;
    for (int i = 0; i < 2000; i++) {
      rng.reset(SEED, 31, i);
      hits += m.sample(rng, parent).endsWith(suffix) ? 1 : 0;
    }
    return hits / 2000.0;
  }

  @Test
  void longValuesAreTruncatedToMaxLength(SparkSession spark) {
    List<String> quakes = split(spark, "earthquakes.csv", "place").train();
    StringModel m = fit(spark, quakes, TextModelParams.defaults().withMaxLength(12));
    assertThat(java.util.Arrays.stream(m.lengths().values()).max().orElseThrow()).isEqualTo(12);
    assertThat(generate(m, 4, 2000)).allMatch(x -> TextMetrics.length(x) <= 12).anyMatch(x -> x.length() == 12);
  }
}
