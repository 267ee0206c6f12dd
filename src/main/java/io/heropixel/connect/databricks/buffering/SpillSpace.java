package io.heropixel.connect.databricks.buffering;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.kafka.connect.errors.ConnectException;

/**
 * A task's directory for buffered rows, and the small heap they pass through on their way to it. Rows
 * are encoded into their partition's write-behind bytes; once all partitions together hold more than
 * the write-behind budget, every partition's bytes are appended to its file. The heap a task needs is
 * thus the budget plus a few objects per partition, however many streams it serves and however much they
 * buffer. The directory is emptied when the task starts (a crashed task's leftovers are of no use: the
 * tables say where to resume) and deleted when it stops.
 */
public final class SpillSpace implements Closeable {

  private final Path directory;
  private final long writeBehindBytes;
  private final Set<PartitionSpill> withPendingBytes = new LinkedHashSet<>();
  private long pendingBytes;
  private long nextFile;

  private SpillSpace(Path directory, long writeBehindBytes) {
    this.directory = directory;
    this.writeBehindBytes = writeBehindBytes;
  }

  /** Claims {@code root/<connector>/task-<task>}, emptied. */
  public static SpillSpace open(Path root, String connector, int task, long writeBehindBytes) {
    Path directory = root.resolve(connector).resolve("task-" + task);
    try {
      deleteRecursively(directory);
      Files.createDirectories(directory);
    } catch (IOException e) {
      throw new ConnectException("Cannot prepare the spill directory " + directory
          + " (buffer.spill.dir): " + e.getMessage(), e);
    }
    return new SpillSpace(directory, writeBehindBytes);
  }

  public Path directory() {
    return directory;
  }

  /** Bytes held in heap, not yet on disk. */
  public long pendingBytes() {
    return pendingBytes;
  }

  Path newFile() {
    return directory.resolve((nextFile++) + ".rows");
  }

  /** Counts a partition's new write-behind bytes, and spills everyone's once over budget. */
  void pending(PartitionSpill partition, int bytes) {
    withPendingBytes.add(partition);
    pendingBytes += bytes;
    if (pendingBytes > writeBehindBytes) {
      for (PartitionSpill p : withPendingBytes) {
        p.spill();
      }
      withPendingBytes.clear();
      pendingBytes = 0;
    }
  }

  /** Forgets a partition's write-behind bytes, which it dropped or spilled on its own. */
  void released(PartitionSpill partition, int bytes) {
    if (withPendingBytes.remove(partition)) {
      pendingBytes -= bytes;
    }
  }

  @Override
  public void close() {
    try {
      deleteRecursively(directory);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot delete the spill directory " + directory, e);
    }
  }

  private static void deleteRecursively(Path path) throws IOException {
    if (!Files.exists(path)) {
      return;
    }
    try (Stream<Path> all = Files.walk(path)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
