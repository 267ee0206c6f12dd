package io.heropixel.connect.databricks.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Unity Catalog volumes of the local warehouse: {@code /Volumes/<catalog>/<schema>/<volume>/...} is the
 * directory {@code <root>/<catalog>/<schema>/<volume>/...}, for SQL (see {@link SqlRewriter}) and the
 * Files API alike. Spark has no volumes: {@link UnityCatalogStatements} creates them.
 */
final class LocalVolumes {

  static final String PREFIX = "/Volumes/";

  private final Path root;

  LocalVolumes(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  /** The directory of a {@code /Volumes/...} path; refuses paths outside a volume. */
  Path resolve(String volumePath) {
    if (!volumePath.startsWith(PREFIX)) {
      throw new IllegalArgumentException("Not a volume path: " + volumePath);
    }
    Path resolved = root.resolve(volumePath.substring(PREFIX.length())).normalize();
    if (!resolved.startsWith(root) || root.relativize(resolved).getNameCount() < 3) {
      throw new IllegalArgumentException("Not inside a volume: " + volumePath);
    }
    return resolved;
  }

  /** The volume directory's path for Spark, {@code file:/...}. */
  String sparkPath(String volumePath) {
    return resolve(volumePath).toUri().toString();
  }

  /** The volume path of a directory under the root. */
  String volumePath(Path directory) {
    return PREFIX + root.relativize(directory.toAbsolutePath().normalize()).toString().replace('\\', '/');
  }

  Optional<Path> existing(String volumePath) {
    Path p = resolve(volumePath);
    return Files.exists(p) ? Optional.of(p) : Optional.empty();
  }
}
