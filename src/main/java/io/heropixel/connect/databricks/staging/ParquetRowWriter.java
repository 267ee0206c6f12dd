package io.heropixel.connect.databricks.staging;

import io.heropixel.connect.databricks.conversion.Column;
import io.heropixel.connect.databricks.conversion.DataType;
import io.heropixel.connect.databricks.conversion.StreamRow;
import io.heropixel.connect.databricks.conversion.StreamSchema;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;

/**
 * Writes rows to a local Parquet file through parquet-avro, without Hadoop: the connector's own columns,
 * then the typed columns, each value turned into its column's type (a value converted before a column
 * was widened is widened here).
 */
final class ParquetRowWriter {

  static final String EXTENSION = ".parquet";
  /**
   * A row group is held in heap until it is full, and a task writes one file at a time: this bounds what
   * staging takes of the heap. Staging files are read once, by the load, so small row groups cost little.
   */
  private static final int ROW_GROUP_BYTES = 8 * 1024 * 1024;
  private static final int ENVELOPE = StreamSchema.RAW.size();

  private final List<Column> columns;
  private final Schema avroSchema;
  /** For each names list of typed rows (one per record schema), where each typed column's value sits. */
  private final Map<List<String>, int[]> positions = new IdentityHashMap<>();

  ParquetRowWriter(List<Column> columns) {
    this.columns = columns;
    this.avroSchema = new DataType.Struct(columns).avro("");
  }

  /** Writes the rows and returns the file's size in bytes. */
  long write(Path file, Iterator<StreamRow> rows) throws IOException {
    try (ParquetWriter<GenericRecord> writer = AvroParquetWriter.<GenericRecord>builder(new LocalOutputFile(file))
        .withSchema(avroSchema)
        .withDataModel(GenericData.get())
        .withConf(new PlainParquetConfiguration())
        .withCompressionCodec(CompressionCodecName.SNAPPY)
        .withCodecFactory(new SnappyCodecFactory())
        .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
        .withRowGroupSize(ROW_GROUP_BYTES)
        // A staging file is read once, by its load, so a dictionary pays only where a column holds one value
        // per file. Ids, JSON documents and most typed strings are (nearly) unique per row: trying a
        // dictionary for them was the writer's top hot spot (hashing and comparing every value, then falling
        // back and re-encoding what it held), typed string columns included.
        .withDictionaryEncoding(false)
        .withDictionaryEncoding(StreamSchema.KAFKA_TOPIC, true)
        .withDictionaryEncoding(StreamSchema.KAFKA_PARTITION, true)
        .build()) {
      GenericData.Record record = new GenericData.Record(avroSchema);
      while (rows.hasNext()) {
        StreamRow row = rows.next();
        Object[] values = RowValues.of(row);
        for (int i = 0; i < values.length; i++) {
          record.put(i, values[i]);
        }
        if (columns.size() > ENVELOPE) {
          putTyped(record, row.fields());
        }
        writer.write(record);
      }
    }
    return Files.size(file);
  }

  private void putTyped(GenericData.Record record, StreamRow.Fields fields) {
    int[] at = positions.computeIfAbsent(fields.names(), this::positionsOf);
    for (int i = ENVELOPE; i < columns.size(); i++) {
      Object value = at[i] < 0 ? null : fields.values()[at[i]];
      record.put(i, avro(columns.get(i).type(), avroSchema.getFields().get(i).schema(), value));
    }
  }

  private int[] positionsOf(List<String> names) {
    int[] at = new int[columns.size()];
    for (int i = ENVELOPE; i < columns.size(); i++) {
      at[i] = indexIgnoringCase(names, columns.get(i).name());
    }
    return at;
  }

  private static int indexIgnoringCase(List<String> names, String name) {
    for (int i = 0; i < names.size(); i++) {
      if (names.get(i).equalsIgnoreCase(name)) {
        return i;
      }
    }
    return -1;
  }

  /** A neutral value (see TypedValues) as the Avro value of a column type; {@code schema} may be a nullable union. */
  private static Object avro(DataType type, Schema schema, Object value) {
    if (value == null) {
      return null;
    }
    Schema s = schema.getType() == Schema.Type.UNION ? schema.getTypes().get(1) : schema;
    if (type instanceof DataType.Primitive p) {
      return switch (p) {
        case TINYINT, SMALLINT, INT, DATE -> ((Number) value).intValue();
        case BIGINT, TIMESTAMP -> ((Number) value).longValue();
        case FLOAT -> ((Number) value).floatValue();
        case DOUBLE -> ((Number) value).doubleValue();
        case STRING -> value.toString();
        case BOOLEAN, BINARY -> value;
      };
    }
    if (type instanceof DataType.Decimal d) {
      return ByteBuffer.wrap(((BigDecimal) value).setScale(d.scale(), RoundingMode.UNNECESSARY).unscaledValue()
          .toByteArray());
    }
    if (type instanceof DataType.Array a) {
      List<Object> list = new ArrayList<>();
      for (Object item : (List<?>) value) {
        list.add(avro(a.element(), s.getElementType(), item));
      }
      return list;
    }
    if (type instanceof DataType.Map m) {
      Map<String, Object> map = new LinkedHashMap<>();
      ((Map<?, ?>) value).forEach((k, v) -> map.put((String) k, avro(m.value(), s.getValueType(), v)));
      return map;
    }
    DataType.Struct struct = (DataType.Struct) type;
    Map<?, ?> fields = (Map<?, ?>) value;
    GenericData.Record nested = new GenericData.Record(s);
    for (int i = 0; i < struct.fields().size(); i++) {
      Column field = struct.fields().get(i);
      nested.put(i, avro(field.type(), s.getFields().get(i).schema(), valueIgnoringCase(fields, field.name())));
    }
    return nested;
  }

  private static Object valueIgnoringCase(Map<?, ?> fields, String name) {
    Object value = fields.get(name);
    if (value != null || fields.containsKey(name)) {
      return value;
    }
    for (Map.Entry<?, ?> e : fields.entrySet()) {
      if (((String) e.getKey()).equalsIgnoreCase(name)) {
        return e.getValue();
      }
    }
    return null;
  }
}
