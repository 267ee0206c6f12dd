package io.heropixel.connect.databricks.bench.jmh;

import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Struct;

/**
 * The shortest way from a Connect Struct to an Avro record for the benchmark's lower bound: the types the
 * benchmark records use, no names to make safe, no nulls, no schema changes.
 */
final class StructToAvro {

  private final Schema schema;
  private int records;

  StructToAvro(org.apache.kafka.connect.data.Schema connect) {
    this.schema = avro(connect);
  }

  Schema schema() {
    return schema;
  }

  GenericRecord record(Object struct) {
    return (GenericRecord) value(schema, struct);
  }

  private Schema avro(org.apache.kafka.connect.data.Schema connect) {
    return switch (connect.type()) {
      case INT32 -> Schema.create(Schema.Type.INT);
      case INT64 -> Schema.create(Schema.Type.LONG);
      case FLOAT64 -> Schema.create(Schema.Type.DOUBLE);
      case BOOLEAN -> Schema.create(Schema.Type.BOOLEAN);
      case STRING -> Schema.create(Schema.Type.STRING);
      case ARRAY -> Schema.createArray(avro(connect.valueSchema()));
      case STRUCT -> {
        SchemaBuilder.FieldAssembler<Schema> fields = SchemaBuilder.record("r" + records++).fields();
        for (Field field : connect.fields()) {
          fields = fields.name(field.name()).type(avro(field.schema())).noDefault();
        }
        yield fields.endRecord();
      }
      default -> throw new IllegalArgumentException("not in the benchmark records: " + connect.type());
    };
  }

  private static Object value(Schema schema, Object value) {
    return switch (schema.getType()) {
      case ARRAY -> {
        List<?> items = (List<?>) value;
        List<Object> list = new ArrayList<>(items.size());
        for (Object item : items) {
          list.add(value(schema.getElementType(), item));
        }
        yield list;
      }
      case RECORD -> {
        Struct struct = (Struct) value;
        GenericData.Record record = new GenericData.Record(schema);
        for (Schema.Field field : schema.getFields()) {
          record.put(field.pos(), value(field.schema(), struct.get(field.name())));
        }
        yield record;
      }
      default -> value;
    };
  }
}
