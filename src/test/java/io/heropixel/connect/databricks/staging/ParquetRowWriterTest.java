package io.heropixel.connect.databricks.staging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.heropixel.connect.databricks.conversion.Column;
import io.heropixel.connect.databricks.conversion.DataType;
import io.heropixel.connect.databricks.conversion.StreamRow;
import io.heropixel.connect.databricks.conversion.StreamSchema;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.io.LocalInputFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Staging Parquet files hold every value of every column type, nulls and empty collections included. */
class ParquetRowWriterTest {

  private static final DataType.Struct POINT = new DataType.Struct(List.of(
      new Column("x", DataType.Primitive.DOUBLE, true), new Column("tags", new DataType.Array(DataType.Primitive.STRING),
          true)));
  private static final List<Column> TYPED = List.of(
      new Column("tiny", DataType.Primitive.TINYINT, true),
      new Column("big", DataType.Primitive.BIGINT, true),
      new Column("flag", DataType.Primitive.BOOLEAN, true),
      new Column("ratio", DataType.Primitive.FLOAT, true),
      new Column("text", DataType.Primitive.STRING, true),
      new Column("bin", DataType.Primitive.BINARY, true),
      new Column("day", DataType.Primitive.DATE, true),
      new Column("ts", DataType.Primitive.TIMESTAMP, true),
      new Column("dec", new DataType.Decimal(10, 2), true),
      new Column("points", new DataType.Array(POINT), true),
      new Column("counts", new DataType.Map(DataType.Primitive.BIGINT), true),
      new Column("missing", DataType.Primitive.INT, true));

  @TempDir
  Path dir;

  @Test
  void writesEveryTypeNestedNullAndEmptyValueAndWidensOldValues() throws Exception {
    List<Column> columns = new ArrayList<>(StreamSchema.RAW);
    columns.addAll(TYPED);
    // A record's field names in its own case and order; "missing" is a column no record of this schema has.
    List<String> names = List.of("TEXT", "tiny", "big", "flag", "ratio", "bin", "day", "ts", "dec", "points",
        "counts");
    Map<String, Object> point = new LinkedHashMap<>();
    point.put("X", 1.5);
    point.put("tags", Arrays.asList("a", null));
    Map<String, Object> counts = new LinkedHashMap<>();
    counts.put("k", 7);
    counts.put("none", null);
    StreamRow full = row(0, new StreamRow.Fields(names, new Object[] {"héllo", 8, 64, true, 2.5f,
        ByteBuffer.wrap(new byte[] {0, 1, (byte) 0xff}), 20_000, 1_767_225_600_123_000L, new BigDecimal("12.5"),
        Arrays.asList(point, null, Map.of()), counts}));
    StreamRow empty = row(1, new StreamRow.Fields(names, new Object[] {"", 0, 0L, false, 0f,
        ByteBuffer.allocate(0), 0, 0L, BigDecimal.ZERO, List.of(), Map.of()}));
    StreamRow nulls = row(2, new StreamRow.Fields(names, new Object[names.size()]));

    Path file = dir.resolve("rows.parquet");
    long size = new ParquetRowWriter(columns).write(file, List.of(full, empty, nulls).iterator());
    assertEquals(Files.size(file), size);

    List<GenericRecord> read = read(file);
    assertEquals(3, read.size());
    GenericRecord first = read.get(0);
    assertEquals("id-0", first.get(StreamSchema.AB_ID).toString());
    assertEquals(1_000L, first.get(StreamSchema.EMITTED_AT));
    assertEquals("{\"n\":0}", first.get(StreamSchema.DATA).toString());
    assertEquals("t", first.get(StreamSchema.KAFKA_TOPIC).toString());
    assertEquals(3, first.get(StreamSchema.KAFKA_PARTITION));
    assertEquals(40L, first.get(StreamSchema.KAFKA_OFFSET));
    assertEquals(8, first.get("tiny"));
    assertEquals(64L, first.get("big")); // an int value, from before the column was widened to BIGINT
    assertEquals(true, first.get("flag"));
    assertEquals(2.5f, first.get("ratio"));
    assertEquals("héllo", first.get("text").toString());
    assertEquals(ByteBuffer.wrap(new byte[] {0, 1, (byte) 0xff}), first.get("bin"));
    assertEquals(20_000, first.get("day"));
    assertEquals(1_767_225_600_123_000L, first.get("ts"));
    assertEquals(1250L, first.get("dec")); // DECIMAL(10,2): the unscaled value as INT64
    assertEquals("[{\"x\": 1.5, \"tags\": [\"a\", null]}, null, {\"x\": null, \"tags\": null}]",
        first.get("points").toString());
    assertEquals("{k=7, none=null}", first.get("counts").toString());
    assertNull(first.get("missing"));

    GenericRecord second = read.get(1);
    assertEquals("", second.get("text").toString());
    assertEquals("[]", second.get("points").toString());
    assertEquals("{}", second.get("counts").toString());
    assertEquals(0, ((ByteBuffer) second.get("bin")).remaining());

    GenericRecord third = read.get(2);
    for (Column column : TYPED) {
      assertNull(third.get(column.name()), column.name());
    }
    assertEquals(42L, third.get(StreamSchema.KAFKA_OFFSET));
  }

  private static StreamRow row(int n, StreamRow.Fields fields) {
    return new StreamRow("id-" + n, 1_000L + n, "{\"n\":" + n + "}", "t", 3, 40L + n, fields);
  }

  private static List<GenericRecord> read(Path file) throws Exception {
    List<GenericRecord> records = new ArrayList<>();
    PlainParquetConfiguration conf = new PlainParquetConfiguration();
    // Read lists as the three-level lists they are (Spark's layout), not as lists of element records.
    conf.set("parquet.avro.add-list-element-records", "false");
    try (ParquetReader<GenericRecord> reader = AvroParquetReader.<GenericRecord>builder(new LocalInputFile(file),
        conf).withDataModel(GenericData.get()).build()) {
      for (GenericRecord r = reader.read(); r != null; r = reader.read()) {
        records.add(r);
      }
    }
    return records;
  }
}
