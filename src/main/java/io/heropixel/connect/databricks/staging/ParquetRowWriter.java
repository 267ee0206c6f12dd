package io.heropixel.connect.databricks.staging;

import io.heropixel.connect.databricks.conversion.Column;
import io.heropixel.connect.databricks.conversion.StreamRow;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;

/** Writes rows to a local Parquet file through parquet-avro, without Hadoop. */
final class ParquetRowWriter {

  static final String EXTENSION = ".parquet";

  private final List<Column> columns;
  private final Schema avroSchema;

  ParquetRowWriter(List<Column> columns) {
    this.columns = columns;
    this.avroSchema = avroSchema(columns);
  }

  /** Writes the rows and returns the file's size in bytes. */
  long write(Path file, List<StreamRow> rows) throws IOException {
    try (ParquetWriter<GenericRecord> writer = AvroParquetWriter.<GenericRecord>builder(new LocalOutputFile(file))
        .withSchema(avroSchema)
        .withDataModel(GenericData.get())
        .withConf(new PlainParquetConfiguration())
        .withCompressionCodec(CompressionCodecName.SNAPPY)
        .withCodecFactory(new SnappyCodecFactory())
        .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
        .build()) {
      GenericData.Record record = new GenericData.Record(avroSchema);
      for (StreamRow row : rows) {
        Object[] values = RowValues.of(row);
        for (int i = 0; i < values.length; i++) {
          record.put(i, values[i]);
        }
        writer.write(record);
      }
    }
    return Files.size(file);
  }

  private static Schema avroSchema(List<Column> columns) {
    SchemaBuilder.FieldAssembler<Schema> fields = SchemaBuilder.record("stream_row").namespace("io.heropixel").fields();
    for (Column column : columns) {
      Schema type = switch (column.type()) {
        case STRING -> Schema.create(Schema.Type.STRING);
        case INT -> Schema.create(Schema.Type.INT);
        case BIGINT -> Schema.create(Schema.Type.LONG);
        case TIMESTAMP -> LogicalTypes.timestampMicros().addToSchema(Schema.create(Schema.Type.LONG));
      };
      if (column.nullable()) {
        type = Schema.createUnion(Schema.create(Schema.Type.NULL), type);
        fields = fields.name(column.name()).type(type).withDefault(null);
      } else {
        fields = fields.name(column.name()).type(type).noDefault();
      }
    }
    return fields.endRecord();
  }
}
