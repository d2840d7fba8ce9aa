package io.lakesynth.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A real S3 API server for tests: S3Proxy (its fat jar, from Maven Central via the build) as a child
 * JVM on a free loopback port, filesystem backend in a temp dir, one bucket, and credentials made up
 * per test JVM. One server per test JVM (Hadoop caches S3A clients per bucket for the whole JVM), shared
 * by every class that uses {@code @ExtendWith(S3ProxyExtension.class)}; killed when the JVM exits.
 * {@link Server#stop()} and {@link Server#start()} let fault tests take it away and bring it back on the
 * same port with the same data.
 */
public final class S3ProxyExtension implements ParameterResolver {
  public static final String BUCKET = "lakesynth-test";
  private static Server server;

  /** The shared server, started on first use. */
  public static synchronized Server server() {
    if (server == null) {
      try {
        server = new Server();
        server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
      } catch (IOException e) {
        throw new IllegalStateException("cannot start S3Proxy: " + e.getMessage(), e);
      }
    }
    return server;
  }

  @Override
  public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
    return parameterContext.getParameter().getType() == Server.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
    return server();
  }

  /** One S3Proxy process; its port, data dir and credentials stay the same across stop/start. */
  public static final class Server {
    private final Path jar;
    private final Path dir;
    private final int port;
    private final String accessKey;
    private final String secretKey;
    private Process process;

    Server() throws IOException {
      String prop = System.getProperty("lakesynth.s3proxy.jar");
      if (prop == null || !Files.isRegularFile(Path.of(prop))) {
        throw new IllegalStateException("system property lakesynth.s3proxy.jar must name the S3Proxy fat jar"
            + " (the build copies org.gaul:s3proxy:jar-with-dependencies to jobs/target/s3proxy); got " + prop);
      }
      this.jar = Path.of(prop);
      this.dir = Files.createTempDirectory("lakesynth-s3");
      Files.createDirectories(dir.resolve("data").resolve(BUCKET)); // filesystem backend: bucket = directory
      this.port = TestData.freePort();
      SecureRandom random = new SecureRandom();
      this.accessKey = "test-" + HexFormat.of().formatHex(random.generateSeed(6));
      this.secretKey = HexFormat.of().formatHex(random.generateSeed(18));
    }

    /** Starts the process (again) and waits until it answers HTTP. */
    public synchronized void start() throws IOException {
      if (process != null && process.isAlive()) {
        return;
      }
      Properties p = new Properties();
      p.setProperty("s3proxy.endpoint", endpoint());
      p.setProperty("s3proxy.authorization", "aws-v2-or-v4");
      p.setProperty("s3proxy.identity", accessKey);
      p.setProperty("s3proxy.credential", secretKey);
      p.setProperty("jclouds.provider", "filesystem-nio2");
      p.setProperty("jclouds.filesystem.basedir", dir.resolve("data").toString());
      Path props = dir.resolve("s3proxy.properties");
      try (OutputStream out = Files.newOutputStream(props)) {
        p.store(out, "lakesynth test S3 server");
      }
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      process = new ProcessBuilder(java, "-Xmx256m", "-jar", jar.toString(), "--properties", props.toString())
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("s3proxy.log").toFile()))
          .start();
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (System.nanoTime() < deadline) {
        if (!process.isAlive()) {
          throw new IOException("S3Proxy exited with " + process.exitValue() + "; log " + dir.resolve("s3proxy.log"));
        }
        if (answers()) {
          return;
        }
        sleep(200);
      }
      throw new IOException("S3Proxy did not answer on " + endpoint() + " within 60 s");
    }

    /** Kills the process (the data stays). */
    public synchronized void stop() {
      if (process != null) {
        process.destroyForcibly();
        try {
          process.waitFor(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        process = null;
      }
    }

    private boolean answers() {
      try {
        HttpURLConnection c = (HttpURLConnection) URI.create(endpoint() + "/").toURL().openConnection();
        c.setConnectTimeout(500);
        c.setReadTimeout(1000);
        int code = c.getResponseCode(); // 403 for an unsigned request: it is up
        c.disconnect();
        return code > 0;
      } catch (IOException e) {
        return false;
      }
    }

    public String endpoint() {
      return "http://127.0.0.1:" + port;
    }

    /** s3a:// URI of a key in the test bucket. */
    public String uri(String key) {
      return "s3a://" + BUCKET + "/" + key;
    }

    /** The local directory that backs the bucket (to inspect what was written, byte for byte). */
    public Path bucketDir() {
      return dir.resolve("data").resolve(BUCKET);
    }

    public String accessKey() {
      return accessKey;
    }

    public String secretKey() {
      return secretKey;
    }

    /** Environment for a lakesynth child process: credentials for S3A's provider chain, the endpoint for conf/s3.conf. */
    public Map<String, String> environment() {
      Map<String, String> env = new LinkedHashMap<>();
      env.put("AWS_ACCESS_KEY_ID", accessKey);
      env.put("AWS_SECRET_ACCESS_KEY", secretKey);
      env.put("LAKESYNTH_S3_ENDPOINT", endpoint());
      return env;
    }

    /** Points the test JVM's S3A at this server (Hadoop configuration only, never Spark conf or logs). */
    public void configure(SparkSession spark) {
      Configuration c = spark.sparkContext().hadoopConfiguration();
      c.set("fs.s3a.endpoint", endpoint());
      c.set("fs.s3a.endpoint.region", "us-east-1");
      c.set("fs.s3a.path.style.access", "true");
      c.set("fs.s3a.aws.credentials.provider", "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider");
      c.set("fs.s3a.access.key", accessKey);
      c.set("fs.s3a.secret.key", secretKey);
      c.set("fs.s3a.attempts.maximum", "2");
      c.set("fs.s3a.retry.limit", "2");
    }

    private static void sleep(long ms) {
      try {
        Thread.sleep(ms);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
