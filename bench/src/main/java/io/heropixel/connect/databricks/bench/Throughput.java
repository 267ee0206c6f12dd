package io.heropixel.connect.databricks.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * Throughput on the local stack: the same pre-produced records loaded by this connector (raw and typed
 * rows) and by the Apache Iceberg sink in the same Connect worker, each timed from the connector's
 * creation until its table holds every record in committed form, against parquet-avro alone writing the
 * same records from memory (the lower bound). Run through {@code bench/throughput}.
 */
public final class Throughput {

  private static final Duration POLL = Duration.ofSeconds(1);
  private static final String BEGIN = "<!-- throughput:begin -->";
  private static final String END = "<!-- throughput:end -->";

  private final ThroughputOptions options;
  private final Stack stack;
  private final Path repo;
  private final String stamp;
  private final ThroughputReport report = new ThroughputReport();

  private Throughput(ThroughputOptions options, Stack stack, Path repo, String stamp) {
    this.options = options;
    this.stack = stack;
    this.repo = repo;
    this.stamp = stamp;
  }

  public static void main(String[] args) throws Exception {
    Optional<ThroughputOptions> parsed = BenchMain.options("bench/throughput", ThroughputOptions.USAGE, args,
        ThroughputOptions::parse);
    if (parsed.isEmpty()) {
      return;
    }
    ThroughputOptions options = parsed.get();
    Instant at = Instant.now();
    String stamp = BenchMain.stamp(at);
    Path repo = Path.of(System.getProperty("bench.repo"));
    Path results = repo.resolve("bench/results");
    Files.createDirectories(results);
    Stack stack = new Stack(repo, Path.of(System.getProperty("bench.stack")), results.resolve("throughput-" + stamp
        + "-local-stack.log"));
    Throughput run = new Throughput(options, stack, repo, stamp);
    run.run();
    String header = "Run " + DateTimeFormatter.ISO_INSTANT.format(at.truncatedTo(java.time.temporal.ChronoUnit.SECONDS))
        + ": " + Machine.describe() + ". " + options.partitions() + " partitions, tasks.max=" + options.tasks()
        + ", flush/commit interval " + options.flushMs() + " ms.";
    String text = run.report.render(header);
    System.out.print("\n" + text);
    Files.writeString(results.resolve("throughput-" + stamp + ".txt"), text, StandardCharsets.UTF_8);
    run.writeDoc(text);
  }

  private void run() throws Exception {
    String bootstrap = stack.endpoint("KAFKA_BOOTSTRAP");
    try (SoakBucket bucket = new SoakBucket(stack, OurSink.BUCKET)) {
      bucket.create();
    }
    if (options.warmupRecords() > 0) {
      warmUp(bootstrap);
    }
    for (BenchRecords size : options.sizes()) {
      String topicName = "tp_" + size.label() + "_" + stamp.replace('-', '_');
      BenchTopic topic = new BenchTopic(bootstrap, topicName, options.partitions());
      String control = topicName + "_control";
      BenchTopic.create(bootstrap, List.of(topic.newTopic(), new NewTopic(control, 1, (short) 1)));
      long payloadBytes = 0;
      if (options.sinks().stream().anyMatch(s -> !s.equals("parquet"))) {
        System.out.printf("%s: producing %,d records to %s%n", size.label(), options.records(), topicName);
        long start = System.nanoTime();
        payloadBytes = topic.produce(size, options.records());
        System.out.printf("%s: produced in %.1f s, %,d payload bytes (%.0f a record)%n", size.label(),
            (System.nanoTime() - start) / 1e9, payloadBytes, (double) payloadBytes / options.records());
      }
      for (SinkUnderTest sink : kafkaSinks(bootstrap, topicName, control)) {
        report.add(time(size, sink, options.records(), payloadBytes));
      }
      if (options.sinks().contains("parquet")) {
        report.add(lowerBound(size));
      }
    }
  }

  private List<SinkUnderTest> kafkaSinks(String bootstrap, String topic, String control) {
    List<SinkUnderTest> sinks = new ArrayList<>();
    for (String sink : options.sinks()) {
      switch (sink) {
        case "raw", "typed" -> sinks.add(new OurSink(stack, topic, sink, options.tasks(), options.flushMs()));
        case "iceberg" -> sinks.add(new IcebergSink(bootstrap, topic, control,
            Path.of(System.getProperty("bench.stack")).resolve("data/iceberg"), options.tasks(), options.flushMs()));
        default -> { } // the lower bound runs without Kafka
      }
    }
    return sinks;
  }

  /**
   * Each sink once, untimed, on a few large records: the first connector in a fresh worker would otherwise
   * also pay for loading classes, the JDBC driver's first session and JIT compilation.
   */
  private void warmUp(String bootstrap) throws Exception {
    String topicName = "tp_warmup_" + stamp.replace('-', '_');
    BenchTopic topic = new BenchTopic(bootstrap, topicName, options.partitions());
    String control = topicName + "_control";
    BenchTopic.create(bootstrap, List.of(topic.newTopic(), new NewTopic(control, 1, (short) 1)));
    long payloadBytes = topic.produce(BenchRecords.LARGE, options.warmupRecords());
    for (SinkUnderTest sink : kafkaSinks(bootstrap, topicName, control)) {
      time(BenchRecords.LARGE, sink, options.warmupRecords(), payloadBytes);
    }
  }

  private ThroughputReport.Line time(BenchRecords size, SinkUnderTest sink, long records, long payloadBytes)
      throws Exception {
    ConnectorAdmin connector = new ConnectorAdmin(stack.endpoint("CONNECT_URL"), sink.connectorName());
    double loadBefore = Machine.load();
    double loadMax = loadBefore;
    System.out.printf("%s %s: starting connector %s (load %.2f)%n", size.label(), sink.label(), sink.connectorName(),
        loadBefore);
    long start = System.nanoTime();
    connector.put(sink.config());
    String failure = null;
    long last = -2;
    long rows;
    while (true) {
      rows = sink.committedRows();
      long elapsed = System.nanoTime() - start;
      loadMax = Math.max(loadMax, Machine.load());
      if (rows >= records) {
        break;
      }
      if (rows != last) {
        System.out.printf("  %5.1f s: %,d rows committed%n", elapsed / 1e9, rows);
        last = rows;
      }
      Optional<String> failed = connector.failedTask();
      if (failed.isPresent()) {
        failure = failed.get().lines().findFirst().orElse("a task failed");
        break;
      }
      if (elapsed > options.timeout().toNanos()) {
        failure = rows + " of " + records + " rows after " + options.timeout();
        break;
      }
      Thread.sleep(POLL.toMillis());
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    if (failure == null) {
      long read = sink.readerRows();
      if (read != rows) {
        failure = "committed " + rows + " rows, but a reader of the table finds " + read;
      }
    }
    System.out.printf("%s %s: %s in %.1f s%n", size.label(), sink.label(), failure == null ? "all rows" : failure,
        seconds);
    connector.delete();
    return new ThroughputReport.Line(size, sink.label(), records, payloadBytes, seconds, loadBefore, loadMax, failure);
  }

  /** A warm-up pass on a tenth of the records, then the timed pass. */
  private ThroughputReport.Line lowerBound(BenchRecords size) throws Exception {
    Path dir = Files.createTempDirectory("bench-parquet");
    Path file = dir.resolve(size.label() + ".parquet");
    try {
      ParquetLowerBound bound = new ParquetLowerBound(size);
      bound.run(Math.max(1, options.records() / 10), file);
      double loadBefore = Machine.load();
      ParquetLowerBound.Result result = bound.run(options.records(), file);
      long payloadBytes = 0;
      for (long seq = 0; seq < options.records(); seq++) {
        payloadBytes += size.payload(seq).getBytes(StandardCharsets.UTF_8).length;
      }
      double seconds = result.nanos() / 1e9;
      System.out.printf(Locale.ROOT, "%s parquet-avro: %.1f s, file %,d bytes%n", size.label(), seconds,
          result.fileBytes());
      return new ThroughputReport.Line(size, "parquet-avro lower bound", options.records(), payloadBytes, seconds,
          loadBefore, Math.max(loadBefore, Machine.load()), null);
    } finally {
      Files.deleteIfExists(file);
      Files.deleteIfExists(dir);
    }
  }

  /** Replaces the generated part of docs/benchmarks.md, between its markers, with this run's table. */
  private void writeDoc(String table) throws Exception {
    Path doc = repo.resolve("docs/benchmarks.md");
    String generated = BEGIN + "\n" + table + "\nCommand: `bench/throughput " + String.join(" ", commandLine()) + "`\n" + END;
    String text = Files.exists(doc) ? Files.readString(doc) : "# Benchmarks\n\n" + BEGIN + "\n" + END + "\n";
    int begin = text.indexOf(BEGIN);
    int end = text.indexOf(END);
    text = begin < 0 || end < begin ? text + "\n" + generated + "\n"
        : text.substring(0, begin) + generated + text.substring(end + END.length());
    Files.writeString(doc, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
        StandardOpenOption.TRUNCATE_EXISTING);
    System.out.println("\nwritten to " + doc + " and bench/results/throughput-" + stamp + ".txt");
  }

  private List<String> commandLine() {
    return List.of("--records", Long.toString(options.records()), "--sizes",
        String.join(",", options.sizes().stream().map(BenchRecords::label).toList()), "--sinks",
        String.join(",", options.sinks()), "--partitions", Integer.toString(options.partitions()), "--tasks",
        Integer.toString(options.tasks()), "--flush-ms", Long.toString(options.flushMs()), "--warmup", Long.toString(options.warmupRecords()));
  }
}
