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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

/** Records that cannot be converted go to the dead letter queue with their reason; the others are loaded. */
class DeadLetterEndToEndTest {

  private static final int RECORDS = 600;

  /** Every hundredth value is not JSON. */
  private static List<String> values() {
    List<String> values = new ArrayList<>();
    for (int i = 0; i < RECORDS; i++) {
      values.add(i % 100 == 37 ? "{\"broken\": " + i : "{\"i\":" + i + "}");
    }
    return values;
  }

  private static void produce(String topic, List<String> values) {
    List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
    for (int i = 0; i < values.size(); i++) {
      records.add(new ProducerRecord<>(topic, i % 3, null, values.get(i).getBytes(StandardCharsets.UTF_8)));
    }
    connect().produce(records);
  }

  @Test
  void poisonRecordsGoToTheDeadLetterQueueAndTheRestToTheTable() {
    String topic = unique("poison");
    String dlq = unique("dlq");
    String schema = unique("dlq");
    connect().createTopic(topic, 3);
    connect().createTopic(dlq, 1);
    Map<String, String> config = EndToEnd.connectorConfig(topic, schema, unique("dlq"));
    EndToEnd.toleratingErrors(config, dlq);
    String name = unique("sink");
    connect().createConnector(name, config, 2);
    try {
      List<String> values = values();
      produce(topic, values);
      List<String> poison = values.stream().filter(v -> v.startsWith("{\"broken")).toList();
      String table = "hive_metastore." + schema + "." + topic;
      awaitCount(table, RECORDS - poison.size());
      Set<String> loaded = new HashSet<>();
      query("SELECT _airbyte_data AS d FROM " + table).forEach(r -> loaded.add((String) r.get("d")));
      assertEquals(values.stream().filter(v -> !poison.contains(v)).collect(java.util.stream.Collectors.toSet()), loaded);

      ConsumerRecords<byte[], byte[]> dead = connect().cluster().kafka()
          .consume(poison.size(), Duration.ofSeconds(60).toMillis(), dlq);
      Set<String> deadValues = new HashSet<>();
      for (ConsumerRecord<byte[], byte[]> record : dead) {
        deadValues.add(new String(record.value(), StandardCharsets.UTF_8));
        Header reason = record.headers().lastHeader("__connect.errors.exception.message");
        String message = new String(reason.value(), StandardCharsets.UTF_8);
        assertTrue(message.contains("not valid JSON") && message.contains("offset"), message);
      }
      assertEquals(new HashSet<>(poison), deadValues);
      assertEquals(poison.size(), dead.count(), "each poison record once");
    } finally {
      connect().deleteConnector(name);
    }
  }

  @Test
  void withoutToleranceTheTaskFailsNamingTheRecord() {
    String topic = unique("strict");
    connect().createTopic(topic, 1);
    Map<String, String> config = EndToEnd.connectorConfig(topic, unique("strict"), unique("strict"));
    config.put("tasks.max", "1");
    String name = unique("sink");
    connect().createConnector(name, config, 1);
    try {
      connect().produce(topic, 0, null, "{\"ok\":1}");
      connect().produce(topic, 0, null, "not json");
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      String trace = "";
      while (System.nanoTime() < deadline && !trace.contains("Cannot convert")) {
        JsonNode task = connect().rest().status(name).get("tasks").get(0);
        trace = task.has("trace") ? task.get("trace").asText() : "";
        EndToEnd.sleep(Duration.ofMillis(200));
      }
      assertTrue(trace.contains("Cannot convert the record at topic " + topic + ", partition 0, offset 1: "
          + "The value is not valid JSON"), trace);
      assertTrue(trace.contains("errors.tolerance=all"), "the message says how to route such records to a DLQ");
    } finally {
      connect().deleteConnector(name);
    }
  }
}
