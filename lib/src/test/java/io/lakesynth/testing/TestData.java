package io.lakesynth.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/** Locates the real datasets bundled with the project (data/sample, data/zoo) and free loopback ports. */
public final class TestData {
  private TestData() {}

  /** The project root (the folder holding the parent pom). */
  public static Path projectRoot() {
    Path p = Paths.get("").toAbsolutePath();
    while (p != null && !Files.exists(p.resolve("lib").resolve("pom.xml"))) {
      p = p.getParent();
    }
    if (p == null) {
      throw new IllegalStateException("cannot find the lakesynth project root from " + Paths.get("").toAbsolutePath());
    }
    return p;
  }

  /** adult.csv bundled with the project (data/sample/adult.csv). */
  public static Path adult() {
    return projectRoot().resolve("data/sample/adult.csv");
  }

  /** A table of the bundled zoo (data/zoo: adult.csv, penguins.csv, seattle-weather.csv, zipcodes.csv, ...). */
  public static Path zoo(String name) {
    Path p = projectRoot().resolve("data/zoo").resolve(name);
    if (!Files.exists(p)) {
      throw new IllegalStateException("test data " + p + " is missing");
    }
    return p;
  }

  /** A TCP port free right now (for servers the tests start: S3Proxy, the standalone master). */
  public static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
