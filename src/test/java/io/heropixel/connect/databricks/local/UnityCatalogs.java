package io.heropixel.connect.databricks.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The Unity Catalog metastore of the local warehouse, kept in one JSON file: its catalogs (beside
 * the legacy {@code hive_metastore}), its external locations and its one storage credential, which
 * stands for the warehouse's own access to the local S3 server and Azurite.
 *
 * <p>Spark creates catalog plugins by class name, so {@link UnityCatalogStandIn} finds the metastore
 * through {@link #current()}; a JVM runs one warehouse at most.
 */
final class UnityCatalogs {

  static final String LEGACY_CATALOG = "hive_metastore";
  static final String STORAGE_CREDENTIAL = "local_storage_credential";

  /** An external location: cloud storage under {@code url} that Unity Catalog lets tables and path reads use. */
  record ExternalLocation(String name, String url, String credentialName, String comment) {}

  /** The persisted state. */
  record State(TreeSet<String> catalogs, TreeMap<String, ExternalLocation> externalLocations) {}

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static volatile UnityCatalogs current;

  private final Path file;
  private final State state;

  private UnityCatalogs(Path file, State state) {
    this.file = file;
    this.state = state;
  }

  /** Opens (or starts) the metastore kept in {@code file}; {@code firstCatalog} exists from the start. */
  static UnityCatalogs open(Path file, String firstCatalog) {
    try {
      State state = Files.exists(file)
          ? MAPPER.readValue(file.toFile(), State.class)
          : new State(new TreeSet<>(), new TreeMap<>());
      UnityCatalogs catalogs = new UnityCatalogs(file, state);
      state.catalogs().add(UnityCatalogNames.check("catalog", firstCatalog));
      catalogs.save();
      return catalogs;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file, e);
    }
  }

  /** Makes this the metastore that catalog plugins of this JVM use. */
  void serve() {
    current = this;
  }

  static UnityCatalogs current() {
    UnityCatalogs catalogs = current;
    if (catalogs == null) {
      throw new IllegalStateException("No local warehouse runs in this JVM");
    }
    return catalogs;
  }

  static boolean isLegacy(String catalog) {
    return LEGACY_CATALOG.equalsIgnoreCase(catalog) || SqlRewriter.SPARK_CATALOG.equalsIgnoreCase(catalog);
  }

  synchronized boolean exists(String catalog) {
    return catalog != null && state.catalogs().contains(catalog.toLowerCase(Locale.ROOT));
  }

  synchronized List<String> catalogs() {
    return List.copyOf(state.catalogs());
  }

  /** Adds a catalog; answers false when it existed already. */
  synchronized boolean create(String catalog) {
    boolean added = state.catalogs().add(UnityCatalogNames.check("catalog", catalog));
    save();
    return added;
  }

  synchronized List<ExternalLocation> externalLocations() {
    return List.copyOf(state.externalLocations().values());
  }

  /**
   * Registers an external location, refusing an unknown credential, a URL that is not a cloud storage
   * path, and one that overlaps another location, as Unity Catalog does.
   */
  synchronized void createExternalLocation(ExternalLocation location, boolean ifNotExists) {
    String name = UnityCatalogNames.check("external location", location.name());
    if (state.externalLocations().containsKey(name)) {
      if (ifNotExists) {
        return;
      }
      throw new DatabricksError("EXTERNAL_LOCATION_ALREADY_EXISTS", "42000",
          "External location '" + name + "' already exists.");
    }
    if (!STORAGE_CREDENTIAL.equalsIgnoreCase(location.credentialName())) {
      throw new DatabricksError("STORAGE_CREDENTIAL_DOES_NOT_EXIST", "42704",
          "Storage Credential '" + location.credentialName() + "' does not exist.");
    }
    String url = normalize(location.url())
        .orElseThrow(() -> new DatabricksError("INVALID_PARAMETER_VALUE.LOCATION", "22023",
            "Invalid URL '" + location.url() + "': an external location is an s3:// or abfss:// path."));
    for (ExternalLocation other : state.externalLocations().values()) {
      if (within(url, other.url()) || within(other.url(), url)) {
        throw new DatabricksError("INVALID_PARAMETER_VALUE.LOCATION_OVERLAP", "22023",
            "Input path url '" + location.url() + "' overlaps with other external location '" + other.name() + "'.");
      }
    }
    state.externalLocations().put(name,
        new ExternalLocation(name, url, STORAGE_CREDENTIAL, location.comment()));
    save();
  }

  synchronized void dropExternalLocation(String name, boolean ifExists) {
    if (state.externalLocations().remove(name.toLowerCase(Locale.ROOT)) == null && !ifExists) {
      throw new DatabricksError("EXTERNAL_LOCATION_DOES_NOT_EXIST", "42704",
          "External location '" + name + "' does not exist.");
    }
    save();
  }

  /**
   * Refuses a table or schema location in cloud storage that no external location covers, with the error
   * Databricks gives; local paths (volumes, the metastore's own directory) pass.
   */
  void checkLocation(String path) {
    if (!covered(path)) {
      throw new DatabricksError("NO_PARENT_EXTERNAL_LOCATION_FOR_PATH", "22KD1",
          "No parent external location was found for path '" + path + "'. Please create an external location on "
              + "one of the parent paths and then retry the query or command again.");
    }
  }

  /** Refuses a path read in cloud storage that no external location covers, with the error Databricks gives. */
  void checkPathRead(String path) {
    if (!covered(path)) {
      throw new DatabricksError("INSUFFICIENT_PERMISSIONS", "42501",
          "Insufficient privileges: User does not have permission SELECT on any file.");
    }
  }

  private synchronized boolean covered(String path) {
    Optional<String> url = normalize(path);
    return url.isEmpty() || state.externalLocations().values().stream().anyMatch(l -> within(url.get(), l.url()));
  }

  /** The cloud path in one spelling ({@code s3a} as {@code s3}, no trailing '/'), or empty for a local path. */
  static Optional<String> normalize(String path) {
    URI uri;
    try {
      uri = URI.create(path.strip());
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    scheme = switch (scheme) {
      case "s3", "s3a", "s3n" -> "s3";
      case "abfss", "abfs" -> "abfss";
      default -> "";
    };
    if (scheme.isEmpty() || uri.getRawAuthority() == null) {
      return Optional.empty();
    }
    String rest = uri.getRawPath() == null ? "" : uri.getRawPath().replaceAll("/+$", "");
    return Optional.of(scheme + "://" + uri.getRawAuthority() + rest);
  }

  private static boolean within(String url, String location) {
    return url.equals(location) || url.startsWith(location + "/");
  }

  private void save() {
    try {
      Files.createDirectories(file.getParent());
      MAPPER.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), state);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + file, e);
    }
  }
}
