package io.heropixel.connect.databricks.it;

import static io.heropixel.connect.databricks.it.EndToEnd.awaitCount;
import static io.heropixel.connect.databricks.it.EndToEnd.connect;
import static io.heropixel.connect.databricks.it.EndToEnd.query;
import static io.heropixel.connect.databricks.it.EndToEnd.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.heropixel.connect.databricks.LoadStep;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/**
 * Loads run beside the task: it keeps buffering other tables while a load is under way, and loads of
 * different tables overlap up to buffer.load.concurrency. Gates in the load path make each claim a
 * precondition of the rows landing at all (see {@link GatedLoadObserver}).
 */
class BackgroundLoadEndToEndTest {

  private static final int RECORDS = 30;

  private static void produce(String topic) {
    List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
    for (int i = 0; i < RECORDS; i++) {
      records.add(new ProducerRecord<>(topic, i % 2, null, ("{\"n\":" + i + "}").getBytes(StandardCharsets.UTF_8)));
    }
    connect().produce(records);
  }

  private static Map<String, String> config(String topics, String schema, int concurrency) {
    Map<String, String> config = EndToEnd.connectorConfig(topics, schema, unique("background"));
    config.put("tasks.max", "1");
    config.put("buffer.load.concurrency", Integer.toString(concurrency));
    config.put("load.observer.class", GatedLoadObserver.class.getName());
    return config;
  }

  private static void assertLandedOnce(String table) {
    awaitCount(table, RECORDS);
    Map<String, Object> stats = query("SELECT COUNT(*) AS n, COUNT(DISTINCT _kafka_partition, _kafka_offset) AS d FROM "
        + table).get(0);
    assertEquals(RECORDS, ((Number) stats.get("n")).longValue());
    assertEquals(RECORDS, ((Number) stats.get("d")).longValue(), "no record twice");
  }

  @Test
  void theTaskBuffersAnotherTableWhileALoadIsUnderWay() {
    String loading = unique("bg_loading");
    String buffering = unique("bg_buffering");
    String schema = unique("background");
    connect().createTopic(loading, 2);
    connect().createTopic(buffering, 2);
    GatedLoadObserver.arm(loading, LoadStep.STAGED, buffering, LoadStep.BUFFERED);
    String name = unique("sink");
    connect().createConnector(name, config(loading + "," + buffering, schema, 1), 1);
    try {
      produce(loading);
      long deadline = System.nanoTime() + GatedLoadObserver.PATIENCE.toNanos();
      while (!GatedLoadObserver.held(loading) && System.nanoTime() < deadline) {
        EndToEnd.sleep(Duration.ofMillis(100));
      }
      assertTrue(GatedLoadObserver.held(loading), "the first table's load reached its gate");
      // Only now: records buffered before the load began would prove nothing.
      produce(buffering);
      assertLandedOnce("hive_metastore." + schema + "." + loading);
      assertLandedOnce("hive_metastore." + schema + "." + buffering);
      assertTrue(GatedLoadObserver.passed(loading), "the load waited for the other table's records");
    } finally {
      connect().deleteConnector(name);
    }
  }

  @Test
  void loadsOfTwoTablesRunAtOnce() {
    String first = unique("bg_first");
    String second = unique("bg_second");
    String schema = unique("background");
    connect().createTopic(first, 2);
    connect().createTopic(second, 2);
    // Each load waits at STAGED until the other's has staged too: one load at a time could not get there.
    GatedLoadObserver.arm(first, LoadStep.STAGED, second, LoadStep.STAGED);
    GatedLoadObserver.arm(second, LoadStep.STAGED, first, LoadStep.STAGED);
    String name = unique("sink");
    connect().createConnector(name, config(first + "," + second, schema, 2), 1);
    try {
      produce(first);
      produce(second);
      assertLandedOnce("hive_metastore." + schema + "." + first);
      assertLandedOnce("hive_metastore." + schema + "." + second);
      assertTrue(GatedLoadObserver.passed(first) && GatedLoadObserver.passed(second));
    } finally {
      connect().deleteConnector(name);
    }
  }
}
