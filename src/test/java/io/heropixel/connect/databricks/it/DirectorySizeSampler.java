package io.heropixel.connect.databricks.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Watches how many bytes of files a directory holds, including everything below it, from a daemon thread:
 * the peak it has seen, for a process in another JVM that writes there (a forked worker's spill directory).
 */
final class DirectorySizeSampler implements AutoCloseable {

  private final Path dir;
  private final AtomicLong peak = new AtomicLong();
  private final Thread thread;
  private volatile boolean stopped;

  DirectorySizeSampler(Path dir, Duration interval) {
    this.dir = dir;
    this.thread = new Thread(() -> {
      while (!stopped) {
        sample();
        try {
          Thread.sleep(interval.toMillis());
        } catch (InterruptedException e) {
          return;
        }
      }
    }, "directory-size-sampler");
    thread.setDaemon(true);
    thread.start();
  }

  /** The largest size seen so far, including a sample taken now. */
  long peak() {
    sample();
    return peak.get();
  }

  /** The bytes of the files below the directory now, and of those with the given name ending. */
  long size() {
    return size("");
  }

  long size(String suffix) {
    long[] total = new long[1];
    if (!Files.exists(dir)) {
      return 0;
    }
    try {
      Files.walkFileTree(dir, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
          if (file.getFileName().toString().endsWith(suffix)) {
            total[0] += attributes.size();
          }
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
          if (e instanceof NoSuchFileException) {
            return FileVisitResult.CONTINUE; // deleted by the writer while we walked: it holds nothing now
          }
          throw e;
        }
      });
    } catch (NoSuchFileException gone) {
      return total[0];
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot measure " + dir, e);
    }
    return total[0];
  }

  private void sample() {
    long now = size();
    peak.accumulateAndGet(now, Math::max);
  }

  @Override
  public void close() {
    stopped = true;
    thread.interrupt();
  }
}
