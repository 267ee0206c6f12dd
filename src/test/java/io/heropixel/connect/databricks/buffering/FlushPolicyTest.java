package io.heropixel.connect.databricks.buffering;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.heropixel.connect.databricks.conversion.RecordIds;
import io.heropixel.connect.databricks.conversion.StreamRow;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FlushPolicyTest {

  @TempDir
  Path dir;
  private SpillSpace space;

  @BeforeEach
  void openSpace() {
    space = SpillSpace.open(dir, "c", 0, 1024);
  }

  private TableBuffer buffer(int rows, long arrivedAt) {
    TableBuffer buffer = new TableBuffer(space);
    for (int i = 0; i < rows; i++) {
      buffer.add(new TopicPartition("t", 0),
          new StreamRow(RecordIds.of("t", 0, i).toString(), 0, "{}", "t", 0, i, null), arrivedAt);
    }
    return buffer;
  }

  @Test
  void aBufferIsDueOnRecordsBytesOrAge() {
    FlushPolicy policy = new FlushPolicy(10, 1_000_000, 1_000, Long.MAX_VALUE);
    assertEquals(false, policy.isDue(buffer(9, 0), 999));
    assertEquals(true, policy.isDue(buffer(10, 0), 0));
    assertEquals(true, policy.isDue(buffer(1, 0), 1_000));
    long fiveRows = buffer(5, 0).bytes();
    assertEquals(true, new FlushPolicy(100, fiveRows, 1_000, Long.MAX_VALUE).isDue(buffer(5, 0), 0));
    assertEquals(false, new FlushPolicy(100, fiveRows + 1, 1_000, Long.MAX_VALUE).isDue(buffer(5, 0), 0));
    assertEquals(false, policy.isDue(buffer(0, 0), 10_000));
  }

  @Test
  void pastTheTotalBudgetTheLargestBuffersAreLoadedFirst() {
    Map<String, TableBuffer> buffers = new LinkedHashMap<>();
    buffers.put("small", buffer(1, 0));
    buffers.put("large", buffer(8, 0));
    buffers.put("medium", buffer(4, 0));
    long rowBytes = buffer(1, 0).bytes();
    FlushPolicy policy = new FlushPolicy(1_000, Long.MAX_VALUE, Long.MAX_VALUE, 6 * rowBytes);
    assertEquals(List.of("large"), policy.due(buffers, 0, 0));
    assertEquals(List.of("large", "medium"), new FlushPolicy(1_000, Long.MAX_VALUE, Long.MAX_VALUE, 2 * rowBytes)
        .due(buffers, 0, 0));
    assertEquals(List.of(), new FlushPolicy(1_000, Long.MAX_VALUE, Long.MAX_VALUE, 13 * rowBytes).due(buffers, 0, 0));
  }

  @Test
  void buffersUnderLoadTakeTheirShareOfTheBudget() {
    Map<String, TableBuffer> buffers = new LinkedHashMap<>();
    buffers.put("small", buffer(1, 0));
    buffers.put("large", buffer(8, 0));
    long rowBytes = buffer(1, 0).bytes();
    FlushPolicy policy = new FlushPolicy(1_000, Long.MAX_VALUE, Long.MAX_VALUE, 13 * rowBytes);
    assertEquals(List.of(), policy.due(buffers, 0, 4 * rowBytes));
    assertEquals(List.of("large"), policy.due(buffers, 0, 5 * rowBytes));
    assertEquals(false, policy.overBudget(13 * rowBytes));
    assertEquals(true, policy.overBudget(13 * rowBytes + 1));
  }
}
