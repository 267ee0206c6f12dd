package io.heropixel.connect.databricks.it;

import static io.heropixel.connect.databricks.it.EndToEnd.awaitCount;
import static io.heropixel.connect.databricks.it.EndToEnd.connect;
import static io.heropixel.connect.databricks.it.EndToEnd.describe;
import static io.heropixel.connect.databricks.it.EndToEnd.query;
import static io.heropixel.connect.databricks.it.EndToEnd.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apicurio.registry.utils.converter.AvroConverter;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Avro with a schema registry through the real path: records serialized by Apicurio's own converter, the
 * connector reading them with Apicurio's AvroConverter against {@link FakeSchemaRegistry}.
 */
class AvroConverterEndToEndTest {

  private static final AvroConverter<Object> PRODUCER = new AvroConverter<>();

  static {
    // Without headers the serializer writes Apicurio's default framing: magic byte 0, then the 8-byte global id.
    PRODUCER.configure(Map.of("apicurio.registry.url", FakeSchemaRegistry.get().url(),
        "apicurio.registry.auto-register", "true"), false);
  }

  private static final Schema NESTED = SchemaBuilder.struct().name("nested").optional()
      .field("a", Schema.OPTIONAL_INT32_SCHEMA).field("b", Schema.OPTIONAL_STRING_SCHEMA).build();
  private static final Schema MATRIX = SchemaBuilder.struct().name("matrix")
      .field("i16", Schema.OPTIONAL_INT16_SCHEMA)
      .field("i32", Schema.OPTIONAL_INT32_SCHEMA)
      .field("i64", Schema.OPTIONAL_INT64_SCHEMA)
      .field("f32", Schema.OPTIONAL_FLOAT32_SCHEMA)
      .field("f64", Schema.OPTIONAL_FLOAT64_SCHEMA)
      .field("flag", Schema.OPTIONAL_BOOLEAN_SCHEMA)
      .field("text", Schema.OPTIONAL_STRING_SCHEMA)
      .field("bin", Schema.OPTIONAL_BYTES_SCHEMA)
      .field("dec", Decimal.builder(9).parameter("connect.decimal.precision", "20").optional().build())
      // No precision: Avro gets Apicurio's default precision 64, which it drops again on the way back.
      .field("dec_free", Decimal.builder(2).optional().build())
      .field("day", Date.builder().optional().build())
      .field("tod", Time.builder().optional().build())
      .field("ts", Timestamp.builder().optional().build())
      .field("arr", SchemaBuilder.array(Schema.INT64_SCHEMA).optional().build())
      .field("m", SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.FLOAT64_SCHEMA).optional().build())
      .field("st", NESTED)
      .build();

  private static final Schema V1 = SchemaBuilder.struct().name("user")
      .field("id", Schema.INT32_SCHEMA).field("name", Schema.OPTIONAL_STRING_SCHEMA).build();
  private static final Schema V2 = SchemaBuilder.struct().name("user")
      .field("id", Schema.INT32_SCHEMA).field("name", Schema.OPTIONAL_STRING_SCHEMA)
      .field("email", Schema.OPTIONAL_STRING_SCHEMA).build();

  @AfterEach
  void registryAnsweredEveryCall() {
    assertEquals(List.of(), FakeSchemaRegistry.get().unhandled(), "calls FakeSchemaRegistry does not implement");
  }

  private static void produce(String topic, List<Struct> values) {
    List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
    for (Struct value : values) {
      records.add(new ProducerRecord<>(topic, 0, null, PRODUCER.fromConnectData(topic, value.schema(), value)));
    }
    connect().produce(records);
  }

  private static Map<String, String> avroConfig(String topic, String schema, String rowShape) {
    Map<String, String> config = EndToEnd.connectorConfig(topic, schema, unique("avro"));
    config.put("tasks.max", "1");
    config.put("value.converter", AvroConverter.class.getName());
    config.put("value.converter.apicurio.registry.url", FakeSchemaRegistry.get().url());
    config.put("row.shape", rowShape);
    return config;
  }

  @Test
  void avroTypesLandInColumnsOfTheRightTypeAndValue() {
    String topic = unique("avro_matrix");
    String schema = unique("avro");
    String table = "hive_metastore." + schema + "." + topic;
    connect().createTopic(topic, 1);
    String name = unique("sink");
    connect().createConnector(name, avroConfig(topic, schema, "typed"), 1);
    try {
      Struct full = new Struct(MATRIX)
          .put("i16", (short) -1600).put("i32", 32_000_000).put("i64", 64_000_000_000L)
          .put("f32", 1.5f).put("f64", 2.25).put("flag", true).put("text", "héllo, \"avro\"")
          .put("bin", new byte[] {0, 1, (byte) 0xff})
          .put("dec", new BigDecimal("12345678901.123456789"))
          .put("dec_free", new BigDecimal("-3.14"))
          .put("day", new java.util.Date(20_000L * 86_400_000L))
          .put("tod", new java.util.Date(3_723_004L))
          .put("ts", new java.util.Date(1_767_225_600_123L))
          .put("arr", List.of(1L, 2L))
          .put("m", Map.of("k", 0.5))
          .put("st", new Struct(NESTED).put("a", 7).put("b", "seven"));
      produce(topic, List.of(full, new Struct(MATRIX)));
      awaitCount(table, 2);

      Map<String, String> expected = new LinkedHashMap<>();
      expected.put("i16", "smallint");
      expected.put("i32", "int");
      expected.put("i64", "bigint");
      expected.put("f32", "float");
      expected.put("f64", "double");
      expected.put("flag", "boolean");
      expected.put("text", "string");
      expected.put("bin", "binary");
      expected.put("dec", "decimal(20,9)");
      expected.put("dec_free", "decimal(38,2)");
      expected.put("day", "date");
      expected.put("tod", "string");
      expected.put("ts", "timestamp");
      expected.put("arr", "array<bigint>");
      expected.put("m", "map<string,double>");
      expected.put("st", "struct<a:int,b:string>");
      Map<String, String> types = describe(table);
      expected.forEach((column, type) -> assertEquals(type, types.get(column), column + " in " + types));

      List<Map<String, Object>> rows = query("SELECT CAST(i16 AS STRING) AS i16, CAST(i32 AS STRING) AS i32, "
          + "CAST(i64 AS STRING) AS i64, CAST(f32 AS STRING) AS f32, CAST(f64 AS STRING) AS f64, "
          + "CAST(flag AS STRING) AS flag, text, hex(bin) AS bin, CAST(dec AS STRING) AS dec, "
          + "CAST(dec_free AS STRING) AS dec_free, CAST(day AS STRING) AS day, tod, "
          + "CAST(unix_millis(ts) AS STRING) AS ts, to_json(arr) AS arr, to_json(m) AS m, to_json(st) AS st FROM "
          + table + " ORDER BY _kafka_offset");
      Map<String, Object> values = rows.get(0);
      assertEquals("-1600", values.get("i16"));
      assertEquals("32000000", values.get("i32"));
      assertEquals("64000000000", values.get("i64"));
      assertEquals("1.5", values.get("f32"));
      assertEquals("2.25", values.get("f64"));
      assertEquals("true", values.get("flag"));
      assertEquals("héllo, \"avro\"", values.get("text"));
      assertEquals("0001FF", values.get("bin"));
      assertEquals("12345678901.123456789", values.get("dec"));
      assertEquals("-3.14", values.get("dec_free"));
      assertEquals("2024-10-04", values.get("day"));
      assertEquals("01:02:03.004", values.get("tod"));
      assertEquals("1767225600123", values.get("ts"));
      assertEquals("[1,2]", values.get("arr"));
      assertEquals("{\"k\":0.5}", values.get("m"));
      assertEquals("{\"a\":7,\"b\":\"seven\"}", values.get("st"));
      rows.get(1).forEach((column, value) -> assertNull(value, column + " of the all-null record"));
    } finally {
      connect().deleteConnector(name);
    }
  }

  /**
   * Two registered versions of the topic's schema, interleaved: v1, then v2 (adds email) and v1 again. The v2
   * record carries its global id in a header instead, as Apicurio 2.x's serializer does by default when it is
   * given the record's headers (a plain Kafka producer), so the topic mixes both framings.
   */
  private static void produceBothVersions(String topic, String table) {
    produce(topic, List.of(new Struct(V1).put("id", 1).put("name", "one")));
    awaitCount(table, 1);
    Struct v2 = new Struct(V2).put("id", 2).put("name", "two").put("email", "two@x");
    Headers headers = new RecordHeaders();
    byte[] framedByHeader = PRODUCER.fromConnectData(topic, headers, V2, v2);
    assertTrue(headers.lastHeader("apicurio.value.globalId") != null, "the global id travels in a header");
    Struct v1 = new Struct(V1).put("id", 3).put("name", "three");
    connect().produce(List.of(new ProducerRecord<>(topic, 0, null, null, framedByHeader, headers),
        new ProducerRecord<>(topic, 0, null, PRODUCER.fromConnectData(topic, V1, v1))));
    awaitCount(table, 3);
  }

  @Test
  void aSecondSchemaVersionAddsItsColumnAndOlderRowsHaveNullThere() {
    String topic = unique("avro_evolve");
    String schema = unique("avro");
    String table = "hive_metastore." + schema + "." + topic;
    connect().createTopic(topic, 1);
    Map<String, String> config = avroConfig(topic, schema, "typed");
    config.put("schema.evolution.enabled", "true");
    String name = unique("sink");
    connect().createConnector(name, config, 1);
    try {
      produceBothVersions(topic, table);
      assertEquals("string", describe(table).get("email"), "v2's field is a new column");
      List<Map<String, Object>> rows = query("SELECT CAST(id AS STRING) AS id, name, email FROM " + table + " ORDER BY _kafka_offset");
      assertEquals(List.of("1", "2", "3"), rows.stream().map(r -> r.get("id")).toList());
      assertEquals(List.of("one", "two", "three"), rows.stream().map(r -> r.get("name")).toList());
      assertEquals(Arrays.asList(null, "two@x", null), rows.stream().map(r -> r.get("email")).toList());
    } finally {
      connect().deleteConnector(name);
    }
  }

  @Test
  void rawRowsHoldEachVersionsRecordAsJson() {
    String topic = unique("avro_raw");
    String schema = unique("avro");
    String table = "hive_metastore." + schema + "." + topic;
    connect().createTopic(topic, 1);
    String name = unique("sink");
    connect().createConnector(name, avroConfig(topic, schema, "raw"), 1);
    try {
      produceBothVersions(topic, table);
      List<Map<String, Object>> rows = query("SELECT _airbyte_data AS d FROM " + table + " ORDER BY _kafka_offset");
      assertEquals(List.of("{\"id\":1,\"name\":\"one\"}", "{\"id\":2,\"name\":\"two\",\"email\":\"two@x\"}",
          "{\"id\":3,\"name\":\"three\"}"), rows.stream().map(r -> r.get("d")).toList());
    } finally {
      connect().deleteConnector(name);
    }
  }
}
