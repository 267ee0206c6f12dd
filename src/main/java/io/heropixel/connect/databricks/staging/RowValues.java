package io.heropixel.connect.databricks.staging;

import io.heropixel.connect.databricks.conversion.StreamRow;

/** A row's values in the order of {@code StreamSchema.RAW}'s columns, for the file writers. */
final class RowValues {

  private RowValues() {}

  static Object[] of(StreamRow row) {
    return new Object[] {row.abId(), row.emittedAtMicros(), row.data(), row.topic(), row.partition(), row.offset()};
  }
}
