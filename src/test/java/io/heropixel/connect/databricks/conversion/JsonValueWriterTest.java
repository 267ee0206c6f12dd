package io.heropixel.connect.databricks.conversion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;
import org.junit.jupiter.api.Test;

class JsonValueWriterTest {

  private final JsonValueWriter writer = new JsonValueWriter();

  @Test
  void writesStructsWithLogicalTypes() {
    Schema address = SchemaBuilder.struct().field("city", Schema.STRING_SCHEMA).build();
    Schema schema = SchemaBuilder.struct()
        .field("id", Schema.INT64_SCHEMA)
        .field("name", Schema.OPTIONAL_STRING_SCHEMA)
        .field("price", Decimal.schema(2))
        .field("day", Date.SCHEMA)
        .field("at", Timestamp.SCHEMA)
        .field("tags", SchemaBuilder.array(Schema.STRING_SCHEMA).build())
        .field("address", address)
        .field("raw", Schema.BYTES_SCHEMA)
        .build();
    Struct value = new Struct(schema)
        .put("id", 7L)
        .put("price", new BigDecimal("12.50"))
        .put("day", new java.util.Date(86_400_000L * 3))
        .put("at", new java.util.Date(1_000L))
        .put("tags", List.of("a", "b\"c"))
        .put("address", new Struct(address).put("city", "Zürich"))
        .put("raw", new byte[] {1, 2});
    assertEquals("{\"id\":7,\"name\":null,\"price\":12.50,\"day\":\"1970-01-04\",\"at\":\"1970-01-01T00:00:01Z\","
        + "\"tags\":[\"a\",\"b\\\"c\"],\"address\":{\"city\":\"Zürich\"},\"raw\":\"AQI=\"}", writer.write(schema, value));
  }

  /** One generator serves every record: values must not run together, nor carry a failed value's state. */
  @Test
  void eachValueStandsAloneAfterOthersAndAfterOneThatFailed() {
    Map<String, Object> unsupported = new LinkedHashMap<>();
    unsupported.put("ok", 1);
    unsupported.put("thread", Thread.currentThread());
    assertEquals("{\"a\":1}", writer.write(null, Map.of("a", 1)));
    assertEquals("[0.1,2.5E-7,1.0E21]", writer.write(null, List.of(0.1, 2.5e-7, 1e21)));
    assertThrows(ConversionException.class, () -> writer.write(null, unsupported));
    assertEquals("{\"b\":[true]}", writer.write(null, Map.of("b", List.of(true))));
    assertEquals("42", writer.write(null, 42));
  }

  @Test
  void writesSchemalessMaps() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("n", 1L);
    map.put("d", 1.5);
    map.put("nested", Map.of("ok", true));
    map.put("nan", Double.NaN);
    assertEquals("{\"n\":1,\"d\":1.5,\"nested\":{\"ok\":true},\"nan\":\"NaN\"}", writer.write(null, map));
  }

  @Test
  void keepsJsonStringsAndRejectsOtherText() {
    assertEquals("{\"a\": [1, 2]}", writer.write(Schema.STRING_SCHEMA, "  {\"a\": [1, 2]}\n"));
    ConversionException e = assertThrows(ConversionException.class, () -> writer.write(Schema.STRING_SCHEMA, "{\"a\":"));
    assertEquals(true, e.getMessage().startsWith("The value is not valid JSON"), e.getMessage());
    assertThrows(ConversionException.class, () -> writer.write(null, "{} trailing"));
    assertThrows(ConversionException.class, () -> writer.write(null, ""));
  }

  @Test
  void usesJsonBytesAsJsonAndOtherBytesAsBase64() {
    assertEquals("{\"k\":1}", writer.write(Schema.BYTES_SCHEMA, "{\"k\":1}".getBytes(StandardCharsets.UTF_8)));
    assertEquals("\"/wA=\"", writer.write(Schema.BYTES_SCHEMA, new byte[] {(byte) 0xff, 0}));
  }
}
