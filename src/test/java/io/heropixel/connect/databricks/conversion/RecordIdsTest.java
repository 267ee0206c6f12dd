package io.heropixel.connect.databricks.conversion;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class RecordIdsTest {

  /**
   * Tables already hold ids made this way, and a redelivered record must get the same one: the expected
   * value is computed outside Java (Python's hashlib: MD5 of "orders/0/0", version 3 and variant bits set).
   */
  @Test
  void idIsTheNameBasedUuidOfTheKafkaCoordinates() {
    assertEquals("4ca1bb58-bb84-3290-a36b-fab8d109e304", RecordIds.of("orders", 0, 0).toString());
  }
}
