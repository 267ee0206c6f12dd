package io.heropixel.connect.databricks.it;

import static io.heropixel.connect.databricks.it.EndToEnd.awaitCount;
import static io.heropixel.connect.databricks.it.EndToEnd.connect;
import static io.heropixel.connect.databricks.it.EndToEnd.query;
import static io.heropixel.connect.databricks.it.EndToEnd.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.heropixel.connect.databricks.LoadStep;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A task killed at each step of a load, then restarted: every record ends up in the table exactly once.
 * Each data source runs these through its own {@link DataSourceFixture}.
 */
abstract class CrashScenarios {

  abstract DataSourceFixture fixture();

  private static int produced;

  private static void produce(String topic, int count) {
    List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      records.add(new ProducerRecord<>(topic, i % 2, null,
          ("{\"n\":" + (produced++) + "}").getBytes(StandardCharsets.UTF_8)));
    }
    connect().produce(records);
  }

  /** Unlike awaitRunning, tolerates the FAILED state that the status shows until the restart takes effect. */
  private static void awaitTaskRunning(String connector) {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      JsonNode tasks = connect().rest().status(connector).get("tasks");
      if (tasks.size() > 0 && "RUNNING".equals(tasks.get(0).get("state").asText())) {
        return;
      }
      EndToEnd.sleep(Duration.ofMillis(200));
    }
    throw new AssertionError("the task did not come back: " + connect().rest().status(connector));
  }

  @ParameterizedTest
  @EnumSource(LoadStep.class)
  void aTaskKilledAtAnyStepLosesAndDuplicatesNothing(LoadStep step) {
    String topic = unique("crash_" + step.name().toLowerCase());
    String schema = unique("crash");
    String table = fixture().catalog() + "." + schema + "." + topic;
    connect().createTopic(topic, 2);
    Map<String, String> config = EndToEnd.connectorConfig(topic, schema, fixture().config(unique("crash")));
    config.put("tasks.max", "1");
    config.put("load.observer.class", CrashingLoadObserver.class.getName());
    String name = unique("sink");
    connect().createConnector(name, config, 1);
    try {
      int before = produced;
      produce(topic, 40);
      awaitCount(table, produced - before);

      CrashingLoadObserver.arm(topic, step);
      produce(topic, 40);
      JsonNode failed = EndToEnd.awaitTaskFailed(name);
      assertTrue(failed.get("trace").asText().contains("Injected crash at " + step), failed.toString());
      assertTrue(CrashingLoadObserver.fired(topic));

      produce(topic, 40);
      connect().rest().restartConnector(name);
      awaitTaskRunning(name);
      produce(topic, 40);
      long total = produced - before;
      awaitCount(table, total);
      Map<String, Object> stats = query("SELECT COUNT(*) AS n, COUNT(DISTINCT _kafka_partition, _kafka_offset) AS d, "
          + "COUNT(DISTINCT _airbyte_ab_id) AS ids FROM " + table).get(0);
      assertEquals(total, ((Number) stats.get("n")).longValue());
      assertEquals(total, ((Number) stats.get("d")).longValue(), "no record twice");
      assertEquals(total, ((Number) stats.get("ids")).longValue(), "no record id twice");
    } finally {
      connect().deleteConnector(name);
    }
  }
}
