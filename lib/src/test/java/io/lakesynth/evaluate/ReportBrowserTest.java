package io.lakesynth.evaluate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.lakesynth.model.Holdout;
import io.lakesynth.testing.Fixtures;
import io.lakesynth.testing.SparkExtension;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * report.html in a real browser: headless Chromium (Debian package {@code chromium}; .ci/run installs it) loads the page
 * offline, runs its scripts, and dumps the DOM. The page records script errors and console.error calls and, once
 * loaded, writes how many charts it has and how many Chart.js drew into {@code #status}. Skipped only when no browser
 * is installed and LAKESYNTH_BROWSER_TEST is not "required" (.ci/run requires it).
 */
@ExtendWith(SparkExtension.class)
class ReportBrowserTest {
  @TempDir
  Path dir;

  @Test
  void everyChartDrawsAndEveryColumnIsListedWithoutConsoleErrors() throws Exception {
    String browser = browser();
    SparkSession spark = SparkExtension.spark();
    Dataset<Row> real = Fixtures.penguins(spark).cache();
    Dataset<Row> train = Holdout.train(real, 0.2, 11).cache();
    Dataset<Row> holdout = Holdout.holdout(real, 0.2, 11).cache();
    // without a holdout the natural rates and ratios are undefined (NaN in report.json): the page must still work
    EvaluationReport r = new EvaluateAction(spark).real(real, train, null, "penguins", "penguins.csv")
        .synthetic(holdout, "syn").settings(Fixtures.settings().evaluate()).execute();
    assertThat(r.privacy().holdoutExactCopyRate()).isNaN();
    assertThat(ReportWriter.json(r)).contains("NaN");
    Path html = dir.resolve("report.html");
    Files.writeString(html, ReportWriter.html(r));
    Path profileDir = dir.resolve("chromium-profile");
    Process p = new ProcessBuilder(browser, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
        "--disable-extensions", "--disable-background-networking", "--user-data-dir=" + profileDir,
        "--enable-logging=stderr", "--v=0", "--virtual-time-budget=10000", "--window-size=1400,2600", "--dump-dom",
        html.toUri().toString())
        .redirectError(dir.resolve("stderr.txt").toFile()).redirectOutput(dir.resolve("dom.html").toFile()).start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      fail("chromium did not finish in 120 s");
    }
    String dom = Files.readString(dir.resolve("dom.html"), StandardCharsets.UTF_8);
    String stderr = Files.readString(dir.resolve("stderr.txt"), StandardCharsets.UTF_8);
    assertThat(dom).as("DOM dump; stderr:\n" + stderr).contains("<pre id=\"status\"");
    Matcher m = Pattern.compile("<pre id=\"status\"[^>]*>(.*?)</pre>", Pattern.DOTALL).matcher(dom);
    assertThat(m.find()).isTrue();
    String status = m.group(1).replace("&quot;", "\"");
    // every overlay canvas drew, and the page saw no error
    assertThat(status).as(stderr).isEqualTo("{\"charts\":" + r.overlays().size() + ",\"drawn\":" + r.overlays().size()
        + ",\"errors\":[]}");
    assertThat(r.overlays()).hasSize(real.columns().length);
    assertThat(stderr).doesNotContain("Uncaught").doesNotContain(":ERROR:CONSOLE");
    // the column table lists every source column
    for (String c : real.columns()) {
      assertThat(dom).contains("<tr data-column=\"" + ReportWriter.esc(c) + "\">");
    }
    assertThat(dom).contains("id=\"compared-columns\"");
  }

  /** chromium or chromium-browser on the PATH. */
  static String browser() {
    for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
      for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
        if (new File(d, name).canExecute()) {
          return new File(d, name).getPath();
        }
      }
    }
    boolean required = "required".equals(System.getenv("LAKESYNTH_BROWSER_TEST"));
    if (required) {
      fail("no chromium on the PATH: apt-get update && apt-get install -y chromium (.ci/run does)");
    }
    return Assumptions.abort("no chromium on the PATH (apt-get install -y chromium); set"
        + " LAKESYNTH_BROWSER_TEST=required to make this a failure");
  }
}
