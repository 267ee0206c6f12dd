package io.heropixel.connect.databricks.staging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class FilenamePatternTest {

  private static final Instant TIME = Instant.parse("2026-03-04T05:06:07.123456Z");
  private static final FilenamePattern.Context CONTEXT = new FilenamePattern.Context(TIME, 3, "sync-1", ".parquet");

  @Test
  void rendersEveryPlaceholderOfTheDoc() {
    FilenamePattern pattern = FilenamePattern.parse(
        "{date}_{date:yyyy_MM}_{timestamp}_{timestamp:millis}_{timestamp:micros}_{part_number}_{sync_id}{format_extension}");
    assertEquals("2026-03-04_2026_03_1772600767123_1772600767123_1772600767123456_3_sync-1.parquet",
        pattern.render(CONTEXT));
  }

  @Test
  void rejectsUnknownPlaceholdersAndSpaces() {
    IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
        () -> FilenamePattern.parse("{date}_{hour}"));
    assertTrue(unknown.getMessage().contains("{hour}"), unknown.getMessage());
    IllegalArgumentException space = assertThrows(IllegalArgumentException.class,
        () -> FilenamePattern.parse("my file_{part_number}"));
    assertTrue(space.getMessage().contains("my file_"), space.getMessage());
    assertThrows(IllegalArgumentException.class, () -> FilenamePattern.parse("a/{date}"));
    assertThrows(IllegalArgumentException.class, () -> FilenamePattern.parse("{date"));
    assertThrows(IllegalArgumentException.class, () -> FilenamePattern.parse(""));
  }

  @Test
  void keepsNamesUniqueWhenThePatternHasNoPartNumber() {
    FilenamePattern pattern = FilenamePattern.parse("{date}{format_extension}");
    assertEquals("2026-03-04.parquet", pattern.render(new FilenamePattern.Context(TIME, 0, "s", ".parquet")));
    assertEquals("2026-03-04-3.parquet", pattern.render(CONTEXT));
  }
}
