package io.heropixel.connect.databricks.it;

import static io.heropixel.connect.databricks.it.EndToEnd.awaitTaskFailed;
import static io.heropixel.connect.databricks.it.EndToEnd.connect;
import static io.heropixel.connect.databricks.it.EndToEnd.count;
import static io.heropixel.connect.databricks.it.EndToEnd.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/**
 * When the warehouse cannot read the staged data itself, retrying cannot help: the task fails with an
 * error that names the staged file and the table, and keeps the staging table so the file can be found.
 */
class UnreadableStagedDataEndToEndTest {

  @Test
  void theFailureNamesTheStagedFileAndTheTableAndKeepsTheStagingTable() {
    String topic = unique("unreadable");
    String schema = unique("staged");
    String space = unique("unreadable");
    String table = "hive_metastore." + schema + "." + topic;
    connect().createTopic(topic, 1);
    Map<String, String> config = EndToEnd.connectorConfig(topic, schema, space);
    config.put("tasks.max", "1");
    config.put("load.observer.class", CorruptingLoadObserver.class.getName());
    CorruptingLoadObserver.arm(topic, space);
    String name = unique("sink");
    connect().createConnector(name, config, 1);
    try {
      connect().produce(List.of(new ProducerRecord<>(topic, 0, null, "{\"a\":1}".getBytes(StandardCharsets.UTF_8))));

      String trace = awaitTaskFailed(name).get("trace").asText();
      List<String> corrupted = CorruptingLoadObserver.CORRUPTED.stream()
          .filter(k -> k.startsWith(space + "/")).toList();
      assertEquals(1, corrupted.size(), corrupted.toString());
      String file = "s3://" + EndToEnd.BUCKET + "/" + corrupted.get(0);
      String stagingTable = file.substring(0, file.lastIndexOf('/'));
      assertTrue(trace.contains("Databricks could not read the staged file " + file + " of staging table "
          + stagingTable + " while loading " + table + "; the staging table is kept for inspection."), trace);
      assertTrue(EndToEnd.objects(corrupted.get(0)).contains(corrupted.get(0)), "the staged file was purged");
      assertEquals(0, count(table));
      assertFalse(trace.contains("RetriableException"), trace);
    } finally {
      connect().deleteConnector(name);
    }
  }
}
