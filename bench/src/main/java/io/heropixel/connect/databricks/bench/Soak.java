package io.heropixel.connect.databricks.bench;

import io.heropixel.connect.databricks.bench.WorkerKiller.Kill;
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
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * Exactly-once soak on the local stack: produces numbered records while the Connect worker is killed
 * and restarted, then checks the table against Kafka's log. Run through {@code bench/soak}, which builds,
 * starts the stack and passes {@code -Dsoak.repo} and {@code -Dsoak.stack}.
 *
 * <p>Exit status: 0 when every record is in the table exactly once, 1 on loss, duplicates or a stuck
 * connector, 2 when the harness itself could not run.
 */
public final class Soak {

  private static final String BUCKET = "soak";
  private static final Duration POLL = Duration.ofSeconds(5);
  /** A FAILED task may be a stale status right after a restart; this long, it is real. */
  private static final Duration FAILED_FOR = Duration.ofSeconds(60);

  private final SoakOptions options;
  private final Stack stack;
  private final Path runDir;
  private final Path reportFile;
  private final Instant at;
  private final String id;

  private Soak(SoakOptions options, Stack stack, Path runDir, Path reportFile, Instant at, String id) {
    this.options = options;
    this.stack = stack;
    this.runDir = runDir;
    this.reportFile = reportFile;
    this.at = at;
    this.id = id;
  }

  public static void main(String[] args) {
    Optional<SoakOptions> parsed = BenchMain.options("bench/soak", SoakOptions.USAGE, args, SoakOptions::parse);
    if (parsed.isEmpty()) {
      return;
    }
    SoakOptions options = parsed.get();
    Instant at = Instant.now();
    String stamp = BenchMain.stamp(at);
    Path repo = Path.of(System.getProperty("soak.repo"));
    Path results = repo.resolve("bench/results");
    Path runDir = results.resolve("soak-" + stamp);
    int status;
    try {
      Files.createDirectories(runDir);
      Stack stack = new Stack(repo, Path.of(System.getProperty("soak.stack")), runDir.resolve("local-stack.log"));
      status = new Soak(options, stack, runDir, results.resolve("soak-" + stamp + ".txt"), at,
          "soak_" + stamp.replace('-', '_')).run();
    } catch (Exception e) {
      System.err.println("bench/soak: the harness failed: " + e);
      e.printStackTrace();
      status = 2;
    }
    System.exit(status);
  }

  private int run() throws Exception {
    String table = "hive_metastore." + BUCKET + "." + id;
    String names = "topic=" + id + " table=" + table + " connector=" + id;
    System.out.println("soak: " + names + " seed=" + options.seed() + "; worker logs in " + runDir);
    TableCheck check = new TableCheck(stack.endpoint("WAREHOUSE_JDBC_URL"), stack.endpoint("WAREHOUSE_TOKEN"), table);
    ConnectorAdmin connector = new ConnectorAdmin(stack.endpoint("CONNECT_URL"), id);
    SoakProducer producer = new SoakProducer(stack.endpoint("KAFKA_BOOTSTRAP"), id, options.partitions());
    try (SoakTopic topic = new SoakTopic(stack.endpoint("KAFKA_BOOTSTRAP"), id, options.partitions());
        SoakBucket bucket = new SoakBucket(stack, BUCKET)) {
      bucket.create();
      topic.create();
      connector.put(connectorConfig());
      connector.awaitRunning(options.tasks(), Duration.ofMinutes(2));
      Instant started = Instant.now();
      WorkerKiller killer = new WorkerKiller(stack, topic, "connect-" + id, check, producer::acknowledged, options,
          runDir, started);
      killer.awaitNewConsumers(Set.of());
      FutureTask<List<Kill>> killing = new FutureTask<>(killer);
      new Thread(killing, "worker-killer").start();

      System.out.println("producing " + options.records() + " records"
          + (options.productionRate() > 0 ? " at " + options.productionRate() + " a second" : ""));
      producer.produce(options.records(), options.productionRate());
      System.out.printf("produced %d records in %.1f s%n", options.records(),
          WorkerKiller.seconds(Duration.between(started, Instant.now())));
      List<String> incidents = new ArrayList<>();
      List<Kill> kills = List.of();
      try {
        kills = killing.get();
      } catch (ExecutionException e) {
        incidents.add("the kill phase stopped: " + e.getCause());
      }
      Map<Integer, SoakTopic.Range> kafka = topic.ranges();
      long expected = kafka.values().stream().mapToLong(SoakTopic.Range::size).sum();
      awaitTable(check, connector, expected).ifPresent(incidents::add);
      Duration wall = Duration.between(started, Instant.now());
      stack.saveConnectLog(runDir.resolve("connect-final.log"));
      SoakReport report = new SoakReport(options, names, options.records(), kafka, check.contents(), kills,
          bucket.leftovers(id, BUCKET), wall, incidents);
      String text = report.render(at);
      System.out.print("\n" + text);
      Files.writeString(reportFile, text + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
      System.out.println("\nreport: " + reportFile);
      connector.delete();
      return report.passed() ? 0 : 1;
    }
  }

  /**
   * Waits, bounded, until the table holds at least what Kafka does. Answers why it stopped waiting
   * early: a stuck row count, a task that stays FAILED, or the timeout.
   */
  private Optional<String> awaitTable(TableCheck check, ConnectorAdmin connector, long expected)
      throws InterruptedException {
    long start = System.nanoTime();
    long lastChange = start;
    long failedSince = -1;
    long last = Long.MIN_VALUE;
    while (true) {
      long count = check.count();
      long now = System.nanoTime();
      if (count >= expected) {
        return Optional.empty();
      }
      if (count != last) {
        System.out.printf("waiting: %d of %d rows%n", count, expected);
        last = count;
        lastChange = now;
      }
      Optional<String> failed = connector.failedTask();
      failedSince = failed.isEmpty() ? -1 : failedSince < 0 ? now : failedSince;
      if (failed.isPresent() && now - failedSince > FAILED_FOR.toNanos()) {
        return Optional.of("a task stayed FAILED for " + FAILED_FOR + ": " + failed.get());
      }
      if (now - lastChange > options.stall().toNanos()) {
        return Optional.of("the row count stayed at " + count + " for " + options.stall());
      }
      if (now - start > options.timeout().toNanos()) {
        return Optional.of("the table held " + count + " of " + expected + " rows after " + options.timeout());
      }
      Thread.sleep(POLL.toMillis());
    }
  }

  private Map<String, String> connectorConfig() {
    Map<String, String> config = new HashMap<>();
    config.put("connector.class", "io.heropixel.connect.databricks.DatabricksSinkConnector");
    config.put("tasks.max", Integer.toString(options.tasks()));
    config.put("topics", id);
    config.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
    config.put("value.converter", "org.apache.kafka.connect.storage.StringConverter");
    config.putAll(stack.warehouseSettings());
    config.put("databricks.catalog", "hive_metastore");
    config.put("databricks.schema", BUCKET);
    config.put("data.source.type", "S3");
    config.put("s3.bucket.name", BUCKET);
    config.put("s3.bucket.path", id);
    config.put("s3.bucket.region", stack.endpoint("S3_REGION"));
    config.put("s3.endpoint", stack.endpoint("S3_ENDPOINT"));
    config.put("s3.access.key.id", stack.endpoint("S3_ACCESS_KEY"));
    config.put("s3.secret.access.key", stack.endpoint("S3_SECRET_KEY"));
    config.put("buffer.flush.interval.ms", Long.toString(options.flushIntervalMs()));
    // A killed worker's consumers leave the group after 10 s instead of 45 s, so partitions move on sooner.
    config.put("consumer.override.session.timeout.ms", "10000");
    return config;
  }
}
