package io.heropixel.connect.databricks.buffering;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * When buffers are due to be loaded: a table's buffer when it holds enough records or bytes or is old
 * enough; and, past the task's total byte budget, the largest buffers until the rest fit in it. Buffers
 * being loaded still take their bytes of the budget until their load is done.
 */
public record FlushPolicy(int maxRecords, long maxBytes, long intervalMs, long totalMaxBytes) {

  public boolean isDue(TableBuffer buffer, long nowMs) {
    return !buffer.isEmpty() && (buffer.records() >= maxRecords || buffer.bytes() >= maxBytes
        || nowMs - buffer.firstArrivalMs() >= intervalMs);
  }

  /**
   * The keys of the buffers to load now, due ones first, then the largest while the total is over budget.
   *
   * @param loadingBytes the bytes of buffers whose load is under way
   */
  public <K> List<K> due(Map<K, TableBuffer> buffers, long nowMs, long loadingBytes) {
    long budget = totalMaxBytes - loadingBytes;
    List<K> due = new ArrayList<>();
    long remaining = 0;
    for (Map.Entry<K, TableBuffer> e : buffers.entrySet()) {
      if (isDue(e.getValue(), nowMs)) {
        due.add(e.getKey());
      } else {
        remaining += e.getValue().bytes();
      }
    }
    if (remaining > budget) {
      List<Map.Entry<K, TableBuffer>> bySize = new ArrayList<>(buffers.entrySet());
      bySize.sort(Comparator.comparingLong((Map.Entry<K, TableBuffer> e) -> e.getValue().bytes()).reversed());
      for (Map.Entry<K, TableBuffer> e : bySize) {
        if (remaining <= budget) {
          break;
        }
        if (!due.contains(e.getKey()) && !e.getValue().isEmpty()) {
          due.add(e.getKey());
          remaining -= e.getValue().bytes();
        }
      }
    }
    return due;
  }

  /** Whether buffers of this many bytes in all exceed the task's budget. */
  public boolean overBudget(long totalBytes) {
    return totalBytes > totalMaxBytes;
  }
}
