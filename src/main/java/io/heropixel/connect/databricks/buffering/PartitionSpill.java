package io.heropixel.connect.databricks.buffering;

import io.heropixel.connect.databricks.conversion.StreamRow;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.ConnectException;

/**
 * One partition's buffered rows: encoded rows in a file of the spill space, then the write-behind bytes
 * not yet appended to it. The file is opened only to append or to read, so a task keeps no file handle
 * per partition.
 */
final class PartitionSpill {

  private static final int FIRST_CAPACITY = 512;
  private static final int READ_BUFFER = 64 * 1024;

  private final TopicPartition partition;
  private final SpillSpace space;
  private Path file;
  private ByteSink pending;
  private long bytes;
  private long records;
  private long firstOffset = -1;

  PartitionSpill(TopicPartition partition, SpillSpace space) {
    this.partition = partition;
    this.space = space;
  }

  /** Encodes a row; answers its encoded size. */
  int add(StreamRow row, RowCodec codec) {
    if (pending == null) {
      pending = new ByteSink(FIRST_CAPACITY);
    }
    int before = pending.size();
    codec.encode(row, pending);
    int size = pending.size() - before;
    if (records == 0) {
      firstOffset = row.offset();
    }
    records++;
    bytes += size;
    space.pending(this, size);
    return size;
  }

  long bytes() {
    return bytes;
  }

  long records() {
    return records;
  }

  long firstOffset() {
    return firstOffset;
  }

  /** Appends the write-behind bytes to the file and lets them go. */
  void spill() {
    if (pending == null || pending.size() == 0) {
      return;
    }
    try {
      if (file == null) {
        file = space.newFile();
      }
      try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
        pending.writeTo(out);
      }
    } catch (IOException e) {
      throw new ConnectException("Cannot write buffered records of " + partition + " to " + file
          + " (buffer.spill.dir; is the disk full?): " + e.getMessage(), e);
    }
    pending = null;
  }

  /** Appends the write-behind bytes to the file, no longer counted by the space, which then never spills this one. */
  void seal() {
    space.released(this, pending == null ? 0 : pending.size());
    spill();
  }

  /** The rows in the order they were added: the file's, then the write-behind bytes'. */
  DataInputStream open() throws IOException {
    InputStream heap = new ByteArrayInputStream(pending == null ? new byte[0] : pending.toByteArray());
    InputStream all = file == null ? heap : new SequenceInputStream(Files.newInputStream(file), heap);
    return new DataInputStream(new BufferedInputStream(all, READ_BUFFER));
  }

  StreamRow read(DataInputStream in, RowCodec codec) throws IOException {
    return codec.decode(partition.topic(), partition.partition(), in);
  }

  /** Deletes the rows, on disk and in heap. */
  void discard() {
    space.released(this, pending == null ? 0 : pending.size());
    pending = null;
    try {
      if (file != null) {
        Files.deleteIfExists(file);
      }
    } catch (IOException e) {
      throw new ConnectException("Cannot delete spill file " + file + ": " + e.getMessage(), e);
    }
    file = null;
    bytes = 0;
    records = 0;
    firstOffset = -1;
  }
}
