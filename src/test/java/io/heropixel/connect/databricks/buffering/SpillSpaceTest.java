package io.heropixel.connect.databricks.buffering;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.apache.kafka.connect.errors.ConnectException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The spill directory stays under buffer.spill.dir, is the worker user's alone, and refuses what is not. */
class SpillSpaceTest {

  @TempDir
  Path tmp;

  @Test
  void noConnectorNameLeadsOutOfTheRoot() throws IOException {
    Path root = tmp.resolve("spill");
    Path outside = Files.createDirectories(tmp.resolve("outside"));
    Files.writeString(outside.resolve("keep"), "not ours");
    for (String name : List.of("..", "../outside", "../../etc", "/etc/passwd", "a/../../outside", "c:\\\\x", ".")) {
      try (SpillSpace space = SpillSpace.open(root, name, 0, 0)) {
        Path dir = space.directory();
        assertEquals(root.resolve(SpillSpace.fileName(name)).resolve("task-0"), dir, name);
        assertEquals(root, dir.getParent().getParent(), name);
        assertTrue(Files.isDirectory(dir), name);
      }
    }
    assertEquals("not ours", Files.readString(outside.resolve("keep")));
    assertEquals("orders-sink_1", SpillSpace.fileName("orders-sink_1"));
    assertEquals("a%2f..%2fb".replace("..", "%2e%2e"), SpillSpace.fileName("a/../b"));
  }

  @Test
  void longNamesStayShortAndDistinct() {
    String a = SpillSpace.fileName("x".repeat(300) + "a");
    String b = SpillSpace.fileName("x".repeat(300) + "b");
    assertTrue(a.length() <= 128, a);
    assertNotEquals(a, b);
    assertEquals(a, SpillSpace.fileName("x".repeat(300) + "a"));
  }

  @Test
  void directoriesAndFilesAreTheOwnersAlone() throws IOException {
    Path root = tmp.resolve("spill");
    try (SpillSpace space = SpillSpace.open(root, "c", 3, 0)) {
      assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(root)));
      assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(space.directory())));
      Path file = space.newFile();
      assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }
    // A root made by hand with open permissions is narrowed.
    Path wide = Files.createDirectories(tmp.resolve("wide"));
    Files.setPosixFilePermissions(wide, PosixFilePermissions.fromString("rwxrwxrwx"));
    SpillSpace.open(wide, "c", 0, 0).close();
    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(wide)));
  }

  @Test
  void aSymbolicLinkIsRefusedAndItsTargetLeftAlone() throws IOException {
    Path target = Files.createDirectories(tmp.resolve("target"));
    Files.writeString(target.resolve("keep"), "not ours");
    Path linkedRoot = Files.createSymbolicLink(tmp.resolve("linked-root"), target);
    ConnectException root = assertThrows(ConnectException.class, () -> SpillSpace.open(linkedRoot, "c", 0, 0));
    assertTrue(root.getMessage().contains("symbolic link"), root.getMessage());

    Path realRoot = Files.createDirectories(tmp.resolve("real-root"));
    Files.createSymbolicLink(realRoot.resolve("c"), target);
    ConnectException connector = assertThrows(ConnectException.class, () -> SpillSpace.open(realRoot, "c", 0, 0));
    assertTrue(connector.getMessage().contains("symbolic link"), connector.getMessage());
    assertEquals("not ours", Files.readString(target.resolve("keep")));
  }

  @Test
  void anotherUsersDirectoryIsRefused() throws IOException {
    Path theirs = Files.createDirectories(tmp.resolve("theirs"));
    try {
      Files.setOwner(theirs, theirs.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody"));
    } catch (IOException | UnsupportedOperationException e) {
      assumeTrue(false, "only root can give a directory to another user here: " + e);
    }
    ConnectException e = assertThrows(ConnectException.class, () -> SpillSpace.open(theirs, "c", 0, 0));
    assertTrue(e.getMessage().contains("belongs to nobody"), e.getMessage());
  }
}
