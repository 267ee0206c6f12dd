package io.heropixel.connect.databricks.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import scala.collection.Iterable;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Encodes statements as the Statement Execution API does for {@code JSON_ARRAY} / {@code INLINE}:
 * status, manifest (schema, chunk layout) and result chunks whose cells are strings; complex
 * values are JSON text, binary is base64, timestamps are UTC wall-clock time.
 */
final class ResultEncoder {

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final DateTimeFormatter TIMESTAMP =
      new DateTimeFormatterBuilder()
          .appendPattern("yyyy-MM-dd HH:mm:ss")
          .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
          .toFormatter();

  private ResultEncoder() {}

  /** Body of the execute and get-statement responses. */
  static ObjectNode statement(RunningStatement statement) {
    ObjectNode body = JSON.objectNode();
    body.put("statement_id", statement.id());
    ObjectNode status = body.putObject("status");
    status.put("state", statement.state().name());
    StatementError error = statement.error();
    if (error != null) {
      status.put("sql_state", error.sqlState());
      ObjectNode err = status.putObject("error");
      err.put("error_code", error.errorCode());
      err.put("message", error.message());
    }
    StatementResult result = statement.result();
    if (statement.state() == StatementState.SUCCEEDED && result != null) {
      body.set("manifest", manifest(result, statement.chunkRowLimit()));
      body.set("result", chunk(statement, 0));
    }
    return body;
  }

  /** One chunk of a succeeded statement's rows, linked to the next chunk if there is one. */
  static ObjectNode chunk(RunningStatement statement, int index) {
    StatementResult result = statement.result();
    int limit = statement.chunkRowLimit();
    int chunks = chunkCount(result, limit);
    if (result == null || index < 0 || index >= chunks) {
      throw new IllegalArgumentException("No chunk " + index + " for statement " + statement.id());
    }
    int from = index * limit;
    int to = Math.min(result.rows().size(), from + limit);
    ObjectNode chunk = JSON.objectNode();
    chunk.put("chunk_index", index);
    chunk.put("row_offset", from);
    chunk.put("row_count", to - from);
    ArrayNode data = chunk.putArray("data_array");
    for (Row row : result.rows().subList(from, to)) {
      ArrayNode cells = data.addArray();
      StructField[] fields = result.schema().fields();
      for (int i = 0; i < fields.length; i++) {
        cells.add(cell(row.get(i), fields[i].dataType()));
      }
    }
    if (index + 1 < chunks) {
      chunk.put("next_chunk_index", index + 1);
      chunk.put(
          "next_chunk_internal_link",
          "/api/2.0/sql/statements/" + statement.id() + "/result/chunks/" + (index + 1));
    }
    return chunk;
  }

  private static int chunkCount(StatementResult result, int limit) {
    return result == null ? 0 : Math.max(1, (result.rows().size() + limit - 1) / limit);
  }

  private static ObjectNode manifest(StatementResult result, int limit) {
    ObjectNode manifest = JSON.objectNode();
    manifest.put("format", "JSON_ARRAY");
    ObjectNode schema = manifest.putObject("schema");
    StructField[] fields = result.schema().fields();
    schema.put("column_count", fields.length);
    ArrayNode columns = schema.putArray("columns");
    for (int i = 0; i < fields.length; i++) {
      DataType type = fields[i].dataType();
      ObjectNode column = columns.addObject();
      column.put("name", fields[i].name());
      column.put("position", i);
      column.put("type_name", typeName(type));
      column.put("type_text", typeText(type));
      if (type instanceof DecimalType decimal) {
        column.put("type_precision", decimal.precision());
        column.put("type_scale", decimal.scale());
      }
    }
    int rows = result.rows().size();
    int chunks = chunkCount(result, limit);
    manifest.put("total_row_count", rows);
    manifest.put("total_chunk_count", chunks);
    manifest.put("truncated", false);
    ArrayNode chunkInfos = manifest.putArray("chunks");
    for (int i = 0; i < chunks; i++) {
      ObjectNode info = chunkInfos.addObject();
      info.put("chunk_index", i);
      info.put("row_offset", i * limit);
      info.put("row_count", Math.min(rows, (i + 1) * limit) - i * limit);
    }
    return manifest;
  }

  /** Databricks' ColumnInfoTypeName for a Spark type. */
  static String typeName(DataType type) {
    if (type instanceof ArrayType) {
      return "ARRAY";
    } else if (type instanceof MapType) {
      return "MAP";
    } else if (type instanceof StructType) {
      return "STRUCT";
    } else if (type instanceof DecimalType) {
      return "DECIMAL";
    } else if (type.equals(DataTypes.LongType)) {
      return "LONG";
    } else if (type.equals(DataTypes.IntegerType)) {
      return "INT";
    } else if (type.equals(DataTypes.ShortType)) {
      return "SHORT";
    } else if (type.equals(DataTypes.ByteType)) {
      return "BYTE";
    } else if (type.equals(DataTypes.TimestampNTZType)) {
      return "TIMESTAMP";
    } else if (type.equals(DataTypes.NullType)) {
      return "NULL";
    }
    String sql = type.sql();
    return switch (sql) {
      case "BOOLEAN", "FLOAT", "DOUBLE", "DATE", "TIMESTAMP", "STRING", "BINARY", "VARIANT" -> sql;
      default -> sql.startsWith("INTERVAL") ? "INTERVAL" : "STRING";
    };
  }

  /** Type text as Databricks prints it, e.g. {@code STRUCT<a: INT, b: ARRAY<STRING>>}. */
  static String typeText(DataType type) {
    if (type instanceof ArrayType array) {
      return "ARRAY<" + typeText(array.elementType()) + ">";
    } else if (type instanceof MapType map) {
      return "MAP<" + typeText(map.keyType()) + ", " + typeText(map.valueType()) + ">";
    } else if (type instanceof StructType struct) {
      return java.util.Arrays.stream(struct.fields())
          .map(f -> f.name() + ": " + typeText(f.dataType()))
          .collect(Collectors.joining(", ", "STRUCT<", ">"));
    }
    return type.sql();
  }

  private static JsonNode cell(Object value, DataType type) {
    if (value == null) {
      return JSON.nullNode();
    }
    if (type instanceof ArrayType || type instanceof MapType || type instanceof StructType) {
      try {
        return JSON.textNode(MAPPER.writeValueAsString(nested(value, type)));
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        throw new IllegalStateException("Cannot encode " + type.sql() + " value", e);
      }
    }
    return JSON.textNode(scalarText(value));
  }

  private static String scalarText(Object value) {
    if (value instanceof BigDecimal decimal) {
      return decimal.toPlainString();
    } else if (value instanceof byte[] bytes) {
      return Base64.getEncoder().encodeToString(bytes);
    } else if (value instanceof Instant instant) {
      return TIMESTAMP.format(LocalDateTime.ofInstant(instant, ZoneOffset.UTC));
    } else if (value instanceof LocalDateTime local) {
      return TIMESTAMP.format(local);
    }
    return value.toString();
  }

  /** Complex values as JSON trees: numbers and booleans stay JSON scalars, the rest are text. */
  private static JsonNode nested(Object value, DataType type) {
    if (value == null) {
      return JSON.nullNode();
    } else if (type instanceof ArrayType array) {
      ArrayNode node = JSON.arrayNode();
      for (Object element : javaList(value)) {
        node.add(nested(element, array.elementType()));
      }
      return node;
    } else if (type instanceof MapType map) {
      ObjectNode node = JSON.objectNode();
      for (Map.Entry<?, ?> entry : javaMap(value).entrySet()) {
        node.set(scalarText(entry.getKey()), nested(entry.getValue(), map.valueType()));
      }
      return node;
    } else if (type instanceof StructType struct) {
      Row row = (Row) value;
      ObjectNode node = JSON.objectNode();
      StructField[] fields = struct.fields();
      for (int i = 0; i < fields.length; i++) {
        node.set(fields[i].name(), nested(row.get(i), fields[i].dataType()));
      }
      return node;
    } else if (value instanceof Boolean flag) {
      return JSON.booleanNode(flag);
    } else if (value instanceof BigDecimal decimal) {
      return JSON.numberNode(decimal);
    } else if (value instanceof Number number && !(value instanceof Double || value instanceof Float)) {
      return JSON.numberNode(number.longValue());
    } else if (value instanceof Number number && Double.isFinite(number.doubleValue())) {
      return JSON.numberNode(number.doubleValue());
    }
    return JSON.textNode(scalarText(value));
  }

  private static List<?> javaList(Object value) {
    if (value instanceof List<?> list) {
      return list;
    }
    return CollectionConverters.asJava(((Iterable<?>) value).toList());
  }

  private static Map<?, ?> javaMap(Object value) {
    if (value instanceof Map<?, ?> map) {
      return map;
    }
    return CollectionConverters.asJava((scala.collection.Map<?, ?>) value);
  }
}
