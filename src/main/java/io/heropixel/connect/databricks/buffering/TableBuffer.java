package io.heropixel.connect.databricks.buffering;

import io.heropixel.connect.databricks.conversion.StreamRow;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;

/**
 * The rows waiting to be loaded into one table, kept per topic-partition so that a revoked partition's
 * rows can be dropped on their own. It does no I/O: the caller asks and drains.
 */
public final class TableBuffer {

  private final Map<TopicPartition, List<StreamRow>> rows = new LinkedHashMap<>();
  private long records;
  private long bytes;
  private long firstArrivalMs;

  public void add(TopicPartition partition, StreamRow row, long nowMs) {
    if (records == 0) {
      firstArrivalMs = nowMs;
    }
    rows.computeIfAbsent(partition, p -> new ArrayList<>()).add(row);
    records++;
    bytes += row.estimatedBytes();
  }

  public boolean isEmpty() {
    return records == 0;
  }

  public long records() {
    return records;
  }

  public long bytes() {
    return bytes;
  }

  public long firstArrivalMs() {
    return firstArrivalMs;
  }

  /** The offset of the first buffered row of a partition, or -1 when it has none. */
  public long firstOffset(TopicPartition partition) {
    List<StreamRow> list = rows.get(partition);
    return list == null || list.isEmpty() ? -1 : list.get(0).offset();
  }

  public Set<TopicPartition> partitions() {
    return rows.keySet();
  }

  /** All rows, partition by partition, without removing them: they stay until the load succeeded. */
  public List<StreamRow> snapshot() {
    List<StreamRow> all = new ArrayList<>((int) records);
    rows.values().forEach(all::addAll);
    return all;
  }

  public void clear() {
    rows.clear();
    records = 0;
    bytes = 0;
  }

  /** Drops the rows of partitions this task no longer owns; their new owner reads them again. */
  public void drop(Collection<TopicPartition> partitions) {
    for (TopicPartition p : partitions) {
      List<StreamRow> dropped = rows.remove(p);
      if (dropped != null) {
        records -= dropped.size();
        bytes -= dropped.stream().mapToLong(StreamRow::estimatedBytes).sum();
      }
    }
  }
}
