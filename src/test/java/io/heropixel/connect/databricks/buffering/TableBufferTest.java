package io.heropixel.connect.databricks.buffering;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.heropixel.connect.databricks.conversion.RecordIds;
import io.heropixel.connect.databricks.conversion.StreamRow;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TableBufferTest {

  private static final TopicPartition P0 = new TopicPartition("orders", 0);
  private static final TopicPartition P1 = new TopicPartition("orders", 1);

  @TempDir
  Path root;

  private static StreamRow raw(TopicPartition tp, long offset, String data) {
    return new StreamRow(RecordIds.of(tp.topic(), tp.partition(), offset).toString(), offset * 1000, data,
        tp.topic(), tp.partition(), offset, null);
  }

  private static List<StreamRow> readAll(TableBuffer buffer) throws IOException {
    List<StreamRow> rows = new ArrayList<>();
    try (TableBuffer.RowReader reader = buffer.read()) {
      reader.forEachRemaining(rows::add);
    }
    return rows;
  }

  private List<Path> files(SpillSpace space) throws IOException {
    try (Stream<Path> all = Files.walk(space.directory())) {
      return all.filter(Files::isRegularFile).toList();
    }
  }

  @Test
  void readsBackEveryRowPartitionByPartitionFromDiskAndHeap() throws IOException {
    SpillSpace space = SpillSpace.open(root, "c", 0, 200);
    TableBuffer buffer = new TableBuffer(space);
    List<StreamRow> p0 = new ArrayList<>();
    List<StreamRow> p1 = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      StreamRow a = raw(P0, 10 + i, "{\"n\":" + i + ",\"s\":\"é, \\\"q\\\"\\n\"}");
      StreamRow b = raw(P1, 1_000_000_000_000L + i, i % 7 == 0 ? null : "x".repeat(i));
      buffer.add(P0, a, 5);
      buffer.add(P1, b, 6);
      p0.add(a);
      p1.add(b);
    }
    assertTrue(space.pendingBytes() <= 200, "the heap holds at most the write-behind budget");
    assertFalse(files(space).isEmpty(), "rows went to disk");
    List<StreamRow> expected = new ArrayList<>(p0);
    expected.addAll(p1);
    assertEquals(expected, readAll(buffer));
    assertEquals(100, buffer.records());
    assertEquals(5, buffer.firstArrivalMs());
    assertEquals(10, buffer.firstOffset(P0));
    assertEquals(1_000_000_000_000L, buffer.firstOffset(P1));
    assertEquals(expected, readAll(buffer), "reading leaves the rows in place");
  }

  @Test
  void typedValuesComeBackInTheirNeutralFormsWithOneNamesListPerSchema() throws IOException {
    TableBuffer buffer = new TableBuffer(SpillSpace.open(root, "c", 0, 64));
    Map<String, Object> nested = new LinkedHashMap<>();
    nested.put("b", List.of(1, 2L, 3.5f, 4.25d));
    nested.put("null", null);
    List<String> names = new ArrayList<>(List.of("flag", "i", "l", "s", "bytes", "decimal", "nested", "none"));
    Object[] values = {true, -7, Long.MIN_VALUE, "ünï", ByteBuffer.wrap(new byte[] {0, -1, 2}),
        new BigDecimal("-12345678901234567890.0042"), nested, null};
    for (int i = 0; i < 3; i++) {
      StreamRow base = raw(P0, i, "{}");
      // A converter shares one names list per record schema; a copy stands for a row of the same schema.
      List<String> rowNames = i == 2 ? new ArrayList<>(names) : names;
      buffer.add(P0, new StreamRow(base.abId(), base.emittedAtMicros(), base.data(), base.topic(), base.partition(),
          base.offset(), new StreamRow.Fields(rowNames, values)), 0);
    }
    List<StreamRow> rows = readAll(buffer);
    assertEquals(3, rows.size());
    for (StreamRow row : rows) {
      assertEquals(names, row.fields().names());
      assertArrayEquals(values, row.fields().values(), Arrays.toString(row.fields().values()));
      assertSame(rows.get(0).fields().names(), row.fields().names());
    }
  }

  @Test
  void aSealedBufferHasAllItsRowsOnDiskAndOthersNoLongerSpillIt() throws IOException {
    SpillSpace space = SpillSpace.open(root, "c", 0, 1_000);
    TableBuffer sealed = new TableBuffer(space);
    sealed.add(P0, raw(P0, 1, "a"), 0);
    sealed.add(P1, raw(P1, 2, "b"), 0);
    assertEquals(List.of(), files(space), "small rows wait in heap");
    assertTrue(space.pendingBytes() > 0);

    sealed.seal();
    assertEquals(0, space.pendingBytes(), "the sealed rows are no longer write-behind bytes");
    assertEquals(2, files(space).size());
    Map<Path, Long> sizes = new LinkedHashMap<>();
    for (Path f : files(space)) {
      sizes.put(f, Files.size(f));
    }

    TableBuffer other = new TableBuffer(space);
    for (int i = 0; i < 100; i++) {
      other.add(P0, raw(P0, 10 + i, "x".repeat(50)), 0);
    }
    assertTrue(files(space).size() > 2, "the other buffer spilled");
    for (Map.Entry<Path, Long> sealedFile : sizes.entrySet()) {
      assertEquals(sealedFile.getValue(), Files.size(sealedFile.getKey()), "spilling others left sealed files alone");
    }
    assertEquals(List.of(raw(P0, 1, "a"), raw(P1, 2, "b")), readAll(sealed));
  }

  @Test
  void droppingAPartitionDeletesItsRowsAndClearingDeletesAll() throws IOException {
    SpillSpace space = SpillSpace.open(root, "c", 0, 0);
    TableBuffer buffer = new TableBuffer(space);
    buffer.add(P0, raw(P0, 1, "a"), 0);
    buffer.add(P1, raw(P1, 2, "b"), 0);
    assertEquals(2, files(space).size());

    long p1Bytes = buffer.bytes();
    buffer.drop(List.of(P0));
    assertEquals(List.of(raw(P1, 2, "b")), readAll(buffer));
    assertEquals(1, buffer.records());
    assertTrue(buffer.bytes() < p1Bytes);
    assertEquals(-1, buffer.firstOffset(P0));
    assertEquals(1, files(space).size());

    buffer.clear();
    assertTrue(buffer.isEmpty());
    assertEquals(0, buffer.bytes());
    assertEquals(List.of(), readAll(buffer));
    assertEquals(List.of(), files(space));
  }

  @Test
  void theSpaceIsEmptiedWhenItsTaskStartsAndDeletedWhenItStops() throws IOException {
    Path leftover = root.resolve("c").resolve("task-1").resolve("old.rows");
    Files.createDirectories(leftover.getParent());
    Files.writeString(leftover, "from a crashed task");
    Path otherTask = Files.createDirectories(root.resolve("c").resolve("task-2"));

    SpillSpace space = SpillSpace.open(root, "c", 1, 0);
    assertEquals(leftover.getParent(), space.directory());
    assertEquals(List.of(), files(space));
    new TableBuffer(space).add(P0, raw(P0, 1, "a"), 0);
    assertEquals(1, files(space).size());

    space.close();
    assertFalse(Files.exists(space.directory()));
    assertTrue(Files.exists(otherTask), "another task's directory is its own");
  }
}
