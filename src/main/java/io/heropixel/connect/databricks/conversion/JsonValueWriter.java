package io.heropixel.connect.databricks.conversion;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Collection;
import java.util.Date;
import java.util.Map;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;

/**
 * Writes what a converter produced (Struct with schema, schemaless Map or List, primitives, or a
 * String that already holds JSON) as compact JSON text.
 */
public final class JsonValueWriter {

  private static final DateTimeFormatter DATE = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter TIME = DateTimeFormatter.ISO_LOCAL_TIME.withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ISO_INSTANT;

  // Doubles by Jackson's own writer (shortest form, Schubfach), not Double.toString, which showed in the
  // profile; values one after the other into one buffer, without a separator.
  private final JsonFactory factory = JsonFactory.builder().enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
      .build();
  /** One writer per task thread, so one buffer and one generator, kept across records. */
  private final ByteArrayBuilder buffer = new ByteArrayBuilder(1024);
  /** Null after a value failed to write, which left it inside that value. */
  private JsonGenerator generator;

  /**
   * @throws ConversionException when a String value is not valid JSON, or a value has no JSON form
   */
  public String write(Schema schema, Object value) {
    if (value instanceof String text) {
      return validJson(text);
    }
    if (value instanceof byte[] bytes) {
      return bytesAsJson(bytes);
    }
    // UTF-8 bytes into a buffer kept across records: Jackson's byte generator is its fastest, and a
    // StringWriter (a synchronized StringBuffer of chars) was the top of the conversion profile. Creating a
    // generator per record showed in the profile too.
    buffer.reset();
    try {
      if (generator == null) {
        generator = factory.createGenerator(buffer, JsonEncoding.UTF8);
        generator.setRootValueSeparator(null);
      }
      writeValue(generator, schema, value);
      generator.flush();
    } catch (IOException e) {
      generator = null;
      throw new ConversionException("Cannot write the value as JSON: " + e.getMessage(), e);
    } catch (RuntimeException e) {
      generator = null;
      throw e;
    }
    return new String(buffer.toByteArray(), StandardCharsets.UTF_8);
  }

  /** Top-level bytes (ByteArrayConverter) are used as JSON when they are UTF-8 JSON, else as a base64 string. */
  private String bytesAsJson(byte[] bytes) {
    try {
      return validJson(new String(bytes, StandardCharsets.UTF_8));
    } catch (ConversionException notJson) {
      return "\"" + Base64.getEncoder().encodeToString(bytes) + "\"";
    }
  }

  /** A string value carries JSON (StringConverter); it is kept as it is once it parses. */
  private String validJson(String text) {
    try (JsonParser parser = factory.createParser(text)) {
      if (parser.nextToken() == null) {
        throw new ConversionException("The value is an empty string, not JSON");
      }
      parser.skipChildren();
      if (parser.nextToken() != null) {
        throw new ConversionException("The value holds text after its JSON value at "
            + parser.currentLocation().getCharOffset());
      }
      return text.strip();
    } catch (JsonProcessingException e) {
      throw new ConversionException("The value is not valid JSON: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new ConversionException("The value is not valid JSON: " + e.getMessage(), e);
    }
  }

  private void writeValue(JsonGenerator gen, Schema schema, Object value) throws IOException {
    if (value == null) {
      gen.writeNull();
      return;
    }
    String logical = schema == null ? null : schema.name();
    if (value instanceof Struct struct) {
      gen.writeStartObject();
      for (Field field : struct.schema().fields()) {
        gen.writeFieldName(field.name());
        writeValue(gen, field.schema(), struct.get(field));
      }
      gen.writeEndObject();
    } else if (value instanceof Map<?, ?> map) {
      gen.writeStartObject();
      for (Map.Entry<?, ?> e : map.entrySet()) {
        gen.writeFieldName(String.valueOf(e.getKey()));
        writeValue(gen, schema == null ? null : schema.valueSchema(), e.getValue());
      }
      gen.writeEndObject();
    } else if (value instanceof Collection<?> list) {
      gen.writeStartArray();
      for (Object item : list) {
        writeValue(gen, schema == null ? null : schema.valueSchema(), item);
      }
      gen.writeEndArray();
    } else if (value instanceof String s) {
      gen.writeString(s);
    } else if (value instanceof Boolean b) {
      gen.writeBoolean(b);
    } else if (value instanceof Float f) {
      writeFloating(gen, f.doubleValue());
    } else if (value instanceof Double d) {
      writeFloating(gen, d);
    } else if (value instanceof BigDecimal d) {
      gen.writeNumber(d);
    } else if (value instanceof Number n) {
      gen.writeNumber(n.longValue());
    } else if (value instanceof byte[] bytes) {
      gen.writeString(Base64.getEncoder().encodeToString(bytes));
    } else if (value instanceof ByteBuffer buffer) {
      byte[] bytes = new byte[buffer.remaining()];
      buffer.duplicate().get(bytes);
      gen.writeString(Base64.getEncoder().encodeToString(bytes));
    } else if (value instanceof Date date) {
      gen.writeString(formatDate(logical, date));
    } else {
      throw new ConversionException("A value of type " + value.getClass().getName() + " has no JSON form");
    }
  }

  /** JSON has no NaN or infinity: they are written as strings, as Kafka's JsonConverter does not. */
  private static void writeFloating(JsonGenerator gen, double d) throws IOException {
    if (Double.isFinite(d)) {
      gen.writeNumber(d);
    } else {
      gen.writeString(Double.toString(d));
    }
  }

  private static String formatDate(String logical, Date date) {
    if (org.apache.kafka.connect.data.Date.LOGICAL_NAME.equals(logical)) {
      return DATE.format(date.toInstant());
    }
    if (org.apache.kafka.connect.data.Time.LOGICAL_NAME.equals(logical)) {
      return TIME.format(date.toInstant());
    }
    return TIMESTAMP.format(date.toInstant());
  }
}
