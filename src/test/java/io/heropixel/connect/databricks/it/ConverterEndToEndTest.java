package io.heropixel.connect.databricks.it;

import static io.heropixel.connect.databricks.it.EndToEnd.awaitCount;
import static io.heropixel.connect.databricks.it.EndToEnd.connect;
import static io.heropixel.connect.databricks.it.EndToEnd.query;
import static io.heropixel.connect.databricks.it.EndToEnd.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Raw rows from each schemaless converter users send JSON with; tombstones are skipped. */
class ConverterEndToEndTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "org.apache.kafka.connect.json.JsonConverter, false",
      "org.apache.kafka.connect.storage.StringConverter, ",
      "org.apache.kafka.connect.converters.ByteArrayConverter, "})
  void jsonValuesLandAsJsonWhateverTheConverter(String converter, String schemasEnable) throws Exception {
    String topic = unique("conv");
    String schema = unique("conv");
    String table = "hive_metastore." + schema + "." + topic;
    connect().createTopic(topic, 2);
    Map<String, String> config = EndToEnd.connectorConfig(topic, schema, unique("conv"));
    config.put("value.converter", converter);
    if (schemasEnable != null) {
      config.put("value.converter.schemas.enable", schemasEnable);
    }
    String name = unique("sink");
    connect().createConnector(name, config, 2);
    try {
      List<String> values = new ArrayList<>();
      List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        String json = "{\"i\":" + i + ",\"nested\":{\"list\":[1,2,\"three\"],\"ok\":true},\"s\":\"a,b \\\"c\\\"\"}";
        values.add(json);
        records.add(new ProducerRecord<>(topic, i % 2, null, json.getBytes(StandardCharsets.UTF_8)));
        if (i % 10 == 0) {
          records.add(new ProducerRecord<>(topic, i % 2, null, null)); // a tombstone: skipped, counted in the logs
        }
      }
      connect().produce(records);
      awaitCount(table, values.size());
      List<JsonNode> landed = new ArrayList<>();
      for (Map<String, Object> row : query("SELECT _airbyte_data AS d FROM " + table)) {
        landed.add(MAPPER.readTree((String) row.get("d")));
      }
      List<JsonNode> expected = new ArrayList<>();
      for (String value : values) {
        expected.add(MAPPER.readTree(value));
      }
      // Schemaless JsonConverter maps do not keep key order, so JSON is compared as trees (order-free objects).
      assertEquals(sorted(expected), sorted(landed));
    } finally {
      connect().deleteConnector(name);
    }
  }

  private static List<JsonNode> sorted(List<JsonNode> nodes) {
    return nodes.stream().sorted(java.util.Comparator.comparingInt(n -> n.get("i").asInt())).toList();
  }
}
