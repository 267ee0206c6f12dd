package io.heropixel.connect.databricks.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The Apache Iceberg sink in the same worker, on a Hadoop catalog on local disk, committing as often as
 * this connector flushes. Its committed row count is the current snapshot's {@code total-records}, read
 * from the table's metadata file as any Iceberg reader would find it (version-hint.text).
 */
final class IcebergSink implements SinkUnderTest {

  static final String NAMESPACE = "bench";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String bootstrap;
  private final String topic;
  private final String controlTopic;
  private final Path warehouse;
  private final int tasks;
  private final long commitIntervalMs;

  IcebergSink(String bootstrap, String topic, String controlTopic, Path warehouse, int tasks, long commitIntervalMs) {
    this.bootstrap = bootstrap;
    this.topic = topic;
    this.controlTopic = controlTopic;
    this.warehouse = warehouse;
    this.tasks = tasks;
    this.commitIntervalMs = commitIntervalMs;
  }

  @Override
  public String label() {
    return "iceberg";
  }

  @Override
  public String connectorName() {
    return topic + "_iceberg";
  }

  @Override
  public Map<String, String> config() {
    Map<String, String> config = new HashMap<>();
    config.put("connector.class", "org.apache.iceberg.connect.IcebergSinkConnector");
    config.put("tasks.max", Integer.toString(tasks));
    config.put("topics", topic);
    config.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
    config.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
    config.put("value.converter.schemas.enable", "true");
    config.put("iceberg.tables", NAMESPACE + "." + topic);
    config.put("iceberg.tables.auto-create-enabled", "true");
    config.put("iceberg.catalog.type", "hadoop");
    config.put("iceberg.catalog.warehouse", warehouse.toUri().toString());
    config.put("iceberg.control.topic", controlTopic);
    config.put("iceberg.control.commit.interval-ms", Long.toString(commitIntervalMs));
    // The control topic's clients; the broker's transaction log already has replication factor 1.
    config.put("iceberg.kafka.bootstrap.servers", bootstrap);
    return config;
  }

  @Override
  public long committedRows() {
    Path metadata = warehouse.resolve(NAMESPACE).resolve(topic).resolve("metadata");
    try {
      String version = Files.readString(metadata.resolve("version-hint.text")).trim();
      JsonNode table = JSON.readTree(metadata.resolve("v" + version + ".metadata.json").toFile());
      long current = table.path("current-snapshot-id").asLong(-1);
      for (JsonNode snapshot : table.path("snapshots")) {
        if (snapshot.path("snapshot-id").asLong() == current) {
          return snapshot.path("summary").path("total-records").asLong();
        }
      }
      return 0;
    } catch (IOException noTableYet) {
      return -1;
    }
  }
}
