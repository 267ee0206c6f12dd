package io.heropixel.connect.databricks.it;

import static io.heropixel.connect.databricks.it.EndToEnd.awaitCount;
import static io.heropixel.connect.databricks.it.EndToEnd.connect;
import static io.heropixel.connect.databricks.it.EndToEnd.connectorConfig;
import static io.heropixel.connect.databricks.it.EndToEnd.query;
import static io.heropixel.connect.databricks.it.EndToEnd.sleep;
import static io.heropixel.connect.databricks.it.EndToEnd.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.heropixel.connect.databricks.conversion.RecordIds;
import io.heropixel.connect.databricks.staging.StagingFormat;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/**
 * The sink end to end on one data source: connector JSON over the Connect REST API, records produced to
 * Kafka, rows read back from the Delta tables through the Databricks JDBC driver. Each data source runs
 * these scenarios through its own {@link DataSourceFixture}.
 */
abstract class StagingScenarios {

  abstract DataSourceFixture fixture();

  private Map<String, String> config(String topics, String schema, String space) {
    return connectorConfig(topics, schema, fixture().config(space));
  }

  private static final long BASE_TIMESTAMP = 1_767_225_600_000L; // 2026-01-01T00:00:00Z

  /** A produced record as the table must show it. */
  record Produced(String topic, int partition, long offset, long timestamp, String json) {}

  static List<Produced> produce(String topic, int partitions, int count, int from) {
    List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
    for (int i = from; i < from + count; i++) {
      String json = "{\"topic\":\"" + topic + "\",\"i\":" + i + ",\"text\":\"quote \\\" comma, newline \\n\"}";
      records.add(new ProducerRecord<>(topic, i % partitions, BASE_TIMESTAMP + i, ("k" + i).getBytes(StandardCharsets.UTF_8),
          json.getBytes(StandardCharsets.UTF_8)));
    }
    List<RecordMetadata> sent = connect().produce(records);
    List<Produced> produced = new ArrayList<>();
    for (int i = 0; i < records.size(); i++) {
      RecordMetadata m = sent.get(i);
      produced.add(new Produced(topic, m.partition(), m.offset(), records.get(i).timestamp(),
          new String(records.get(i).value(), StandardCharsets.UTF_8)));
    }
    return produced;
  }

  /** Checks every row of a table against what was produced: id, timestamp, data and coordinates. */
  private static void assertTableHolds(String table, List<Produced> produced) {
    List<Map<String, Object>> rows = query("SELECT _airbyte_ab_id AS id, unix_millis(_airbyte_emitted_at) AS ts, "
        + "_airbyte_data AS data, _kafka_topic AS topic, _kafka_partition AS p, _kafka_offset AS o FROM " + table);
    assertEquals(produced.size(), rows.size(), table);
    Map<String, Produced> expected = new HashMap<>();
    produced.forEach(p -> expected.put(p.topic() + "/" + p.partition() + "/" + p.offset(), p));
    for (Map<String, Object> row : rows) {
      String key = row.get("topic") + "/" + ((Number) row.get("p")).intValue() + "/" + ((Number) row.get("o")).longValue();
      Produced p = expected.remove(key);
      assertTrue(p != null, "unexpected or duplicate row " + key + " in " + table);
      assertEquals(RecordIds.of(p.topic(), p.partition(), p.offset()).toString(), row.get("id"));
      assertEquals(p.timestamp(), ((Number) row.get("ts")).longValue());
      assertEquals(p.json(), row.get("data"));
    }
    assertTrue(expected.isEmpty(), "missing rows " + expected.keySet());
  }

  @Test
  void loadsSeveralTopicsAndPartitionsIntoTheirTablesAsMapped() {
    String orders = unique("orders");
    String clicks = unique("Clicks.EU");
    String schema = unique("e2e");
    String salesSchema = unique("sales");
    for (String topic : List.of(orders, clicks)) {
      connect().createTopic(topic, 3);
    }
    Map<String, String> config = config(orders + "," + clicks, schema, unique("path"));
    config.put("topic2table.map", orders + ":" + salesSchema + ".orders_all");
    String name = unique("sink");
    connect().createConnector(name, config, 2);
    try {
      List<Produced> ordersSent = produce(orders, 3, 150, 0);
      List<Produced> clicksSent = produce(clicks, 3, 90, 0);

      String ordersTable = fixture().catalog() + "." + salesSchema + ".orders_all";
      String clicksTable = fixture().catalog() + "." + schema + "." + clicks.toLowerCase().replace('.', '_');
      awaitCount(ordersTable, 150);
      awaitCount(clicksTable, 90);
      assertTableHolds(ordersTable, ordersSent);
      assertTableHolds(clicksTable, clicksSent);
      Set<Integer> partitions = query("SELECT DISTINCT _kafka_partition AS p FROM " + ordersTable).stream()
          .map(r -> ((Number) r.get("p")).intValue()).collect(Collectors.toCollection(TreeSet::new));
      assertEquals(Set.of(0, 1, 2), partitions);
    } finally {
      connect().deleteConnector(name);
    }
  }

  @Test
  void namesStagingFilesFromEveryPlaceholderAndKeepsThemWithoutPurge() {
    String topic = unique("staged");
    String schema = unique("e2e");
    String path = unique("keep");
    connect().createTopic(topic, 1);
    Map<String, String> config = config(topic, schema, path);
    config.put("staging.purge", "false");
    config.put("tasks.max", "1");
    config.put("s3.filename.pattern",
        "{date}_{date:yyyy_MM}_{timestamp}_{timestamp:millis}_{timestamp:micros}_{part_number}_{sync_id}{format_extension}");
    String name = unique("sink");
    long before = System.currentTimeMillis();
    connect().createConnector(name, config, 1);
    try {
      produce(topic, 1, 20, 0);
      awaitCount(fixture().catalog() + "." + schema + "." + topic, 20);
      long after = System.currentTimeMillis();

      boolean delta = fixture().format() == StagingFormat.Kind.DELTA;
      String extension = delta ? ".parquet" : ".csv";
      Pattern staged = Pattern.compile("([0-9a-f-]{36})/" + Pattern.quote(topic)
          + "/(\\d{4}-\\d{2}-\\d{2})_(\\d{4}_\\d{2})_(\\d+)_(\\d+)_(\\d+)_(\\d+)_([0-9a-f-]{36})"
          + Pattern.quote(extension));
      List<String> keys = fixture().objects(path);
      List<String> files = keys.stream().filter(k -> staged.matcher(k).matches()).toList();
      assertFalse(files.isEmpty(), "no staged file matches the pattern among " + keys);
      for (String file : files) {
        var m = staged.matcher(file);
        assertTrue(m.matches());
        long millis = Long.parseLong(m.group(4));
        assertTrue(millis >= before && millis <= after, file);
        assertEquals(m.group(4), m.group(5), "{timestamp} and {timestamp:millis} agree");
        assertEquals(millis, Long.parseLong(m.group(6)) / 1000, "{timestamp:micros} is the same instant");
        assertEquals(java.time.Instant.ofEpochMilli(millis).toString().substring(0, 10), m.group(2));
        assertEquals(m.group(2).substring(0, 7).replace('-', '_'), m.group(3));
        assertEquals("0", m.group(7), "one file per staging table");
        assertEquals(delta,
            keys.contains(m.group(1) + "/" + topic + "/_delta_log/00000000000000000000.json"),
            "a staging table has a Delta log exactly when its format is Delta");
      }
    } finally {
      connect().deleteConnector(name);
    }
  }

  @Test
  void purgesStagingTablesOnceLoaded() {
    String topic = unique("purged");
    String schema = unique("e2e");
    String path = unique("purge");
    connect().createTopic(topic, 2);
    String name = unique("sink");
    connect().createConnector(name, config(topic, schema, path), 2);
    try {
      produce(topic, 2, 60, 0);
      awaitCount(fixture().catalog() + "." + schema + "." + topic, 60);
      String tableData = fixture().tableData(schema, topic);
      // The table's own data, and on Azure the folder markers of its location and the location's parents
      // (the local warehouse's abfss filesystem writes them when two tasks create the table at once).
      Supplier<List<String>> leftovers = () -> fixture().objects(path).stream()
          .filter(k -> tableData == null || !(k.startsWith(tableData + "/") || (tableData + "/").startsWith(k + "/")))
          .toList();
      // The last rows are visible as soon as their load commits; its task purges the staging table just after.
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (!leftovers.get().isEmpty() && System.nanoTime() < deadline) {
        sleep(Duration.ofMillis(500));
      }
      assertEquals(List.of(), leftovers.get(), "staging objects left 30 s after the load");
      if (tableData != null) {
        assertTrue(fixture().objects(path).stream().anyMatch(k -> k.startsWith(tableData + "/_delta_log/")),
            "an unmanaged table's data lives at <path>/<schema>/<stream>");
      }
    } finally {
      connect().deleteConnector(name);
    }
  }

  @Test
  void fullRefreshReplacesTheTableOncePerDeployment() {
    String topic = unique("refresh");
    String schema = unique("e2e");
    String path = unique("refresh");
    String table = fixture().catalog() + "." + schema + "." + topic;
    connect().createTopic(topic, 2);
    // A table from an earlier deployment, with rows that the refresh must remove.
    Map<String, String> config = config(topic, schema, path);
    String location = fixture().tableLocation(path, schema, topic);
    EndToEnd.execute("CREATE SCHEMA IF NOT EXISTS " + fixture().catalog() + "." + schema);
    EndToEnd.execute("CREATE TABLE " + table + " (_airbyte_ab_id STRING, _airbyte_emitted_at TIMESTAMP, "
        + "_airbyte_data STRING, _kafka_topic STRING, _kafka_partition INT, _kafka_offset BIGINT) USING DELTA"
        + (location == null ? "" : " LOCATION '" + location + "'"));
    EndToEnd.execute("INSERT INTO " + table + " VALUES ('old', current_timestamp(), '{}', '" + topic + "', 0, 999)");
    config.put("sync.mode", "full_refresh");
    String name = unique("sink");
    connect().createConnector(name, config, 2);
    try {
      List<Produced> sent = new ArrayList<>(produce(topic, 2, 40, 0));
      awaitCount(table, 40);
      assertTableHolds(table, sent);

      // A restart of the connector and its tasks is the same deployment: nothing is replaced again.
      connect().restartConnector(name, 2);
      sent.addAll(produce(topic, 2, 40, 40));
      awaitCount(table, 80);
      assertTableHolds(table, sent);
    } finally {
      connect().deleteConnector(name);
    }
  }

  @Test
  void resumesFromWhatTheTableHoldsAfterARestart() throws Exception {
    String topic = unique("resume");
    String schema = unique("e2e");
    String table = fixture().catalog() + "." + schema + "." + topic;
    connect().createTopic(topic, 3);
    Map<String, String> config = config(topic, schema, unique("resume"));
    String name = unique("sink");
    connect().createConnector(name, config, 2);
    List<Produced> sent = new ArrayList<>(produce(topic, 3, 90, 0));
    awaitCount(table, 90);
    connect().deleteConnector(name);

    // Committed offsets are only a hint: with the group's offsets gone, the table still says where to resume.
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, connect().bootstrapServers()))) {
      Set<TopicPartition> partitions = Set.of(new TopicPartition(topic, 0), new TopicPartition(topic, 1),
          new TopicPartition(topic, 2));
      long deadline = System.currentTimeMillis() + 60_000;
      while (true) {
        try {
          admin.deleteConsumerGroupOffsets("connect-" + name, partitions).all().get();
          break;
        } catch (Exception stillMember) {
          if (System.currentTimeMillis() > deadline) {
            throw stillMember;
          }
          Thread.sleep(500); // the deleted connector's consumers leave the group asynchronously
        }
      }
    }
    sent.addAll(produce(topic, 3, 60, 90));
    connect().createConnector(name, config, 2);
    try {
      awaitCount(table, 150);
      sent.addAll(produce(topic, 3, 30, 150));
      connect().restartConnector(name, 2);
      awaitCount(table, 180);
      assertTableHolds(table, sent);
    } finally {
      connect().deleteConnector(name);
    }
  }
}
