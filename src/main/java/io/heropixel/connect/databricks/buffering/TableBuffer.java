package io.heropixel.connect.databricks.buffering;

import io.heropixel.connect.databricks.conversion.StreamRow;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;

/**
 * The rows waiting to be loaded into one table, kept per topic-partition so that a revoked partition's
 * rows can be dropped on their own. Rows live encoded in the task's {@link SpillSpace}, not as objects:
 * its size is counted in encoded bytes.
 */
public final class TableBuffer {

  private final SpillSpace space;
  private final RowCodec codec = new RowCodec();
  private final Map<TopicPartition, PartitionSpill> partitions = new LinkedHashMap<>();
  private long records;
  private long bytes;
  private long firstArrivalMs;

  public TableBuffer(SpillSpace space) {
    this.space = space;
  }

  public void add(TopicPartition partition, StreamRow row, long nowMs) {
    if (records == 0) {
      firstArrivalMs = nowMs;
    }
    bytes += partitions.computeIfAbsent(partition, p -> new PartitionSpill(p, space)).add(row, codec);
    records++;
  }

  public boolean isEmpty() {
    return records == 0;
  }

  public long records() {
    return records;
  }

  /** The rows' encoded size. */
  public long bytes() {
    return bytes;
  }

  public long firstArrivalMs() {
    return firstArrivalMs;
  }

  /** The offset of the first buffered row of a partition, or -1 when it has none. */
  public long firstOffset(TopicPartition partition) {
    PartitionSpill spill = partitions.get(partition);
    return spill == null ? -1 : spill.firstOffset();
  }

  public Set<TopicPartition> partitions() {
    return partitions.keySet();
  }

  /**
   * Reads all rows back, partition by partition, without removing them: they stay until the load
   * succeeded. One partition's file is open at a time; close the reader to release it.
   */
  public RowReader read() {
    return new RowReader(new ArrayList<>(partitions.values()));
  }

  /**
   * Moves the rows still in heap to their files and out of the spill space's write-behind, so that a loader
   * thread can read this buffer while the task buffers on into others. No row is added to it afterwards.
   */
  public void seal() {
    partitions.values().forEach(PartitionSpill::seal);
  }

  public void clear() {
    partitions.values().forEach(PartitionSpill::discard);
    partitions.clear();
    codec.reset();
    records = 0;
    bytes = 0;
  }

  /** Drops the rows of partitions this task no longer owns; their new owner reads them again. */
  public void drop(Collection<TopicPartition> revoked) {
    for (TopicPartition p : revoked) {
      PartitionSpill dropped = partitions.remove(p);
      if (dropped != null) {
        records -= dropped.records();
        bytes -= dropped.bytes();
        dropped.discard();
      }
    }
    if (records == 0) {
      codec.reset();
    }
  }

  /** The buffered rows, decoded one at a time. */
  public final class RowReader implements Iterator<StreamRow>, Closeable {

    private final List<PartitionSpill> remaining;
    private PartitionSpill current;
    private DataInputStream in;
    private long leftInCurrent;

    private RowReader(List<PartitionSpill> partitions) {
      this.remaining = partitions;
    }

    @Override
    public boolean hasNext() {
      try {
        while (leftInCurrent == 0) {
          close();
          if (remaining.isEmpty()) {
            return false;
          }
          current = remaining.remove(0);
          leftInCurrent = current.records();
          in = current.open();
        }
        return true;
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read buffered records from the spill directory", e);
      }
    }

    @Override
    public StreamRow next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      try {
        leftInCurrent--;
        return current.read(in, codec);
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read buffered records from the spill directory", e);
      }
    }

    @Override
    public void close() throws IOException {
      if (in != null) {
        in.close();
        in = null;
      }
    }
  }
}
