package io.heropixel.connect.databricks.staging;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.heropixel.connect.databricks.conversion.Column;
import io.heropixel.connect.databricks.conversion.DecimalCases;
import io.heropixel.connect.databricks.conversion.RecordConverter;
import io.heropixel.connect.databricks.conversion.StreamRow;
import io.heropixel.connect.databricks.conversion.StreamSchema;
import io.heropixel.connect.databricks.conversion.TypedTable;
import io.heropixel.connect.databricks.local.SharedLocalInfra;
import io.heropixel.connect.databricks.routing.TableId;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Staging files as the warehouse's Spark reads them, with its vectorized Parquet reader (nested columns
 * included) and with its row-by-row reader: each must return every Connect type's values exactly as the
 * records held them. The vectorized reader is the strict one: it failed on decimals of 18 digits or fewer
 * staged as BINARY.
 */
class StagedParquetReadersTest {

  private static final Schema POINT = SchemaBuilder.struct().optional()
      .field("x", Schema.OPTIONAL_FLOAT64_SCHEMA)
      .field("amount", decimal(7, 2))
      .field("when", Timestamp.builder().optional().build())
      .field("raw", Schema.OPTIONAL_BYTES_SCHEMA)
      .build();
  private static final Schema EVERY_TYPE = SchemaBuilder.struct().name("every_type")
      .field("i8", Schema.OPTIONAL_INT8_SCHEMA)
      .field("i16", Schema.OPTIONAL_INT16_SCHEMA)
      .field("i32", Schema.OPTIONAL_INT32_SCHEMA)
      .field("i64", Schema.OPTIONAL_INT64_SCHEMA)
      .field("f32", Schema.OPTIONAL_FLOAT32_SCHEMA)
      .field("f64", Schema.OPTIONAL_FLOAT64_SCHEMA)
      .field("flag", Schema.OPTIONAL_BOOLEAN_SCHEMA)
      .field("text", Schema.OPTIONAL_STRING_SCHEMA)
      .field("bin", Schema.OPTIONAL_BYTES_SCHEMA)
      .field("dec9", decimal(9, 2))
      .field("dec18", decimal(18, 4))
      .field("dec38", decimal(38, 10))
      .field("dec_default", Decimal.builder(3).optional().build())
      .field("day", Date.builder().optional().build())
      .field("tod", Time.builder().optional().build())
      .field("ts", Timestamp.builder().optional().build())
      .field("prices", SchemaBuilder.array(decimal(12, 2)).optional().build())
      .field("days", SchemaBuilder.array(Date.builder().optional().build()).optional().build())
      .field("grid", SchemaBuilder.array(SchemaBuilder.array(Schema.OPTIONAL_INT32_SCHEMA).optional().build())
          .optional().build())
      .field("points", SchemaBuilder.array(POINT).optional().build())
      .field("totals", SchemaBuilder.map(Schema.STRING_SCHEMA, decimal(30, 5)).optional().build())
      .field("by_key", SchemaBuilder.map(Schema.STRING_SCHEMA, POINT).optional().build())
      .field("point", POINT)
      .build();

  @TempDir
  Path dir;

  private static Schema decimal(int precision, int scale) {
    return Decimal.builder(scale).parameter("connect.decimal.precision", Integer.toString(precision)).optional()
        .build();
  }

  @Test
  void everyConnectTypeReadsBackEqualWithBothParquetReaders() throws Exception {
    Struct point = new Struct(POINT).put("x", -0.5).put("amount", new BigDecimal("-99999.99"))
        .put("when", new java.util.Date(-1L)).put("raw", new byte[] {(byte) 0x80, 0});
    Map<String, BigDecimal> totals = new LinkedHashMap<>();
    totals.put("b", new BigDecimal("-1234567890123456789012345.00001"));
    totals.put("a", null);
    Struct full = new Struct(EVERY_TYPE)
        .put("i8", Byte.MIN_VALUE).put("i16", Short.MAX_VALUE).put("i32", Integer.MIN_VALUE).put("i64", Long.MAX_VALUE)
        .put("f32", 1.5f).put("f64", -2.25e-300).put("flag", true).put("text", "héllo, \"world\"\n")
        .put("bin", new byte[] {0, 1, (byte) 0xff})
        .put("dec9", new BigDecimal("-9999999.99")).put("dec18", new BigDecimal("99999999999999.9999"))
        .put("dec38", new BigDecimal("-9999999999999999999999999999.9999999999"))
        .put("dec_default", new BigDecimal("0.001"))
        .put("day", new java.util.Date(-86_400_000L)).put("tod", new java.util.Date(86_399_999L))
        .put("ts", new java.util.Date(1_767_225_600_123L))
        .put("prices", Arrays.asList(new BigDecimal("0.01"), null, new BigDecimal("-9999999999.99")))
        .put("days", List.of(new java.util.Date(0L)))
        .put("grid", Arrays.asList(List.of(1, 2), List.of(), null))
        .put("points", Arrays.asList(point, null))
        .put("totals", totals)
        .put("by_key", Map.of("p", point))
        .put("point", point);
    Struct empty = new Struct(EVERY_TYPE).put("text", "").put("bin", new byte[0]).put("prices", List.of())
        .put("totals", Map.of()).put("point", new Struct(POINT));
    List<Struct> values = List.of(full, empty, new Struct(EVERY_TYPE));

    Path table = stage(EVERY_TYPE, values);

    List<String> expected = values.stream().map(v -> expected(EVERY_TYPE, v)).toList();
    assertEquals(expected, read(table, true), "vectorized reader");
    assertEquals(expected, read(table, false), "row-by-row reader");
  }

  @Test
  void decimalsOfEveryPrecisionReadBackEqualWithBothParquetReaders() throws Exception {
    List<Struct> values = new ArrayList<>();
    for (int n = 0; n < DecimalCases.RECORDS; n++) {
      values.add(DecimalCases.record(n));
    }
    Path table = stage(DecimalCases.SCHEMA, values);

    List<String> expected = values.stream().map(v -> expected(DecimalCases.SCHEMA, v)).toList();
    assertEquals(expected, read(table, true), "vectorized reader");
    assertEquals(expected, read(table, false), "row-by-row reader");
  }

  /** Converts the values as a task does, stages them and returns the staging table's directory. */
  private Path stage(Schema schema, List<Struct> values) throws Exception {
    TypedTable typed = new TypedTable(List.of(), true);
    RecordConverter converter = new RecordConverter(Clock.systemUTC());
    List<StreamRow> rows = new ArrayList<>();
    for (int offset = 0; offset < values.size(); offset++) {
      rows.add(converter.convert(new SinkRecord("t", 0, null, null, schema, values.get(offset), offset), typed));
    }
    List<Column> columns = new ArrayList<>(StreamSchema.RAW);
    columns.addAll(typed.columns());
    StagerTest.DirectoryStore store = new StagerTest.DirectoryStore(dir.resolve("store"));
    // Two rows a file: a file of some rows and a file of nulls only are both read.
    Stager stager = new Stager(store, new DeltaStagingFormat(), new StagingLayout("staging/"),
        FilenamePattern.parse("{part_number}{format_extension}"), dir.resolve("local"), "sync", 2,
        Clock.systemUTC());
    StagedTable staged = stager.stage(new TableId("c", "s", "t"), columns, rows.iterator(), () -> {});
    return store.root.resolve(staged.prefix());
  }

  /** Each row's typed values, read by the warehouse's Spark with one Parquet reader. */
  private static List<String> read(Path table, boolean vectorized) {
    SparkSession spark = SharedLocalInfra.warehouse().sparkSession().newSession();
    spark.conf().set("spark.sql.parquet.enableVectorizedReader", Boolean.toString(vectorized));
    spark.conf().set("spark.sql.parquet.enableNestedColumnVectorizedReader", Boolean.toString(vectorized));
    List<String> rows = new ArrayList<>();
    for (Row row : spark.sql("SELECT * FROM delta.`" + table.toUri() + "` ORDER BY " + StreamSchema.KAFKA_OFFSET)
        .collectAsList()) {
      List<String> fields = new ArrayList<>();
      for (int i = StreamSchema.RAW.size(); i < row.size(); i++) {
        fields.add(row.schema().fields()[i].name() + "=" + read(row.get(i)));
      }
      rows.add(String.join(", ", fields));
    }
    return rows;
  }

  private static String read(Object value) {
    if (value == null) {
      return "null";
    } else if (value instanceof BigDecimal decimal) {
      return decimal.toPlainString();
    } else if (value instanceof byte[] bytes) {
      return HexFormat.of().formatHex(bytes);
    } else if (value instanceof Row row) {
      List<String> fields = new ArrayList<>();
      for (int i = 0; i < row.size(); i++) {
        fields.add(read(row.get(i)));
      }
      return "(" + String.join(", ", fields) + ")";
    } else if (value instanceof scala.collection.Seq<?> seq) {
      return scala.jdk.javaapi.CollectionConverters.asJava(seq).stream().map(StagedParquetReadersTest::read)
          .collect(Collectors.joining(", ", "[", "]"));
    } else if (value instanceof scala.collection.Map<?, ?> map) {
      Map<String, String> sorted = new TreeMap<>();
      scala.jdk.javaapi.CollectionConverters.asJava(map).forEach((k, v) -> sorted.put(k.toString(), read(v)));
      return sorted.toString();
    }
    return value.toString(); // numbers, booleans, strings, LocalDate, Instant
  }

  /** A Connect value as {@link #read(Object)} prints the same value read from the table. */
  private static String expected(Schema schema, Object value) {
    if (value == null) {
      return "null";
    }
    String logical = schema.name();
    if (Decimal.LOGICAL_NAME.equals(logical)) {
      return ((BigDecimal) value).toPlainString();
    } else if (Date.LOGICAL_NAME.equals(logical)) {
      return LocalDate.ofEpochDay(Math.floorDiv(((java.util.Date) value).getTime(), 86_400_000L)).toString();
    } else if (Timestamp.LOGICAL_NAME.equals(logical)) {
      return ((java.util.Date) value).toInstant().toString();
    } else if (Time.LOGICAL_NAME.equals(logical)) {
      return DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneOffset.UTC)
          .format(Instant.ofEpochMilli(((java.util.Date) value).getTime()));
    }
    return switch (schema.type()) {
      case BYTES -> HexFormat.of().formatHex(value instanceof ByteBuffer b ? b.array() : (byte[]) value);
      case ARRAY -> ((List<?>) value).stream().map(v -> expected(schema.valueSchema(), v))
          .collect(Collectors.joining(", ", "[", "]"));
      case MAP -> {
        Map<String, String> sorted = new TreeMap<>();
        ((Map<?, ?>) value).forEach((k, v) -> sorted.put(k.toString(), expected(schema.valueSchema(), v)));
        yield sorted.toString();
      }
      case STRUCT -> {
        Struct struct = (Struct) value;
        List<String> fields = new ArrayList<>();
        for (Field field : schema.fields()) {
          fields.add(expected(field.schema(), struct.get(field)));
        }
        yield schema == EVERY_TYPE || schema == DecimalCases.SCHEMA
            ? fieldsWithNames(schema, fields) : "(" + String.join(", ", fields) + ")";
      }
      default -> value.toString();
    };
  }

  private static String fieldsWithNames(Schema schema, List<String> values) {
    List<String> fields = new ArrayList<>();
    for (int i = 0; i < values.size(); i++) {
      fields.add(schema.fields().get(i).name() + "=" + values.get(i));
    }
    return String.join(", ", fields);
  }
}
