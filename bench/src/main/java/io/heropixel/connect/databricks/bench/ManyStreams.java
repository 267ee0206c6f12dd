package io.heropixel.connect.databricks.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Memory with many streams on the local stack: one Connect worker with a small heap sinks many topics into
 * one table each. The worker's live heap (after a full GC) is measured with no connector, with every
 * partition assigned but idle, and with records buffered in every stream; then every table is checked for
 * all its records through the Databricks JDBC driver, and the worker's log for OutOfMemoryError. Run through
 * {@code bench/many-streams}, which restarts the worker with {@code --heap}.
 *
 * <p>Exit status: 0 when every table holds each of its records once, the worker is alive and logged no
 * OutOfMemoryError; 1 otherwise; 2 when the harness itself could not run.
 */
public final class ManyStreams {

  static final String CATALOG = "main";
  private static final Duration POLL = Duration.ofSeconds(5);
  private static final Duration PROGRESS = Duration.ofSeconds(60);
  /** After the group owns every partition: time for the task's open() to ask which tables exist. */
  private static final Duration SETTLE = Duration.ofSeconds(20);
  /** The spill directory not growing for this long, after production, means every record is buffered. */
  private static final Duration QUIET = Duration.ofSeconds(20);
  private static final Duration FAILED_FOR = Duration.ofSeconds(60);

  private final ManyStreamsOptions options;
  private final Stack stack;
  private final String id;
  private final ManyStreamsReport report;
  private final long started = System.nanoTime();

  private ManyStreams(ManyStreamsOptions options, Stack stack, String id, ManyStreamsReport report) {
    this.options = options;
    this.stack = stack;
    this.id = id;
    this.report = report;
  }

  public static void main(String[] args) {
    Optional<ManyStreamsOptions> parsed = BenchMain.options("bench/many-streams", ManyStreamsOptions.USAGE, args,
        ManyStreamsOptions::parse);
    if (parsed.isEmpty()) {
      return;
    }
    ManyStreamsOptions options = parsed.get();
    Instant at = Instant.now();
    String stamp = BenchMain.stamp(at);
    Path repo = Path.of(System.getProperty("bench.repo"));
    Path results = repo.resolve("bench/results");
    String name = "many-streams-" + stamp;
    ManyStreamsReport report = new ManyStreamsReport(options, at, String.join(" ", args));
    int status;
    try {
      Files.createDirectories(results);
      Stack stack = new Stack(repo, Path.of(System.getProperty("bench.stack")), results.resolve(name + "-local-stack.log"));
      new ManyStreams(options, stack, "ms_" + stamp.replace('-', '_'), report).run();
      stack.saveConnectLog(results.resolve(name + "-connect.log"));
      status = report.passed() ? 0 : 1;
    } catch (Exception e) {
      System.err.println("bench/many-streams: the harness failed: " + e);
      e.printStackTrace();
      report.incident("the harness failed: " + e);
      status = 2;
    }
    String text = report.render();
    System.out.print("\n" + text);
    try {
      Files.writeString(results.resolve(name + ".txt"), text + "\n", StandardCharsets.UTF_8,
          StandardOpenOption.CREATE, StandardOpenOption.APPEND);
      System.out.println("\nreport: " + results.resolve(name + ".txt"));
    } catch (IOException e) {
      System.err.println("bench/many-streams: could not write the report: " + e);
    }
    System.exit(status);
  }

  private void run() throws Exception {
    List<String> topicNames = new ArrayList<>();
    for (int i = 1; i <= options.streams(); i++) {
      topicNames.add(String.format("%s_%04d", id, i));
    }
    Path spill = stack.dataDir("many-streams-spill");
    ConnectorAdmin connector = new ConnectorAdmin(stack.endpoint("CONNECT_URL"), id);
    WorkerHeap heap = new WorkerHeap(stack);
    LoadLog log = new LoadLog(stack.connectLog());
    say("topics %s_0001..%04d (%d x %d partitions), tables %s.%s.*, connector %s, worker -Xmx%s", id,
        options.streams(), options.streams(), options.partitions(), CATALOG, id, id, options.heap());
    try (ManyTopics topics = new ManyTopics(stack.endpoint("KAFKA_BOOTSTRAP"), topicNames, options.partitions())) {
      topics.create();
      say("created %d topics", topicNames.size());

      report.phase(ManyStreamsReport.NO_CONNECTOR, heap.measure(), 0, elapsed());
      say("heap with no connector: %s", report.last());

      connector.put(config(topicNames, spill));
      connector.awaitRunning(options.tasks(), Duration.ofMinutes(5));
      awaitAssigned(topics, "connect-" + id);
      Thread.sleep(SETTLE.toMillis());
      report.phase(ManyStreamsReport.IDLE, heap.measure(), spillBytes(spill), elapsed());
      say("heap idle: %s", report.last());

      say("producing %,d records of %d bytes (%d per stream)", options.records(), options.recordBytes(),
          options.recordsPerStream());
      long produceStart = System.nanoTime();
      report.produced(topics.produce(options.recordsPerStream(), options.recordBytes()));
      say("produced in %.1f s", (System.nanoTime() - produceStart) / 1e9);
      awaitBuffered(spill, log);
      log.read();
      report.loadsBeforeBufferedReading(log.loads());
      report.phase(ManyStreamsReport.BUFFERED, heap.measure(), spillBytes(spill), elapsed());
      say("heap buffered: %s (loads so far: %d)", report.last(), log.loads());

      Map<String, Long> expected = new HashMap<>();
      topics.records().forEach((topic, n) -> expected.put(table(topic), n));
      long loadStart = System.nanoTime();
      awaitLoaded(expected, log, connector).ifPresent(report::incident);
      report.loading(Duration.ofNanos(System.nanoTime() - loadStart), log.loads(), log.loadMillis());
      if (stack.connectAlive()) {
        report.phase(ManyStreamsReport.LOADED, heap.measure(), spillBytes(spill), elapsed());
      }
      List<String> loaded = log.rows().keySet().stream().filter(expected::containsKey).sorted().toList();
      say("checking %d tables through the JDBC driver", loaded.size());
      report.tables(expected, new TableCounts(stack.endpoint("WAREHOUSE_JDBC_URL"), stack.endpoint("WAREHOUSE_TOKEN"))
          .of(loaded));
      log.read();
      report.worker(stack.connectAlive(), log.outOfMemory(), log.warehouseOutOfMemory(), connector.failedTask());
      report.wall(elapsed());
      connector.delete();
    }
  }

  private String table(String topic) {
    return CATALOG + "." + id + "." + topic;
  }

  private Map<String, String> config(List<String> topics, Path spill) {
    Map<String, String> config = new HashMap<>(stack.warehouseSettings());
    config.put("connector.class", "io.heropixel.connect.databricks.DatabricksSinkConnector");
    config.put("tasks.max", Integer.toString(options.tasks()));
    config.put("topics", String.join(",", topics));
    config.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
    config.put("value.converter", "org.apache.kafka.connect.storage.StringConverter");
    config.put("databricks.catalog", CATALOG);
    config.put("databricks.schema", id);
    config.put("data.source.type", "MANAGED_TABLES");
    config.put("buffer.flush.interval.ms", Long.toString(options.flushMs()));
    config.put("buffer.spill.dir", spill.toString());
    config.put("consumer.override.fetch.max.bytes", Integer.toString(options.fetchMaxBytes()));
    return config;
  }

  private void awaitAssigned(ManyTopics topics, String group) throws InterruptedException {
    int want = options.streams() * options.partitions();
    long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
    int owned = 0;
    while (System.nanoTime() < deadline) {
      owned = topics.assigned(group);
      if (owned == want) {
        say("the group owns all %d partitions", want);
        return;
      }
      Thread.sleep(POLL.toMillis());
    }
    throw new IllegalStateException("the sink's consumer group owns " + owned + " of " + want + " partitions after 10 minutes");
  }

  /** Waits until the spill directory has stopped growing: the task has consumed every record. */
  private void awaitBuffered(Path spill, LoadLog log) throws InterruptedException, IOException {
    long last = -1;
    long quietSince = System.nanoTime();
    while (true) {
      long bytes = spillBytes(spill);
      log.read();
      if (bytes != last) {
        say("spill directory: %.1f MiB, %d loads", bytes / ManyStreamsReport.MIB, log.loads());
        last = bytes;
        quietSince = System.nanoTime();
      } else if (bytes > 0 && System.nanoTime() - quietSince > QUIET.toNanos()) {
        return;
      }
      if (!stack.connectAlive()) {
        throw new IllegalStateException("the Connect worker died while consuming");
      }
      Thread.sleep(POLL.toMillis());
    }
  }

  /**
   * Waits, bounded, until the worker's log shows every table loaded with all its rows. Answers why it stopped
   * waiting early: the worker gone, an OutOfMemoryError, a task FAILED, no load for too long, the timeout.
   */
  private Optional<String> awaitLoaded(Map<String, Long> expected, LoadLog log, ConnectorAdmin connector)
      throws InterruptedException, IOException {
    long start = System.nanoTime();
    long lastLoad = start;
    long lastProgress = start;
    long failedSince = -1;
    long loads = -1;
    while (true) {
      log.read();
      long now = System.nanoTime();
      long done = expected.entrySet().stream().filter(e -> log.rows().getOrDefault(e.getKey(), 0L) >= e.getValue())
          .count();
      long rows = expected.keySet().stream().mapToLong(t -> log.rows().getOrDefault(t, 0L)).sum();
      long total = expected.values().stream().mapToLong(Long::longValue).sum();
      if (log.loads() != loads) {
        loads = log.loads();
        lastLoad = now;
      }
      if (done == expected.size() || now - lastProgress > PROGRESS.toNanos()) {
        say("%d of %d tables loaded, %,d of %,d rows, %d loads", done, expected.size(), rows, total, log.loads());
        lastProgress = now;
      }
      if (done == expected.size()) {
        return Optional.empty();
      }
      if (!stack.connectAlive()) {
        return Optional.of("the Connect worker died with " + done + " of " + expected.size() + " tables loaded");
      }
      if (!log.outOfMemory().isEmpty()) {
        return Optional.of("OutOfMemoryError with " + done + " of " + expected.size() + " tables loaded");
      }
      Optional<String> failed = connector.failedTask();
      failedSince = failed.isEmpty() ? -1 : failedSince < 0 ? now : failedSince;
      if (failed.isPresent() && now - failedSince > FAILED_FOR.toNanos()) {
        return Optional.of("a task stayed FAILED for " + FAILED_FOR + ": " + failed.get().lines().findFirst().orElse(""));
      }
      if (now - lastLoad > options.stall().toNanos()) {
        return Optional.of("no load for " + options.stall() + " with " + done + " of " + expected.size() + " tables loaded");
      }
      if (now - start > options.timeout().toNanos()) {
        return Optional.of(done + " of " + expected.size() + " tables loaded after " + options.timeout());
      }
      Thread.sleep(POLL.toMillis());
    }
  }

  private static long spillBytes(Path dir) {
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).mapToLong(f -> {
        try {
          return Files.size(f);
        } catch (IOException gone) {
          return 0; // a spill file deleted by its load meanwhile
        }
      }).sum();
    } catch (IOException | UncheckedIOException e) {
      return 0;
    }
  }

  private Duration elapsed() {
    return Duration.ofNanos(System.nanoTime() - started);
  }

  private void say(String format, Object... args) {
    System.out.printf("[%6.1f s] %s%n", elapsed().toMillis() / 1000.0, String.format(format, args));
  }
}
