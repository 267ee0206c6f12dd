package io.heropixel.connect.databricks.it;

import static io.heropixel.connect.databricks.it.EndToEnd.awaitCount;
import static io.heropixel.connect.databricks.it.EndToEnd.connect;
import static io.heropixel.connect.databricks.it.EndToEnd.describe;
import static io.heropixel.connect.databricks.it.EndToEnd.query;
import static io.heropixel.connect.databricks.it.EndToEnd.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.json.JsonConverter;
import org.junit.jupiter.api.Test;

/** Typed columns through the real path: JSON with schemas in, columns of the right Databricks type out. */
class TypedEndToEndTest {

  private static final JsonConverter JSON = new JsonConverter();

  static {
    JSON.configure(Map.of("schemas.enable", "true", "decimal.format", "NUMERIC"), false);
  }

  private static final Schema NESTED = SchemaBuilder.struct().optional()
      .field("a", Schema.OPTIONAL_INT32_SCHEMA).field("b", Schema.OPTIONAL_STRING_SCHEMA).build();
  private static final Schema MATRIX = SchemaBuilder.struct().name("matrix")
      .field("i8", Schema.OPTIONAL_INT8_SCHEMA)
      .field("i16", Schema.OPTIONAL_INT16_SCHEMA)
      .field("i32", Schema.OPTIONAL_INT32_SCHEMA)
      .field("i64", Schema.OPTIONAL_INT64_SCHEMA)
      .field("f32", Schema.OPTIONAL_FLOAT32_SCHEMA)
      .field("f64", Schema.OPTIONAL_FLOAT64_SCHEMA)
      .field("flag", Schema.OPTIONAL_BOOLEAN_SCHEMA)
      .field("text", Schema.OPTIONAL_STRING_SCHEMA)
      .field("bin", Schema.OPTIONAL_BYTES_SCHEMA)
      .field("dec", Decimal.builder(9).parameter("connect.decimal.precision", "38").optional().build())
      .field("day", Date.builder().optional().build())
      .field("tod", Time.builder().optional().build())
      .field("ts", Timestamp.builder().optional().build())
      .field("arr", SchemaBuilder.array(Schema.STRING_SCHEMA).optional().build())
      .field("m", SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.STRING_SCHEMA).optional().build())
      .field("st", NESTED)
      .field("first name", Schema.OPTIONAL_STRING_SCHEMA)
      .field("I32", Schema.OPTIONAL_STRING_SCHEMA)
      .field("_kafka_offset", Schema.OPTIONAL_STRING_SCHEMA)
      .build();

  private static void produce(String topic, Schema schema, List<Struct> values) {
    List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
    for (Struct value : values) {
      records.add(new ProducerRecord<>(topic, 0, null, JSON.fromConnectData(topic, schema, value)));
    }
    connect().produce(records);
  }

  private static Map<String, String> typedConfig(String topic, String schema) {
    Map<String, String> config = EndToEnd.connectorConfig(topic, schema, unique("typed"));
    config.put("tasks.max", "1");
    config.put("value.converter", JsonConverter.class.getName());
    config.put("value.converter.schemas.enable", "true");
    config.put("value.converter.decimal.format", "NUMERIC");
    config.put("row.shape", "typed");
    return config;
  }

  @Test
  void everyConnectTypeLandsInAColumnOfTheRightTypeAndValue() {
    String topic = unique("matrix");
    String schema = unique("typed");
    String table = "hive_metastore." + schema + "." + topic;
    connect().createTopic(topic, 1);
    String name = unique("sink");
    connect().createConnector(name, typedConfig(topic, schema), 1);
    try {
      Struct full = new Struct(MATRIX)
          .put("i8", (byte) -8).put("i16", (short) 1600).put("i32", 32_000_000).put("i64", 64_000_000_000L)
          .put("f32", 1.5f).put("f64", 2.25).put("flag", true).put("text", "héllo, \"world\"\n")
          .put("bin", new byte[] {0, 1, (byte) 0xff})
          .put("dec", new BigDecimal("12345678901234567890123456789.123456789"))
          .put("day", new java.util.Date(20_000L * 86_400_000L))
          .put("tod", new java.util.Date(3_723_004L))
          .put("ts", new java.util.Date(1_767_225_600_123L))
          .put("arr", List.of("x", "y"))
          .put("m", Map.of("k", "v"))
          .put("st", new Struct(NESTED).put("a", 7).put("b", "seven"))
          .put("first name", "Ada").put("I32", "upper").put("_kafka_offset", "mine");
      produce(topic, MATRIX, List.of(full, new Struct(MATRIX)));
      awaitCount(table, 2);

      Map<String, String> types = describe(table);
      Map<String, String> expected = new LinkedHashMap<>();
      expected.put("i8", "tinyint");
      expected.put("i16", "smallint");
      expected.put("i32", "int");
      expected.put("i64", "bigint");
      expected.put("f32", "float");
      expected.put("f64", "double");
      expected.put("flag", "boolean");
      expected.put("text", "string");
      expected.put("bin", "binary");
      expected.put("dec", "decimal(38,9)");
      expected.put("day", "date");
      expected.put("tod", "string");
      expected.put("ts", "timestamp");
      expected.put("arr", "array<string>");
      expected.put("m", "map<string,string>");
      expected.put("st", "struct<a:int,b:string>");
      expected.put("first_name", "string"); // names Delta refuses are made safe ...
      expected.put("I32_1", "string"); // ... and case collisions and the connector's own names get a suffix
      expected.put("_kafka_offset_1", "string");
      expected.put("_kafka_offset", "bigint");
      expected.forEach((column, type) -> assertEquals(type, types.get(column), column + " in " + types));

      List<Map<String, Object>> rows = query("SELECT CAST(i8 AS STRING) AS i8, CAST(i16 AS STRING) AS i16, "
          + "CAST(i32 AS STRING) AS i32, CAST(i64 AS STRING) AS i64, CAST(f32 AS STRING) AS f32, "
          + "CAST(f64 AS STRING) AS f64, CAST(flag AS STRING) AS flag, text, hex(bin) AS bin, "
          + "CAST(dec AS STRING) AS dec, CAST(day AS STRING) AS day, tod, CAST(unix_millis(ts) AS STRING) AS ts, "
          + "to_json(arr) AS arr, to_json(m) AS m, to_json(st) AS st, first_name, I32_1, _kafka_offset_1 FROM "
          + table + " ORDER BY _kafka_offset");
      Map<String, Object> values = rows.get(0);
      assertEquals("-8", values.get("i8"));
      assertEquals("1600", values.get("i16"));
      assertEquals("32000000", values.get("i32"));
      assertEquals("64000000000", values.get("i64"));
      assertEquals("1.5", values.get("f32"));
      assertEquals("2.25", values.get("f64"));
      assertEquals("true", values.get("flag"));
      assertEquals("héllo, \"world\"\n", values.get("text"));
      assertEquals("0001FF", values.get("bin"));
      assertEquals("12345678901234567890123456789.123456789", values.get("dec"));
      assertEquals("2024-10-04", values.get("day"));
      assertEquals("01:02:03.004", values.get("tod"));
      assertEquals("1767225600123", values.get("ts"));
      assertEquals("[\"x\",\"y\"]", values.get("arr"));
      assertEquals("{\"k\":\"v\"}", values.get("m"));
      assertEquals("{\"a\":7,\"b\":\"seven\"}", values.get("st"));
      assertEquals("Ada", values.get("first_name"));
      assertEquals("upper", values.get("I32_1"));
      assertEquals("mine", values.get("_kafka_offset_1"));
      rows.get(1).forEach((column, value) -> assertNull(value, column + " of the all-null record"));
    } finally {
      connect().deleteConnector(name);
    }
  }

  @Test
  void rawRowsKeepTheSameRecordsAsJson() {
    String topic = unique("matrix_raw");
    String schema = unique("raw");
    String table = "hive_metastore." + schema + "." + topic;
    connect().createTopic(topic, 1);
    Map<String, String> config = typedConfig(topic, schema);
    config.put("row.shape", "raw");
    String name = unique("sink");
    connect().createConnector(name, config, 1);
    try {
      Struct value = new Struct(MATRIX).put("i32", 5).put("dec", new BigDecimal("1.500000000"))
          .put("day", new java.util.Date(86_400_000L)).put("st", new Struct(NESTED).put("a", 1));
      produce(topic, MATRIX, List.of(value));
      awaitCount(table, 1);
      String data = (String) query("SELECT _airbyte_data AS d FROM " + table).get(0).get("d");
      assertTrue(data.startsWith("{\"i8\":null,\"i16\":null,\"i32\":5,"), data);
      assertTrue(data.contains("\"dec\":1.500000000,\"day\":\"1970-01-02\""), data);
      assertTrue(data.contains("\"st\":{\"a\":1,\"b\":null},\"first name\":null"), data);
      assertEquals(Map.of("_airbyte_ab_id", "string", "_airbyte_emitted_at", "timestamp", "_airbyte_data", "string",
          "_kafka_topic", "string", "_kafka_partition", "int", "_kafka_offset", "bigint"), describe(table));
    } finally {
      connect().deleteConnector(name);
    }
  }

  private static final Schema V1 = SchemaBuilder.struct().name("user").version(1)
      .field("id", Schema.INT32_SCHEMA).field("name", Schema.OPTIONAL_STRING_SCHEMA).build();
  private static final Schema V2 = SchemaBuilder.struct().name("user").version(2)
      .field("id", Schema.INT64_SCHEMA).field("name", Schema.OPTIONAL_STRING_SCHEMA)
      .field("email", Schema.OPTIONAL_STRING_SCHEMA).build();
  private static final Schema V3 = SchemaBuilder.struct().name("user").version(3)
      .field("id", Schema.INT64_SCHEMA).field("email", Schema.OPTIONAL_STRING_SCHEMA).build();
  private static final Schema V4 = SchemaBuilder.struct().name("user").version(4)
      .field("id", Schema.STRING_SCHEMA).build();

  private static Map<String, String> evolutionConfig(String topic, String schema, String dlq, boolean evolve) {
    Map<String, String> config = typedConfig(topic, schema);
    config.put("schema.evolution.enabled", Boolean.toString(evolve));
    EndToEnd.toleratingErrors(config, dlq);
    return config;
  }

  private static List<String> deadLetterReasons(String dlq, int count) {
    List<String> reasons = new ArrayList<>();
    for (ConsumerRecord<byte[], byte[]> record : connect().cluster().kafka()
        .consume(count, Duration.ofSeconds(60).toMillis(), dlq)) {
      reasons.add(new String(record.headers().lastHeader("__connect.errors.exception.message").value(),
          java.nio.charset.StandardCharsets.UTF_8));
    }
    return reasons;
  }

  @Test
  void evolutionAddsWidensAndLoadsMissingFieldsAsNullButRefusesIncompatibleChanges() {
    String topic = unique("evolve");
    String schema = unique("typed");
    String dlq = unique("dlq");
    String table = "hive_metastore." + schema + "." + topic;
    connect().createTopic(topic, 1);
    connect().createTopic(dlq, 1);
    String name = unique("sink");
    connect().createConnector(name, evolutionConfig(topic, schema, dlq, true), 1);
    try {
      produce(topic, V1, List.of(new Struct(V1).put("id", 1).put("name", "one")));
      awaitCount(table, 1);
      assertEquals("int", describe(table).get("id"));
      assertEquals(null, describe(table).get("email"));

      produce(topic, V2, List.of(new Struct(V2).put("id", 5_000_000_000L).put("name", "two").put("email", "t@x")));
      awaitCount(table, 2);
      Map<String, String> widened = describe(table);
      assertEquals("bigint", widened.get("id"), "INT widened to BIGINT");
      assertEquals("string", widened.get("email"), "the new field is a new column");

      produce(topic, V3, List.of(new Struct(V3).put("id", 3L).put("email", "three@x")));
      awaitCount(table, 3);
      produce(topic, V4, List.of(new Struct(V4).put("id", "four")));
      produce(topic, V1, List.of(new Struct(V1).put("id", 5).put("name", "five")));
      awaitCount(table, 4);

      List<Map<String, Object>> rows = query("SELECT CAST(id AS STRING) AS id, name, email FROM " + table
          + " ORDER BY _kafka_offset");
      assertEquals(List.of("1", "5000000000", "3", "5"), rows.stream().map(r -> r.get("id")).toList());
      assertEquals(java.util.Arrays.asList("one", "two", null, "five"), rows.stream().map(r -> r.get("name")).toList());
      assertEquals(java.util.Arrays.asList(null, "t@x", "three@x", null),
          rows.stream().map(r -> r.get("email")).toList());
      List<String> reasons = deadLetterReasons(dlq, 1);
      assertEquals(1, reasons.size());
      assertTrue(reasons.get(0).contains("Column `id` is BIGINT in the table but STRING in the record"),
          reasons.get(0));
    } finally {
      connect().deleteConnector(name);
    }
  }

  @Test
  void withoutEvolutionARecordThatDoesNotFitGoesToTheDeadLetterQueue() {
    String topic = unique("fixed");
    String schema = unique("typed");
    String dlq = unique("dlq");
    String table = "hive_metastore." + schema + "." + topic;
    connect().createTopic(topic, 1);
    connect().createTopic(dlq, 1);
    String name = unique("sink");
    connect().createConnector(name, evolutionConfig(topic, schema, dlq, false), 1);
    try {
      produce(topic, V1, List.of(new Struct(V1).put("id", 1).put("name", "one")));
      awaitCount(table, 1);
      produce(topic, V2, List.of(new Struct(V2).put("id", 2L).put("name", "two").put("email", "e")));
      produce(topic, V1, List.of(new Struct(V1).put("id", 3).put("name", "three")));
      awaitCount(table, 2);
      assertEquals(Map.of("id", "int", "name", "string"), typedColumns(describe(table)));
      List<String> reasons = deadLetterReasons(dlq, 1);
      assertTrue(reasons.get(0).contains("schema.evolution.enabled"), reasons.get(0));
    } finally {
      connect().deleteConnector(name);
    }
  }

  private static Map<String, String> typedColumns(Map<String, String> all) {
    Map<String, String> typed = new LinkedHashMap<>(all);
    typed.keySet().removeIf(c -> c.startsWith("_airbyte_") || c.startsWith("_kafka_"));
    return typed;
  }
}
