package io.heropixel.connect.databricks.buffering;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
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
 *
 * <p>Buffered rows are a copy of the topics' data, so the directories are the owner's alone (0700, files
 * 0600), a root that is a symbolic link or another user's is refused (the default root lies in a shared
 * temporary directory), and the connector name is encoded so that no name leads out of the root.
 */
public final class SpillSpace implements Closeable {

  /** Longest encoded connector name kept whole; file systems take 255 bytes. */
  private static final int MAX_NAME = 128;
  private static final FileAttribute<Set<PosixFilePermission>> OWNER_ONLY_DIRECTORY =
      PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));
  private static final FileAttribute<Set<PosixFilePermission>> OWNER_ONLY_FILE =
      PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));

  private static UserPrincipal processUser;

  private final Path directory;
  private final long writeBehindBytes;
  private final Set<PartitionSpill> withPendingBytes = new LinkedHashSet<>();
  private long pendingBytes;
  private long nextFile;

  private SpillSpace(Path directory, long writeBehindBytes) {
    this.directory = directory;
    this.writeBehindBytes = writeBehindBytes;
  }

  /** Claims {@code root/<encoded connector>/task-<task>}, emptied. */
  public static SpillSpace open(Path root, String connector, int task, long writeBehindBytes) {
    Path directory = root.resolve(fileName(connector)).resolve("task-" + task);
    try {
      ownDirectory(root);
      ownDirectory(directory.getParent());
      deleteRecursively(directory);
      ownDirectory(directory);
    } catch (IOException e) {
      throw new ConnectException("Cannot prepare the spill directory " + directory
          + " (buffer.spill.dir): " + e.getMessage(), e);
    }
    return new SpillSpace(directory, writeBehindBytes);
  }

  /**
   * A connector name as one file name: letters, digits, '-' and '_' stay, every other byte is {@code %xx},
   * so '.', '/' and '\' cannot lead elsewhere; a long name keeps its start and a hash of the whole.
   */
  static String fileName(String connector) {
    StringBuilder name = new StringBuilder();
    for (byte b : connector.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xFF);
      if (c < 0x80 && (Character.isLetterOrDigit(c) || c == '-' || c == '_')) {
        name.append(c);
      } else {
        name.append('%').append(String.format("%02x", b & 0xFF));
      }
    }
    if (name.length() <= MAX_NAME) {
      return name.toString();
    }
    return name.substring(0, MAX_NAME - 17) + "~" + Integer.toHexString(connector.hashCode())
        + Integer.toHexString(connector.length());
  }

  /**
   * Makes {@code dir} exist as a directory of this process's user that only it can enter; refuses a
   * symbolic link and a directory of another user, which could read or swap the buffered rows.
   */
  private static void ownDirectory(Path dir) throws IOException {
    if (Files.isSymbolicLink(dir)) {
      throw new IOException(dir + " is a symbolic link; give buffer.spill.dir a real directory");
    }
    boolean posix = dir.getFileSystem().supportedFileAttributeViews().contains("posix");
    if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
      Files.createDirectories(dir.toAbsolutePath().getParent());
      try {
        Files.createDirectory(dir, posix ? new FileAttribute<?>[] {OWNER_ONLY_DIRECTORY} : new FileAttribute<?>[0]);
      } catch (FileAlreadyExistsException e) {
        // Another task of this worker made it first: checked below like any existing one.
      }
    }
    if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
      throw new IOException(dir + " is not a directory");
    }
    UserPrincipal owner = Files.getOwner(dir, LinkOption.NOFOLLOW_LINKS);
    if (!owner.equals(processUser())) {
      throw new IOException(dir + " belongs to " + owner.getName() + ", not to the worker's user "
          + processUser().getName() + "; give buffer.spill.dir a directory of the worker's user");
    }
    if (posix) {
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
    }
  }

  public Path directory() {
    return directory;
  }

  /** Bytes held in heap, not yet on disk. */
  public long pendingBytes() {
    return pendingBytes;
  }

  /**
   * The user this process runs as, as the owner of a file it creates: a name lookup fails for a user with
   * no entry in the password database, as containers with an arbitrary user id have.
   */
  private static synchronized UserPrincipal processUser() throws IOException {
    if (processUser == null) {
      Path probe = Files.createTempFile("heropixel-owner", ".probe");
      try {
        processUser = Files.getOwner(probe);
      } finally {
        Files.deleteIfExists(probe);
      }
    }
    return processUser;
  }

  /** A new, empty spill file that only this user can read. */
  Path newFile() throws IOException {
    Path file = directory.resolve((nextFile++) + ".rows");
    return directory.getFileSystem().supportedFileAttributeViews().contains("posix")
        ? Files.createFile(file, OWNER_ONLY_FILE) : Files.createFile(file);
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
