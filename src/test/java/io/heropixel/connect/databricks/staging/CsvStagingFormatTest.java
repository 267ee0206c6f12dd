package io.heropixel.connect.databricks.staging;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.heropixel.connect.databricks.conversion.StreamRow;
import io.heropixel.connect.databricks.conversion.StreamSchema;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvStagingFormatTest {

  @TempDir
  Path dir;

  @Test
  void quotesEveryStringDoublesQuotesAndKeepsNewlinesAndNulls() throws Exception {
    Path file = dir.resolve("rows.csv");
    List<StreamRow> rows = List.of(
        new StreamRow("id-1", 1_767_225_600_123_456L, "{\"a\":\"x, \\\"y\\\"\nz\",\"é\":1}", "t", 2, 7, null),
        new StreamRow("id-2", -1L, null, "t", 0, 8, null));

    long size = new CsvStagingFormat().write(file, StreamSchema.RAW, rows.iterator());

    String expected = "\"_airbyte_ab_id\",\"_airbyte_emitted_at\",\"_airbyte_data\",\"_kafka_topic\","
        + "\"_kafka_partition\",\"_kafka_offset\"\n"
        + "\"id-1\",2026-01-01T00:00:00.123456Z,\"{\"\"a\"\":\"\"x, \\\"\"y\\\"\"\nz\"\",\"\"é\"\":1}\",\"t\",2,7\n"
        + "\"id-2\",1969-12-31T23:59:59.999999Z,,\"t\",0,8\n";
    assertEquals(expected, Files.readString(file, StandardCharsets.UTF_8));
    assertEquals(expected.getBytes(StandardCharsets.UTF_8).length, size);
  }
}
