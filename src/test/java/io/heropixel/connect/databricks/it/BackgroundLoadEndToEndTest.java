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

  /** Two topics of two partitions, a table each, read by one task; its gates are armed before it starts. */
  private record TwoTables(String first, String second, String schema, String connector) {

    static TwoTables create(String first, String second) {
      TwoTables sink = new TwoTables(unique(first), unique(second), unique("background"), unique("sink"));
      connect().createTopic(sink.first, 2);
      connect().createTopic(sink.second, 2);
      return sink;
    }

    void start(int concurrency) {
      Map<String, String> config = EndToEnd.connectorConfig(first + "," + second, schema, unique("background"));
      config.put("tasks.max", "1");
      config.put("buffer.load.concurrency", Integer.toString(concurrency));
      config.put("load.observer.class", GatedLoadObserver.class.getName());
      connect().createConnector(connector, config, 1);
    }

    /** Both tables hold every record once. */
    void assertLandedOnce() {
      for (String topic : List.of(first, second)) {
        String table = "hive_metastore." + schema + "." + topic;
        awaitCount(table, RECORDS);
        Map<String, Object> stats = query("SELECT COUNT(*) AS n, COUNT(DISTINCT _kafka_partition, _kafka_offset) "
            + "AS d FROM " + table).get(0);
        assertEquals(RECORDS, ((Number) stats.get("n")).longValue());
        assertEquals(RECORDS, ((Number) stats.get("d")).longValue(), "no record twice");
      }
    }

    void delete() {
      connect().deleteConnector(connector);
    }
  }

  @Test
  void theTaskBuffersAnotherTableWhileALoadIsUnderWay() {
    TwoTables sink = TwoTables.create("bg_loading", "bg_buffering");
    GatedLoadObserver.arm(sink.first, LoadStep.STAGED, sink.second, LoadStep.BUFFERED);
    sink.start(1);
    try {
      produce(sink.first);
      long deadline = System.nanoTime() + GatedLoadObserver.PATIENCE.toNanos();
      while (!GatedLoadObserver.held(sink.first) && System.nanoTime() < deadline) {
        EndToEnd.sleep(Duration.ofMillis(100));
      }
      assertTrue(GatedLoadObserver.held(sink.first), "the first table's load reached its gate");
      // Only now: records buffered before the load began would prove nothing.
      produce(sink.second);
      sink.assertLandedOnce();
      assertTrue(GatedLoadObserver.passed(sink.first), "the load waited for the other table's records");
    } finally {
      sink.delete();
    }
  }

  @Test
  void loadsOfTwoTablesRunAtOnce() {
    TwoTables sink = TwoTables.create("bg_first", "bg_second");
    // Each load waits at STAGED until the other's has staged too: one load at a time could not get there.
    GatedLoadObserver.arm(sink.first, LoadStep.STAGED, sink.second, LoadStep.STAGED);
    GatedLoadObserver.arm(sink.second, LoadStep.STAGED, sink.first, LoadStep.STAGED);
    sink.start(2);
    try {
      produce(sink.first);
      produce(sink.second);
      sink.assertLandedOnce();
      assertTrue(GatedLoadObserver.passed(sink.first) && GatedLoadObserver.passed(sink.second));
    } finally {
      sink.delete();
    }
  }
}
