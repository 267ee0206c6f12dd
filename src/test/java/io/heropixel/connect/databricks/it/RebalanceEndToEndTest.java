package io.heropixel.connect.databricks.it;

import static io.heropixel.connect.databricks.it.EndToEnd.awaitCount;
import static io.heropixel.connect.databricks.it.EndToEnd.connect;
import static io.heropixel.connect.databricks.it.EndToEnd.query;
import static io.heropixel.connect.databricks.it.EndToEnd.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.connect.util.clusters.WorkerHandle;
import org.junit.jupiter.api.Test;

/** A second worker joins and leaves while records flow; every record is loaded exactly once. */
class RebalanceEndToEndTest {

  @Test
  void aWorkerJoiningAndLeavingLosesAndDuplicatesNothing() throws Exception {
    String topic = unique("rebalance");
    String schema = unique("rebalance");
    String table = "hive_metastore." + schema + "." + topic;
    connect().createTopic(topic, 4);
    Map<String, String> config = EndToEnd.connectorConfig(topic, schema, unique("rebalance"));
    config.put("tasks.max", "2");
    String name = unique("sink");
    connect().createConnector(name, config, 2);
    AtomicBoolean flowing = new AtomicBoolean(true);
    AtomicInteger sent = new AtomicInteger();
    Thread producer = new Thread(() -> {
      while (flowing.get()) {
        List<ProducerRecord<byte[], byte[]>> batch = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
          int n = sent.getAndIncrement();
          batch.add(new ProducerRecord<>(topic, n % 4, null, ("{\"n\":" + n + "}").getBytes(StandardCharsets.UTF_8)));
        }
        connect().produce(batch);
        EndToEnd.sleep(Duration.ofMillis(100));
      }
    }, "rebalance-producer");
    producer.start();
    try {
      EndToEnd.sleep(Duration.ofSeconds(3));
      WorkerHandle second = connect().addWorker();
      EndToEnd.sleep(Duration.ofSeconds(8));
      connect().removeWorker(second);
      EndToEnd.sleep(Duration.ofSeconds(5));
    } finally {
      flowing.set(false);
      producer.join();
    }
    try {
      awaitCount(table, sent.get());
      Map<String, Object> stats = query("SELECT COUNT(*) AS n, COUNT(DISTINCT _kafka_partition, _kafka_offset) AS d "
          + "FROM " + table).get(0);
      assertEquals(sent.get(), ((Number) stats.get("n")).intValue());
      assertEquals(sent.get(), ((Number) stats.get("d")).intValue(), "no record twice");
    } finally {
      connect().deleteConnector(name);
    }
  }
}
