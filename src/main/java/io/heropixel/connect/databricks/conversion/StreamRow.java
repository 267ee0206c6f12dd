package io.heropixel.connect.databricks.conversion;

/**
 * One record as a row of its stream table: the doc's {@code _airbyte_*} envelope plus the record's
 * Kafka coordinates, which make loads idempotent and let a restart resume from the table.
 */
public record StreamRow(String abId, long emittedAtMicros, String data, String topic, int partition, long offset) {

  /** A rough count of the heap a buffered row takes, for the byte limit of buffers. */
  public long estimatedBytes() {
    return 96L + 2L * (abId.length() + data.length() + topic.length());
  }
}
