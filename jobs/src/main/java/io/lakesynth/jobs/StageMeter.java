package io.lakesynth.jobs;

import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.executor.ExecutorMetrics;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerExecutorMetricsUpdate;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.SparkSession;

/**
 * What one bench stage cost besides time: Spark jobs, shuffle bytes written, the driver JVM's peak used heap (sampled
 * every 50 ms) and each executor's peak JVM heap as Spark's executor metrics report it (polled by the executors, sent
 * with their heartbeats). In local mode driver and executor are one JVM ("driver" in Spark's metrics).
 */
final class StageMeter extends SparkListener {
  private final AtomicLong jobs = new AtomicLong();
  private final AtomicLong shuffleBytes = new AtomicLong();
  private final Map<String, Long> executorPeaks = new ConcurrentHashMap<>();
  private volatile Bench.Peak driver;

  /** Registers the meter with the session's SparkContext (once per bench run). */
  static StageMeter register(SparkSession spark) {
    StageMeter m = new StageMeter();
    spark.sparkContext().addSparkListener(m);
    return m;
  }

  /** Starts a stage: counters to zero, peaks forgotten. */
  void start() {
    jobs.set(0);
    shuffleBytes.set(0);
    executorPeaks.clear();
    driver = Bench.Peak.start();
  }

  /** Ends the stage and returns its figures. */
  Figures stop(org.apache.spark.SparkContext sc) {
    // the listener bus is asynchronous: let the last task-end and job events arrive. listenerBus() is Spark-internal
    // (private[spark]); no public call drains it, and a bench figure off by the last events would be wrong. The
    // bench smoke test fails if an upgrade removes it.
    try {
      sc.listenerBus().waitUntilEmpty(10_000);
    } catch (Exception e) { // TimeoutException, thrown undeclared from Scala
      throw new IllegalStateException("Spark's listener bus did not drain in 10 s", e);
    }
    long driverPeak = driver.stop();
    long executorPeak = 0;
    int executors = 0;
    for (Map.Entry<String, Long> e : executorPeaks.entrySet()) {
      if (!"driver".equals(e.getKey())) {
        executorPeak = Math.max(executorPeak, e.getValue());
        executors++;
      }
    }
    return new Figures(jobs.get(), shuffleBytes.get(), driverPeak, executors == 0 ? -1 : executorPeak, executors);
  }

  /**
   * @param executorPeak the largest peak heap of any executor JVM, -1 when there is none (local mode: the executor is
   *     the driver JVM)
   */
  record Figures(long jobs, long shuffleBytes, long driverPeak, long executorPeak, int executors) {}

  @Override
  public void onJobStart(SparkListenerJobStart event) {
    jobs.incrementAndGet();
  }

  @Override
  public void onTaskEnd(SparkListenerTaskEnd event) {
    if (event.taskMetrics() != null) {
      shuffleBytes.addAndGet(event.taskMetrics().shuffleWriteMetrics().bytesWritten());
    }
  }

  @Override
  public void onExecutorMetricsUpdate(SparkListenerExecutorMetricsUpdate event) {
    long peak = 0;
    for (ExecutorMetrics m : scala.jdk.javaapi.CollectionConverters.asJava(event.executorUpdates()).values()) {
      peak = Math.max(peak, m.getMetricValue("JVMHeapMemory"));
    }
    if (peak > 0) {
      executorPeaks.merge(event.execId(), peak, Math::max);
    }
  }

  /** The driver JVM's maximum heap (-Xmx). */
  static long driverMaxHeap() {
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getMax();
  }
}
