package io.heropixel.connect.databricks.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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

/**
 * The lower bound: the same records, as JSON in memory, parsed and written to one local Parquet file
 * (Snappy) by parquet-avro alone, with no Kafka, no Connect and no warehouse. Records are made in chunks
 * outside the clock so a million 1 KB records need not sit in the heap at once.
 */
final class ParquetLowerBound {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int CHUNK = 20_000;

  /** Time spent converting and writing, and the file's size. */
  record Result(long nanos, long fileBytes) {}

  private final BenchRecords records;
  private final Schema schema;

  ParquetLowerBound(BenchRecords records) throws IOException {
    this.records = records;
    this.schema = avro(JSON.readTree(records.schemaJson()));
  }

  Result run(long count, Path file) throws IOException {
    long nanos = 0;
    try (ParquetWriter<GenericRecord> writer = AvroParquetWriter.<GenericRecord>builder(new LocalOutputFile(file))
        .withSchema(schema).withDataModel(GenericData.get()).withConf(new PlainParquetConfiguration())
        .withCompressionCodec(CompressionCodecName.SNAPPY).withWriteMode(ParquetFileWriter.Mode.OVERWRITE).build()) {
      List<byte[]> chunk = new ArrayList<>(CHUNK);
      for (long from = 0; from < count; from += CHUNK) {
        chunk.clear();
        for (long seq = from; seq < Math.min(count, from + CHUNK); seq++) {
          chunk.add(records.payload(seq).getBytes(StandardCharsets.UTF_8));
        }
        long start = System.nanoTime();
        for (byte[] json : chunk) {
          writer.write((GenericRecord) value(schema, JSON.readTree(json)));
        }
        nanos += System.nanoTime() - start;
      }
      long start = System.nanoTime();
      writer.close();
      nanos += System.nanoTime() - start;
    }
    return new Result(nanos, Files.size(file));
  }

  /** Connect's JSON schema (the envelope's) as the equivalent Avro schema. */
  private static Schema avro(JsonNode connect) {
    return switch (connect.path("type").asText()) {
      case "int32" -> Schema.create(Schema.Type.INT);
      case "int64" -> Schema.create(Schema.Type.LONG);
      case "double" -> Schema.create(Schema.Type.DOUBLE);
      case "boolean" -> Schema.create(Schema.Type.BOOLEAN);
      case "string" -> Schema.create(Schema.Type.STRING);
      case "array" -> Schema.createArray(avro(connect.path("items")));
      case "struct" -> {
        SchemaBuilder.FieldAssembler<Schema> fields = SchemaBuilder.record("r" + System.identityHashCode(connect))
            .fields();
        for (JsonNode field : connect.path("fields")) {
          fields = fields.name(field.path("field").asText()).type(avro(field)).noDefault();
        }
        yield fields.endRecord();
      }
      default -> throw new IllegalArgumentException("no Avro type for " + connect);
    };
  }

  private static Object value(Schema schema, JsonNode json) {
    return switch (schema.getType()) {
      case INT -> json.intValue();
      case LONG -> json.longValue();
      case DOUBLE -> json.doubleValue();
      case BOOLEAN -> json.booleanValue();
      case STRING -> json.textValue();
      case ARRAY -> {
        List<Object> list = new ArrayList<>(json.size());
        for (JsonNode item : json) {
          list.add(value(schema.getElementType(), item));
        }
        yield list;
      }
      case RECORD -> {
        GenericData.Record record = new GenericData.Record(schema);
        for (Schema.Field field : schema.getFields()) {
          record.put(field.pos(), value(field.schema(), json.get(field.name())));
        }
        yield record;
      }
      default -> throw new IllegalArgumentException("unexpected " + schema);
    };
  }
}
