package io.heropixel.connect.databricks.it;

import static io.heropixel.connect.databricks.it.EndToEnd.awaitCount;
import static io.heropixel.connect.databricks.it.EndToEnd.connect;
import static io.heropixel.connect.databricks.it.EndToEnd.query;
import static io.heropixel.connect.databricks.it.EndToEnd.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/**
 * The warehouse or S3 fails while records flow: with default retry settings the task keeps its buffer,
 * pauses and stays RUNNING, and once the service is back the table holds every record exactly once.
 * The warehouse and S3 are shared by every test in the JVM, so each test restores them in a finally block.
 */
class OutageEndToEndTest {

  private static final Duration OUTAGE = Duration.ofSeconds(60);
  private static final Duration PRODUCE_EVERY = Duration.ofSeconds(10);

  /** One test's connector, topic and table, and how many records it produced. */
  private static final class Sink {
    final String topic = unique("outage");
    final String schema = unique("outage");
    final String table = "hive_metastore." + schema + "." + topic;
    final String name = unique("sink");
    int produced;

    Sink(Map<String, String> overrides) {
      connect().createTopic(topic, 2);
      Map<String, String> config = EndToEnd.connectorConfig(topic, schema, unique("outage"));
      config.put("tasks.max", "1");
      config.putAll(overrides);
      connect().createConnector(name, config, 1);
    }

    void produce(int count) {
      List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        records.add(new ProducerRecord<>(topic, produced % 2, null,
            ("{\"n\":" + produced++ + "}").getBytes(StandardCharsets.UTF_8)));
      }
      connect().produce(records);
    }

    JsonNode task() {
      return connect().rest().status(name).path("tasks").path(0);
    }

    void assertRunning(String when) {
      JsonNode task = task();
      assertEquals("RUNNING", task.path("state").asText(), when + ": " + task);
    }

    /** Produces a few records every few seconds through the outage, checking the task never fails. */
    void produceThrough(Duration outage) {
      long end = System.nanoTime() + outage.toNanos();
      long nextBatch = System.nanoTime();
      while (System.nanoTime() < end) {
        if (System.nanoTime() >= nextBatch) {
          produce(10);
          nextBatch += PRODUCE_EVERY.toNanos();
        }
        assertRunning("during the outage");
        EndToEnd.sleep(Duration.ofSeconds(1));
      }
    }

    /** The table holds every produced record once: no loss, no duplicate. */
    void assertExactlyOnce() {
      awaitCount(table, produced);
      Map<String, Object> stats = query("SELECT COUNT(*) AS n, COUNT(DISTINCT _kafka_partition, _kafka_offset) AS d FROM "
          + table).get(0);
      assertEquals(produced, ((Number) stats.get("n")).longValue());
      assertEquals(produced, ((Number) stats.get("d")).longValue(), "no record twice");
    }

    void delete() {
      connect().deleteConnector(name);
    }
  }

  @Test
  void aWarehouseAnswering503ForAMinuteLosesAndDuplicatesNothing() {
    Sink sink = new Sink(Map.of());
    try {
      sink.produce(40);
      awaitCount(sink.table, sink.produced);
      EndToEnd.warehouse().unavailable(true);
      try {
        sink.produceThrough(OUTAGE);
      } finally {
        EndToEnd.warehouse().unavailable(false);
      }
      sink.produce(40);
      sink.assertExactlyOnce();
      sink.assertRunning("after the outage");
    } finally {
      sink.delete();
    }
  }

  @Test
  void anS3ServerDownForAMinuteLosesAndDuplicatesNothing() {
    Sink sink = new Sink(Map.of());
    try {
      sink.produce(40);
      awaitCount(sink.table, sink.produced);
      EndToEnd.s3().stop();
      try {
        sink.produceThrough(OUTAGE);
      } finally {
        EndToEnd.s3().resume();
      }
      sink.produce(40);
      sink.assertExactlyOnce();
      sink.assertRunning("after the outage");
    } finally {
      sink.delete();
    }
  }

  @Test
  void expiredWarehouseSessionsAreReopenedWithoutFailingTheTask() {
    Sink sink = new Sink(Map.of());
    try {
      sink.produce(40);
      awaitCount(sink.table, sink.produced);
      for (int round = 0; round < 2; round++) {
        EndToEnd.warehouse().expireSessions();
        sink.produce(40);
        awaitCount(sink.table, sink.produced);
        sink.assertRunning("after the sessions expired");
      }
      sink.assertExactlyOnce();
    } finally {
      sink.delete();
    }
  }

  @Test
  void aTaskGivesUpAfterTheRetryTimeoutNamingTheCauseAndLosesNothingOnRestart() {
    Sink sink = new Sink(Map.of("retry.timeout.ms", "5000"));
    try {
      sink.produce(20);
      awaitCount(sink.table, sink.produced);
      EndToEnd.warehouse().unavailable(true);
      JsonNode failed;
      try {
        sink.produce(20);
        failed = awaitTaskState(sink, "FAILED");
      } finally {
        EndToEnd.warehouse().unavailable(false);
      }
      String trace = failed.get("trace").asText();
      assertTrue(trace.contains("Gave up loading") && trace.contains("retry.timeout.ms=5000"), trace);
      assertTrue(trace.contains("is temporarily unavailable"), "the trace names the cause: " + trace);

      connect().rest().restartConnector(sink.name);
      awaitTaskState(sink, "RUNNING");
      sink.produce(20);
      sink.assertExactlyOnce();
    } finally {
      sink.delete();
    }
  }

  /** Tolerates other states meanwhile: the status shows FAILED until a restart takes effect. */
  private static JsonNode awaitTaskState(Sink sink, String state) {
    long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
    while (System.nanoTime() < deadline) {
      JsonNode task = sink.task();
      if (state.equals(task.path("state").asText())) {
        return task;
      }
      EndToEnd.sleep(Duration.ofMillis(500));
    }
    throw new AssertionError("the task is not " + state + ": " + connect().rest().status(sink.name));
  }
}
