package io.heropixel.connect.databricks.local;

import io.heropixel.connect.databricks.local.UnityCatalogs.ExternalLocation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The Unity Catalog statements Spark has no grammar for, answered from {@link UnityCatalogs} and
 * {@link LocalVolumes}: CREATE CATALOG, SHOW CATALOGS, CREATE VOLUME, CREATE / DROP / DESCRIBE / SHOW
 * EXTERNAL LOCATION(S) and SHOW STORAGE CREDENTIALS, with the output columns Databricks documents.
 */
final class UnityCatalogStatements {

  private static final String NAME = "`?([^`.\\s]+)`?";
  private static final int FLAGS = Pattern.CASE_INSENSITIVE | Pattern.DOTALL;
  private static final String END = "\\s*;?\\s*";
  private static final String COMMENT = "(?:\\s+COMMENT\\s+'(?:[^'\\\\]|\\\\.)*')?";
  private static final Pattern CREATE_CATALOG =
      Pattern.compile("\\s*CREATE\\s+CATALOG\\s+(IF\\s+NOT\\s+EXISTS\\s+)?" + NAME + COMMENT + END, FLAGS);
  private static final Pattern SHOW_CATALOGS = Pattern.compile("\\s*SHOW\\s+CATALOGS" + END, FLAGS);
  private static final Pattern CREATE_VOLUME = Pattern.compile("\\s*CREATE\\s+VOLUME\\s+(IF\\s+NOT\\s+EXISTS\\s+)?"
      + NAME + "\\s*\\.\\s*" + NAME + "\\s*\\.\\s*" + NAME + COMMENT + END, FLAGS);
  private static final Pattern CREATE_LOCATION = Pattern.compile("\\s*CREATE\\s+EXTERNAL\\s+LOCATION\\s+"
      + "(IF\\s+NOT\\s+EXISTS\\s+)?" + NAME + "\\s+URL\\s+'([^']*)'\\s+WITH\\s*\\(\\s*(?:STORAGE\\s+)?CREDENTIAL\\s+"
      + NAME + "\\s*\\)(?:\\s+COMMENT\\s+'((?:[^'\\\\]|\\\\.)*)')?" + END, FLAGS);
  private static final Pattern DROP_LOCATION =
      Pattern.compile("\\s*DROP\\s+EXTERNAL\\s+LOCATION\\s+(IF\\s+EXISTS\\s+)?" + NAME + END, FLAGS);
  private static final Pattern DESCRIBE_LOCATION =
      Pattern.compile("\\s*DESCRIBE\\s+EXTERNAL\\s+LOCATION\\s+" + NAME + END, FLAGS);
  private static final Pattern SHOW_LOCATIONS = Pattern.compile("\\s*SHOW\\s+EXTERNAL\\s+LOCATIONS" + END, FLAGS);
  private static final Pattern SHOW_CREDENTIALS =
      Pattern.compile("\\s*SHOW\\s+(?:STORAGE\\s+)?CREDENTIALS" + END, FLAGS);

  private final UnityCatalogs catalogs;
  private final LocalVolumes volumes;

  UnityCatalogStatements(UnityCatalogs catalogs, LocalVolumes volumes) {
    this.catalogs = catalogs;
    this.volumes = volumes;
  }

  /** Runs the statement when it is one of these, answering its result; empty for any other statement. */
  Optional<StatementResult> run(SparkSession session, String sql) {
    Matcher m;
    if ((m = CREATE_CATALOG.matcher(sql)).matches()) {
      return Optional.of(createCatalog(session, m.group(2), m.group(1) != null));
    } else if (SHOW_CATALOGS.matcher(sql).matches()) {
      return Optional.of(strings(List.of("catalog"),
          Stream.concat(Stream.of(UnityCatalogs.LEGACY_CATALOG), catalogs.catalogs().stream())
              .map(c -> List.of(c)).toList()));
    } else if ((m = CREATE_VOLUME.matcher(sql)).matches()) {
      createVolume(session, m.group(2), m.group(3), m.group(4), m.group(1) != null);
      return Optional.of(strings(List.of(), List.of()));
    } else if ((m = CREATE_LOCATION.matcher(sql)).matches()) {
      catalogs.createExternalLocation(
          new ExternalLocation(m.group(2), m.group(3), m.group(4), m.group(5)), m.group(1) != null);
      return Optional.of(strings(List.of(), List.of()));
    } else if ((m = DROP_LOCATION.matcher(sql)).matches()) {
      catalogs.dropExternalLocation(m.group(2), m.group(1) != null);
      return Optional.of(strings(List.of(), List.of()));
    } else if ((m = DESCRIBE_LOCATION.matcher(sql)).matches()) {
      return Optional.of(describeLocation(m.group(1)));
    } else if (SHOW_LOCATIONS.matcher(sql).matches()) {
      return Optional.of(strings(List.of("name", "url", "comment"), catalogs.externalLocations().stream()
          .map(l -> Arrays.asList(l.name(), l.url(), l.comment())).toList()));
    } else if (SHOW_CREDENTIALS.matcher(sql).matches()) {
      return Optional.of(strings(List.of("name", "comment"), List.of(Arrays.asList(
          UnityCatalogs.STORAGE_CREDENTIAL, "The local warehouse's access to the local S3 server and Azurite"))));
    }
    return Optional.empty();
  }

  private StatementResult createCatalog(SparkSession session, String catalog, boolean ifNotExists) {
    if (UnityCatalogs.isLegacy(catalog) || !catalogs.create(catalog) && !ifNotExists) {
      throw new DatabricksError("CATALOG_ALREADY_EXISTS", "42P04",
          "Cannot create catalog `" + catalog + "` because it already exists.");
    }
    // Unity Catalog gives every new catalog a schema named default.
    String name = catalog.toLowerCase(Locale.ROOT);
    StatementExecutor.registerCatalogs(session, catalogs);
    session.sql("CREATE SCHEMA IF NOT EXISTS `" + name + "`.`default`").collectAsList();
    return strings(List.of(), List.of());
  }

  private void createVolume(SparkSession session, String catalog, String schema, String volume, boolean ifNotExists) {
    if (UnityCatalogs.isLegacy(catalog)) {
      throw new DatabricksError("INVALID_PARAMETER_VALUE", "22023", "Volumes can only be created in Unity Catalog "
          + "schemas; `" + catalog + "` is the legacy Hive metastore, not a Unity Catalog catalog.");
    }
    if (!catalogs.exists(catalog)) {
      throw new DatabricksError("NO_SUCH_CATALOG_EXCEPTION", "42704", "Catalog '" + catalog + "' was not found.");
    }
    String name = UnityCatalogNames.check("volume", volume);
    if (!session.sessionState().catalog().databaseExists(UnityCatalogNames.storedSchema(catalog, schema))) {
      throw new DatabricksError("SCHEMA_NOT_FOUND", "42704",
          "The schema `" + catalog + "`.`" + schema + "` cannot be found.");
    }
    String path = LocalVolumes.PREFIX + catalog.toLowerCase(Locale.ROOT) + "/" + schema.toLowerCase(Locale.ROOT)
        + "/" + name;
    if (volumes.existing(path).isPresent() && !ifNotExists) {
      throw new DatabricksError("VOLUME_ALREADY_EXISTS", "42000", "Cannot create volume `" + catalog + "`.`"
          + schema + "`.`" + volume + "` because it already exists.");
    }
    try {
      Files.createDirectories(volumes.resolve(path));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private StatementResult describeLocation(String name) {
    ExternalLocation location = catalogs.externalLocations().stream()
        .filter(l -> l.name().equalsIgnoreCase(name)).findFirst()
        .orElseThrow(() -> new DatabricksError("EXTERNAL_LOCATION_DOES_NOT_EXIST", "42704",
            "External location '" + name + "' does not exist."));
    return strings(List.of("name", "url", "credential_name", "owner", "created_by", "created_at", "comment"),
        List.of(Arrays.asList(location.name(), location.url(), location.credentialName(), null, null, null,
            location.comment())));
  }

  private static StatementResult strings(List<String> columns, List<List<String>> rows) {
    StructType schema = new StructType();
    for (String column : columns) {
      schema = schema.add(column, DataTypes.StringType);
    }
    List<Row> out = rows.stream().map(r -> RowFactory.create(r.toArray())).toList();
    return new StatementResult(schema, out);
  }
}
