package io.lakesynth.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One local SparkSession per test JVM ({@code local[2]}, UI off, 2 shuffle partitions, UTC,
 * Delta enabled), shared by every test class that uses {@code @ExtendWith(SparkExtension.class)}
 * and stopped when the JVM exits.
 */
public final class SparkExtension implements ParameterResolver {
  private static SparkSession session;

  /** The shared session, created on first use. */
  public static synchronized SparkSession spark() {
    if (session == null) {
      try {
        Path warehouse = Files.createTempDirectory("lakesynth-warehouse");
        session = SparkSession.builder()
            .master("local[2]")
            .appName("lakesynth-tests")
            .config("spark.ui.enabled", "false")
            .config("spark.sql.shuffle.partitions", "2")
            .config("spark.default.parallelism", "2")
            .config("spark.sql.session.timeZone", "UTC")
            .config("spark.driver.host", "127.0.0.1")
            .config("spark.sql.warehouse.dir", warehouse.toUri().toString())
            .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
            .config("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
            .config("spark.databricks.delta.snapshotPartitions", "2")
            .config("spark.sql.adaptive.enabled", "false")
            .getOrCreate();
        session.sparkContext().setLogLevel("WARN");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> session.stop()));
      } catch (java.io.IOException e) {
        throw new IllegalStateException(e);
      }
    }
    return session;
  }

  @Override
  public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
    return parameterContext.getParameter().getType() == SparkSession.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
    return spark();
  }
}
