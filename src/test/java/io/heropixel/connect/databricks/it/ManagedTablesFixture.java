package io.heropixel.connect.databricks.it;

import io.heropixel.connect.databricks.local.SharedLocalInfra;
import io.heropixel.connect.databricks.staging.StagingFormat;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Managed tables staged in a Unity Catalog volume of the local warehouse: a volume per test. */
final class ManagedTablesFixture implements DataSourceFixture {

  @Override
  public Map<String, String> config(String space) {
    return Map.of("data.source.type", "MANAGED_TABLES", "databricks.volume", space,
        "databricks.catalog", catalog());
  }

  @Override
  public String catalog() {
    return SharedLocalInfra.CATALOG;
  }

  /** Files of the volume, found in the warehouse's volume directories whatever its catalog and schema. */
  @Override
  public List<String> objects(String space) {
    Path volumes = EndToEnd.warehouse().settings().dataDir().resolve("volumes");
    try (Stream<Path> dirs = Files.exists(volumes) ? Files.find(volumes, 3,
        (p, a) -> a.isDirectory() && p.getFileName().toString().equals(space)) : Stream.empty()) {
      List<Path> found = dirs.toList();
      if (found.isEmpty()) {
        return List.of();
      }
      try (Stream<Path> files = Files.walk(found.get(0))) {
        return files.filter(Files::isRegularFile).map(p -> found.get(0).relativize(p).toString()).toList();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public StagingFormat.Kind format() {
    return StagingFormat.Kind.DELTA;
  }

  @Override
  public String tableData(String schema, String stream) {
    return null;
  }

  @Override
  public String tableLocation(String space, String schema, String stream) {
    return null;
  }
}
