package io.heropixel.connect.databricks.conversion;

import java.time.Clock;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.sink.SinkRecord;

/** Turns a sink record into a row of the doc's output schema, with typed columns where asked. */
public final class RecordConverter {

  private final JsonValueWriter json = new JsonValueWriter();
  private final Clock clock;

  public RecordConverter(Clock clock) {
    this.clock = clock;
  }

  /**
   * The record's coordinates are its original ones: a single message transform may rename the topic,
   * but offsets must be tracked where Kafka keeps them.
   *
   * @param typed the table's typed columns, or null for a raw table
   * @throws ConversionException when the value cannot be written as JSON or does not fit the table
   */
  public StreamRow convert(SinkRecord record, TypedTable typed) {
    String topic = record.originalTopic();
    int partition = record.originalKafkaPartition();
    long offset = record.originalKafkaOffset();
    StreamRow.Fields fields = null;
    if (typed != null) {
      if (!(record.value() instanceof Struct struct)) {
        throw new ConversionException("Typed columns need a value with a schema (a Struct), but the value is "
            + (record.valueSchema() == null ? "schemaless " : "") + record.value().getClass().getSimpleName()
            + ": use a converter that carries schemas (JsonConverter with schemas.enable=true, Avro, Protobuf) "
            + "or row.shape=raw");
      }
      fields = typed.fields(struct);
    }
    String data = json.write(record.valueSchema(), record.value());
    long emittedAtMillis = record.timestamp() != null ? record.timestamp() : clock.millis();
    return new StreamRow(RecordIds.of(topic, partition, offset).toString(), emittedAtMillis * 1000L, data, topic,
        partition, offset, fields);
  }
}
