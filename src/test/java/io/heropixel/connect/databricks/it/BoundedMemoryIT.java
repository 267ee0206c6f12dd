package io.heropixel.connect.databricks.it;

import static io.heropixel.connect.databricks.it.EndToEnd.connect;
import static io.heropixel.connect.databricks.it.EndToEnd.connectorConfig;
import static io.heropixel.connect.databricks.it.EndToEnd.execute;
import static io.heropixel.connect.databricks.it.EndToEnd.query;
import static io.heropixel.connect.databricks.it.EndToEnd.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.heropixel.connect.databricks.local.DataDirs;
import io.heropixel.connect.databricks.local.SharedLocalInfra;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 6: a task's memory stays bounded however many streams it serves and however much they buffer.
 * A real Connect worker runs in a JVM of its own with a 128 MiB heap ({@link ForkedConnectWorker}, the plugin
 * loaded from {@code target/plugin}); one task serves 200 streams (20 topics of 10 partitions) and buffers
 * about 160 MiB of them at once, more than the worker's whole heap. The test asserts that those bytes were in
 * the spill directory, not in heap (its peak size passed the heap's), that the worker lived through it
 * without an OutOfMemoryError (it runs with {@code -XX:+ExitOnOutOfMemoryError}, so an OOM in any thread ends
 * it), that the connector and its task still run, and that every table holds each produced record exactly
 * once, read back through the Databricks JDBC driver from the local warehouse.
 *
 * <p>It can fail: with the buffered rows held in heap (for instance {@code buffer.heap.max.bytes} above the
 * heap, which lets the write-behind bytes grow without ever spilling), the worker dies of an
 * OutOfMemoryError while buffering, and the spill directory stays nearly empty.
 *
 * <p>The sizes, for a loaded two-core machine (about 3 minutes). Buffering 160 MiB takes 20-30 s; loading
 * costs per table, 3-5 s each in the local warehouse whatever their size, so 200 streams are 20 tables of 10
 * partitions (40 tables of 5 took 200 s to load, 200 tables would take many minutes), and each table is
 * loaded exactly once. No trigger fires while the data is buffered: the flush interval is longer than the
 * test, and {@code buffer.max.bytes} and {@code buffer.total.max.bytes} are above what a table (8 MiB) and the
 * task hold. The test produces all records but the last of each table, waits until the spill files hold
 * them (so the peak is reached by construction, not by luck of timing), then produces each table's last
 * record, which brings the table to {@code buffer.max.records}: it loads once, and its spill files go. Records
 * are 2 KB: fewer, larger records move the same bytes with less per-record work in the producer, the worker
 * and Spark.
 */
class BoundedMemoryIT {

  private static final int TOPICS = 20;
  private static final int PARTITIONS = 10;
  private static final int RECORDS_PER_TOPIC = 4_200;
  private static final int VALUE_BYTES = 2_000;
  private static final long WORKER_HEAP_BYTES = 128L * 1024 * 1024;
  /** The write-behind budget: what buffering may hold in heap before it appends to the spill files (the default). */
  private static final long HEAP_MAX_BYTES = 4L * 1024 * 1024;
  private static final Duration PHASE_TIMEOUT = Duration.ofMinutes(4);
  private static final Path DIR = Path.of("target", "bounded-memory").toAbsolutePath();

  private static final String PREFIX = unique("mem");
  private static final List<String> TOPIC_NAMES = IntStream.range(0, TOPICS).mapToObj(i -> PREFIX + "_" + i).toList();

  private static ForkedConnectWorker worker;

  @BeforeAll
  static void startWorker() {
    DataDirs.wipe(DIR);
    SharedConnectCluster cluster = connect();
    // While the worker starts: the topics, and the local warehouse, whose first Delta write costs 20-30 s
    // of Spark warming up on a loaded machine, which the first load would otherwise wait for.
    CompletableFuture<?> topics = CompletableFuture.runAsync(() -> TOPIC_NAMES.forEach(t -> cluster.createTopic(t,
        PARTITIONS)));
    CompletableFuture<?> warehouse = CompletableFuture.runAsync(() -> {
      String schema = SharedLocalInfra.CATALOG + "." + unique("warm");
      String table = schema + ".t";
      execute("CREATE SCHEMA " + schema);
      execute("CREATE TABLE " + table + " (i INT) USING DELTA");
      execute("INSERT INTO " + table + " SELECT * FROM VALUES (1) AS v(i)");
      query("SELECT COUNT(*) FROM " + table);
    });
    worker = ForkedConnectWorker.start(connect().bootstrapServers(), DIR.resolve("worker"),
        List.of("-Xmx" + (WORKER_HEAP_BYTES >> 20) + "m", "-XX:+ExitOnOutOfMemoryError",
            "-Xlog:gc:file=" + DIR.resolve("worker/gc.log")),
        // For consumer.override.fetch.max.bytes in the connector config.
        Map.of("connector.client.config.override.policy", "All"));
    topics.join();
    warehouse.join();
  }

  @AfterAll
  static void stopWorker() {
    if (worker != null) {
      worker.close();
    }
  }

  @Test
  void buffersMoreThanTheHeapOfTwoHundredStreamsOnDiskAndLoadsEveryRecordOnce() {
    String schema = unique("memory");
    Path spill = DIR.resolve("spill");
    Map<String, String> config = new HashMap<>(connectorConfig(String.join(",", TOPIC_NAMES), schema,
        new ManagedTablesFixture().config(unique("vol"))));
    config.put("tasks.max", "1");
    config.put("buffer.spill.dir", spill.toString());
    config.put("buffer.heap.max.bytes", Long.toString(HEAP_MAX_BYTES));
    config.put("buffer.max.records", Integer.toString(RECORDS_PER_TOPIC));
    config.put("buffer.max.bytes", Long.toString(64L * 1024 * 1024));
    config.put("buffer.total.max.bytes", Long.toString(1024L * 1024 * 1024));
    config.put("buffer.flush.interval.ms", Long.toString(Duration.ofMinutes(30).toMillis()));
    // The consumer's fetch buffers share the worker's heap: with the default fetch.max.bytes one fetch
    // response may hold 50 MiB (and copies of it while parsed), more than a 128 MiB worker can spare once
    // its partitions have a backlog; an earlier version of this test, with more data waiting, ran out of
    // memory in the consumer that way. 8 MiB keeps the consumer's share small, so that what is at stake
    // is the connector's buffering. Needs connector.client.config.override.policy=All on the worker.
    config.put("consumer.override.fetch.max.bytes", Integer.toString(8 * 1024 * 1024));
    String name = unique("memory-sink");
    ConnectRestClient rest = worker.rest();
    rest.putConnectorConfig(name, config);
    rest.awaitRunning(name, 1, Duration.ofSeconds(120));

    try (DirectorySizeSampler spillSize = new DirectorySizeSampler(spill, Duration.ofMillis(250))) {
      long started = System.nanoTime();
      long buffered = TOPIC_NAMES.stream().mapToLong(topic -> produce(topic, 0, RECORDS_PER_TOPIC - 1)).sum();
      // All but the write-behind bytes must reach the spill files; no table is due yet.
      long expectedOnDisk = buffered - HEAP_MAX_BYTES;
      awaitWhileRunning(name, () -> spillSize.size(".rows") >= expectedOnDisk,
          () -> "the spill files hold " + spillSize.size(".rows") + " bytes, expected " + expectedOnDisk
              + " of the " + buffered + " buffered");
      long bufferedAt = System.nanoTime();

      for (String topic : TOPIC_NAMES) {
        produce(topic, RECORDS_PER_TOPIC - 1, 1);
      }
      // A table's rows leave the spill files once they are in the table. One not loaded yet holds about
      // buffered / TOPICS bytes, of which at most HEAP_MAX_BYTES can be in heap, so some are still on disk.
      awaitWhileRunning(name, () -> spillSize.size(".rows") == 0,
          () -> "the spill files still hold " + spillSize.size(".rows") + " bytes");
      long loadedAt = System.nanoTime();

      long peak = spillSize.peak();
      System.out.printf("BoundedMemoryIT: %d streams, %.1f MiB of values buffered in %d s, loaded in %d s; "
              + "spill directory peak %.1f MiB; worker heap %d MiB (GC log: %s)%n", TOPICS * PARTITIONS,
          buffered / 1048576.0, (bufferedAt - started) / 1_000_000_000L, (loadedAt - bufferedAt) / 1_000_000_000L,
          peak / 1048576.0, WORKER_HEAP_BYTES >> 20, DIR.resolve("worker/gc.log"));
      assertTrue(peak > WORKER_HEAP_BYTES, "the spill directory peaked at " + peak + " bytes, not above the "
          + WORKER_HEAP_BYTES + " bytes of the worker's heap: the buffered rows were not on disk");
      assertTrue(worker.isAlive(), worker.describe());
      // Not just "OutOfMemoryError": the log names the -XX:+ExitOnOutOfMemoryError option among the JVM's.
      assertFalse(worker.logText().contains("java.lang.OutOfMemoryError"), "OutOfMemoryError in " + worker.log());
      rest.awaitRunning(name, 1, Duration.ofSeconds(10));
      assertEveryRecordOnce(schema, TOPIC_NAMES);
    }
  }

  /** Produces records {@code from} to {@code from + count - 1} of a topic, round robin over its partitions. */
  private static long produce(String topic, int from, int count) {
    String pad = "x".repeat(VALUE_BYTES);
    long bytes = 0;
    List<ProducerRecord<byte[], byte[]>> batch = new ArrayList<>();
    for (int i = from; i < from + count; i++) {
      String head = "{\"i\":" + i + ",\"pad\":\"";
      byte[] value = (head + pad.substring(head.length() + 2) + "\"}").getBytes(StandardCharsets.UTF_8);
      bytes += value.length;
      batch.add(new ProducerRecord<>(topic, i % PARTITIONS, null, value));
      if (batch.size() == 1_000 || i == from + count - 1) {
        connect().produce(batch);
        batch.clear();
      }
    }
    return bytes;
  }

  /** Every table holds as many rows as records were produced, and no (partition, offset) twice. */
  private static void assertEveryRecordOnce(String schema, List<String> topics) {
    String sql = topics.stream().map(t -> "SELECT '" + t + "' AS t, COUNT(*) AS n, COUNT(DISTINCT "
        + "_kafka_partition, _kafka_offset) AS d FROM " + table(schema, t)).collect(Collectors.joining(" UNION ALL "));
    Map<String, String> expected = new HashMap<>();
    Map<String, String> actual = new HashMap<>();
    for (Map<String, Object> row : query(sql)) {
      actual.put((String) row.get("t"), row.get("n") + " rows, " + row.get("d") + " distinct");
    }
    topics.forEach(t -> expected.put(t, RECORDS_PER_TOPIC + " rows, " + RECORDS_PER_TOPIC + " distinct"));
    assertEquals(expected, actual);
  }

  private static String table(String schema, String topic) {
    return SharedLocalInfra.CATALOG + "." + schema + "." + topic;
  }

  /**
   * Waits for a condition while the worker lives and the connector's task has not failed; fails at once
   * when either is no longer so.
   */
  private static void awaitWhileRunning(String connector, BooleanSupplier done, Supplier<String> what) {
    long deadline = System.nanoTime() + PHASE_TIMEOUT.toNanos();
    while (!done.getAsBoolean()) {
      try {
        worker.rest().awaitRunning(connector, 1, Duration.ofSeconds(30));
      } catch (RuntimeException | AssertionError e) {
        throw new AssertionError("While waiting (" + what.get() + "): " + worker.describe(), e);
      }
      if (System.nanoTime() > deadline) {
        fail("Not so after " + PHASE_TIMEOUT + ": " + what.get() + "; " + worker.describe());
      }
      EndToEnd.sleep(Duration.ofMillis(500));
    }
  }
}
