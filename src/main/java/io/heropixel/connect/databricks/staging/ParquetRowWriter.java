package io.heropixel.connect.databricks.staging;

import io.heropixel.connect.databricks.conversion.Column;
import io.heropixel.connect.databricks.conversion.DataType;
import io.heropixel.connect.databricks.conversion.StreamRow;
import io.heropixel.connect.databricks.conversion.StreamSchema;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.MessageType;

/**
 * Writes rows to a local Parquet file, without Hadoop: the connector's own columns, then the typed columns,
 * each value turned into its column's type (a value converted before a column was widened is widened here).
 * Values go straight from their neutral forms (see {@code TypedValues}) to Parquet's record consumer, with
 * no object model in between: an Avro record tree per row cost a fifth of the writing time.
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
  private final MessageType schema;
  /** For each names list of typed rows (one per record schema), where each typed column's value sits. */
  private final Map<List<String>, int[]> positions = new IdentityHashMap<>();

  ParquetRowWriter(List<Column> columns) {
    this.columns = columns;
    this.schema = new MessageType("row", columns.stream().map(Column::parquet).toList());
  }

  /** Writes the rows and returns the file's size in bytes. */
  long write(Path file, Iterator<StreamRow> rows) throws IOException {
    try (ParquetWriter<StreamRow> writer = new Builder(new LocalOutputFile(file), new RowWriteSupport())
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
      while (rows.hasNext()) {
        writer.write(rows.next());
      }
    }
    return Files.size(file);
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

  /** Hands each row's values to Parquet's record consumer; a null value is a field left out. */
  private final class RowWriteSupport extends WriteSupport<StreamRow> {

    private RecordConsumer out;

    @Override
    public WriteContext init(Configuration configuration) {
      return new WriteContext(schema, Map.of());
    }

    // Overridden so that Parquet does not turn its own configuration into a Hadoop one, which is not shipped.
    @Override
    public WriteContext init(ParquetConfiguration configuration) {
      return new WriteContext(schema, Map.of());
    }

    @Override
    public void prepareForWrite(RecordConsumer recordConsumer) {
      this.out = recordConsumer;
    }

    @Override
    public void write(StreamRow row) {
      out.startMessage();
      Object[] envelope = RowValues.of(row);
      for (int i = 0; i < ENVELOPE; i++) {
        field(i, columns.get(i), envelope[i]);
      }
      if (columns.size() > ENVELOPE) {
        StreamRow.Fields fields = row.fields();
        int[] at = positions.computeIfAbsent(fields.names(), ParquetRowWriter.this::positionsOf);
        for (int i = ENVELOPE; i < columns.size(); i++) {
          field(i, columns.get(i), at[i] < 0 ? null : fields.values()[at[i]]);
        }
      }
      out.endMessage();
    }

    private void field(int index, Column column, Object value) {
      field(index, column.name(), column.type(), value);
    }

    private void field(int index, String name, DataType type, Object value) {
      if (value != null) {
        out.startField(name, index);
        value(type, value);
        out.endField(name, index);
      }
    }

    /** A neutral value (see TypedValues) as a value of a column type. */
    private void value(DataType type, Object value) {
      if (type instanceof DataType.Primitive p) {
        switch (p) {
          case BOOLEAN -> out.addBoolean((Boolean) value);
          case TINYINT, SMALLINT, INT, DATE -> out.addInteger(((Number) value).intValue());
          case BIGINT, TIMESTAMP -> out.addLong(((Number) value).longValue());
          case FLOAT -> out.addFloat(((Number) value).floatValue());
          case DOUBLE -> out.addDouble(((Number) value).doubleValue());
          case STRING -> out.addBinary(Binary.fromString(value.toString()));
          case BINARY -> out.addBinary(Binary.fromConstantByteBuffer(((ByteBuffer) value).duplicate()));
        }
      } else if (type instanceof DataType.Decimal d) {
        decimal(d, (BigDecimal) value);
      } else if (type instanceof DataType.Array a) {
        list(a, (List<?>) value);
      } else if (type instanceof DataType.Map m) {
        map(m, (Map<?, ?>) value);
      } else {
        DataType.Struct struct = (DataType.Struct) type;
        Map<?, ?> fields = (Map<?, ?>) value;
        out.startGroup();
        for (int i = 0; i < struct.fields().size(); i++) {
          Column f = struct.fields().get(i);
          field(i, f.name(), f.type(), valueIgnoringCase(fields, f.name()));
        }
        out.endGroup();
      }
    }

    /**
     * The unscaled value in the column's physical type (see {@link DataType.Decimal}); a fixed-length value
     * is big-endian two's complement, sign-extended to the full length. TypedValues has checked that the
     * value fits its precision at this scale; a column widened since then only has room for more digits.
     */
    private void decimal(DataType.Decimal type, BigDecimal value) {
      BigInteger unscaled = value.setScale(type.scale(), RoundingMode.UNNECESSARY).unscaledValue();
      if (type.precision() <= DataType.Decimal.MAX_INT_DIGITS) {
        out.addInteger(unscaled.intValueExact());
      } else if (type.precision() <= DataType.Decimal.MAX_LONG_DIGITS) {
        out.addLong(unscaled.longValueExact());
      } else {
        byte[] minimal = unscaled.toByteArray();
        byte[] fixed = new byte[type.fixedLength()];
        int pad = fixed.length - minimal.length;
        Arrays.fill(fixed, 0, pad, unscaled.signum() < 0 ? (byte) -1 : 0);
        System.arraycopy(minimal, 0, fixed, pad, minimal.length);
        out.addBinary(Binary.fromConstantByteArray(fixed));
      }
    }

    private void list(DataType.Array type, List<?> items) {
      out.startGroup();
      if (!items.isEmpty()) {
        out.startField(DataType.Array.REPEATED, 0);
        for (Object item : items) {
          out.startGroup();
          field(0, DataType.Array.ELEMENT, type.element(), item);
          out.endGroup();
        }
        out.endField(DataType.Array.REPEATED, 0);
      }
      out.endGroup();
    }

    private void map(DataType.Map type, Map<?, ?> entries) {
      out.startGroup();
      if (!entries.isEmpty()) {
        out.startField(DataType.Map.REPEATED, 0);
        for (Map.Entry<?, ?> e : entries.entrySet()) {
          out.startGroup();
          field(0, DataType.Map.KEY, DataType.Primitive.STRING, e.getKey());
          field(1, DataType.Map.VALUE, type.value(), e.getValue());
          out.endGroup();
        }
        out.endField(DataType.Map.REPEATED, 0);
      }
      out.endGroup();
    }
  }

  /** A ParquetWriter of rows through {@link RowWriteSupport}, configured without Hadoop. */
  private static final class Builder extends ParquetWriter.Builder<StreamRow, Builder> {

    private final WriteSupport<StreamRow> writeSupport;

    Builder(OutputFile file, WriteSupport<StreamRow> writeSupport) {
      super(file);
      this.writeSupport = writeSupport;
    }

    @Override
    protected Builder self() {
      return this;
    }

    @Override
    protected WriteSupport<StreamRow> getWriteSupport(Configuration configuration) {
      return writeSupport;
    }

    @Override
    protected WriteSupport<StreamRow> getWriteSupport(ParquetConfiguration configuration) {
      return writeSupport;
    }
  }
}
