package io.heropixel.connect.databricks.conversion;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** Record ids derived from Kafka coordinates, so that a redelivered record keeps its id. */
public final class RecordIds {

  private RecordIds() {}

  /** A name-based (version 3) UUID of {@code topic/partition/offset}. */
  public static UUID of(String topic, int partition, long offset) {
    return UUID.nameUUIDFromBytes((topic + '/' + partition + '/' + offset).getBytes(StandardCharsets.UTF_8));
  }
}
