package io.heropixel.connect.databricks.conversion;

import java.time.Clock;
import org.apache.kafka.connect.sink.SinkRecord;

/** Turns a sink record into a row of the doc's output schema. */
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
   * @throws ConversionException when the value cannot be written as JSON
   */
  public StreamRow convert(SinkRecord record) {
    String topic = record.originalTopic();
    int partition = record.originalKafkaPartition();
    long offset = record.originalKafkaOffset();
    String data = json.write(record.valueSchema(), record.value());
    long emittedAtMillis = record.timestamp() != null ? record.timestamp() : clock.millis();
    return new StreamRow(RecordIds.of(topic, partition, offset).toString(), emittedAtMillis * 1000L, data, topic,
        partition, offset);
  }
}
