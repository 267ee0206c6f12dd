package io.heropixel.connect.databricks.conversion;

import java.util.List;

/**
 * One record as a row of its stream table: the doc's {@code _airbyte_*} envelope, the record's Kafka
 * coordinates (which make loads idempotent and let a restart resume from the table) and, for typed
 * tables, the record's field values.
 *
 * @param fields the typed values, or null for raw rows
 */
public record StreamRow(String abId, long emittedAtMicros, String data, String topic, int partition, long offset,
    Fields fields) {

  /**
   * Field values by column name, in the neutral forms {@link TypedValues} documents. The names list is
   * shared by all rows of one record schema.
   */
  public record Fields(List<String> names, Object[] values) {}
}
