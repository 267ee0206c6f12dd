package io.heropixel.connect.databricks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checks the plugin archive that users install: its layout, what it must not carry, and that it works alone. */
class PluginArchiveIT {

  private static final Pattern FORBIDDEN = Pattern.compile(
      "(spark|delta-spark|delta-storage|hadoop|s3proxy|kafka_|kafka-clients|connect-api|connect-runtime|"
          + "junit|scala-library|jclouds|-tests?\\.jar).*");

  private static Path archive() throws IOException {
    try (Stream<Path> files = Files.list(Paths.get("target"))) {
      return files.filter(p -> p.getFileName().toString().matches("heropixel-kafka-connect-databricks-.*\\.zip"))
          .findFirst().orElseThrow(() -> new AssertionError("no plugin archive in target/"));
    }
  }

  private static List<String> entries(Path zip) throws IOException {
    try (ZipFile file = new ZipFile(zip.toFile())) {
      return file.stream().map(ZipEntry::getName).toList();
    }
  }

  @Test
  void hasTheConnectPluginLayoutAndNoEngineOrTestJars() throws IOException {
    Path zip = archive();
    List<String> entries = entries(zip);
    String base = entries.get(0).substring(0, entries.get(0).indexOf('/') + 1);
    assertTrue(entries.contains(base + "manifest.json"), entries.toString());
    assertTrue(entries.contains(base + "doc/LICENSE"), entries.toString());
    List<String> jars = entries.stream().filter(e -> e.endsWith(".jar")).toList();
    assertTrue(jars.stream().allMatch(j -> j.startsWith(base + "lib/")), jars.toString());
    assertTrue(jars.stream().anyMatch(j -> j.contains("databricks-jdbc")), jars.toString());
    List<String> forbidden = jars.stream().map(j -> j.substring(j.lastIndexOf('/') + 1))
        .filter(j -> FORBIDDEN.matcher(j).matches()).toList();
    assertEquals(List.of(), forbidden, "jars the plugin must not carry");
    System.out.printf("Plugin archive %s: %.1f MB, %d jars%n", zip.getFileName(), Files.size(zip) / 1e6, jars.size());
  }

  /** Writes a staging Parquet file with nothing but the plugin's jars and the Connect API, as a worker would. */
  @Test
  void writesParquetWithThePluginsJarsAlone(@TempDir Path dir) throws Exception {
    Path lib;
    try (Stream<Path> dirs = Files.walk(Paths.get("target"), 3)) {
      lib = dirs.filter(p -> p.endsWith("lib") && p.getParent().getFileName().toString()
          .startsWith("heropixel-kafka-connect-databricks-")).findFirst().orElseThrow();
    }
    List<URL> urls = new ArrayList<>();
    try (Stream<Path> jars = Files.list(lib)) {
      for (Path jar : jars.toList()) {
        urls.add(jar.toUri().toURL());
      }
    }
    // The worker supplies these, as the plugin's own class loader sees them.
    for (Class<?> provided : List.of(org.apache.kafka.connect.sink.SinkRecord.class,
        org.apache.kafka.common.TopicPartition.class, org.slf4j.Logger.class)) {
      urls.add(provided.getProtectionDomain().getCodeSource().getLocation());
    }
    try (URLClassLoader loader = new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader())) {
      Class<?> writerClass = loader.loadClass("io.heropixel.connect.databricks.staging.ParquetRowWriter");
      Class<?> rowClass = loader.loadClass("io.heropixel.connect.databricks.conversion.StreamRow");
      Object columns = loader.loadClass("io.heropixel.connect.databricks.conversion.StreamSchema")
          .getField("RAW").get(null);
      Constructor<?> ctor = writerClass.getDeclaredConstructor(List.class);
      ctor.setAccessible(true);
      Object writer = ctor.newInstance(columns);
      Object row = rowClass.getConstructors()[0].newInstance("id", 1L, "{}", "t", 0, 0L, null);
      Method write = writerClass.getDeclaredMethod("write", Path.class, Iterator.class);
      write.setAccessible(true);
      long size = (long) write.invoke(writer, dir.resolve("f.parquet"), List.of(row).iterator());
      assertTrue(size > 0 && Files.size(dir.resolve("f.parquet")) == size);
    }
  }
}
