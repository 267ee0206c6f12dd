package io.heropixel.connect.databricks;

import static io.heropixel.connect.databricks.config.DatabricksSinkConfig.CATALOG;
import static io.heropixel.connect.databricks.config.DatabricksSinkConfig.HIVE_METASTORE;
import static io.heropixel.connect.databricks.config.DatabricksSinkConfig.HTTP_PATH;
import static io.heropixel.connect.databricks.config.DatabricksSinkConfig.OAUTH_CLIENT_SECRET;
import static io.heropixel.connect.databricks.config.DatabricksSinkConfig.SCHEMA;
import static io.heropixel.connect.databricks.config.DatabricksSinkConfig.SERVER_HOSTNAME;
import static io.heropixel.connect.databricks.config.DatabricksSinkConfig.TOKEN;

import io.heropixel.connect.databricks.config.DataSourceType;
import io.heropixel.connect.databricks.config.DatabricksSinkConfig;
import io.heropixel.connect.databricks.config.RetryPolicy;
import io.heropixel.connect.databricks.conversion.Column;
import io.heropixel.connect.databricks.conversion.StreamRow;
import io.heropixel.connect.databricks.conversion.StreamSchema;
import io.heropixel.connect.databricks.routing.TableId;
import io.heropixel.connect.databricks.staging.StagedTable;
import io.heropixel.connect.databricks.staging.Stager;
import io.heropixel.connect.databricks.staging.StagingStore;
import io.heropixel.connect.databricks.warehouse.DatabricksDialect;
import io.heropixel.connect.databricks.warehouse.JdbcUrl;
import io.heropixel.connect.databricks.warehouse.StreamTables;
import io.heropixel.connect.databricks.warehouse.WarehouseClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.common.TopicPartition;

/**
 * What validate() asks the warehouse itself, so that a configuration that passes can run: the warehouse
 * signs in and answers a trivial statement, the catalog exists and (for MANAGED_TABLES) is a Unity Catalog
 * one, the staging storage takes a test write (creating the volume where it is missing) and, for S3 and
 * AZURE_BLOB, the warehouse creates a probe table at the stream tables' location and loads a one-row staging
 * table into it, as a real load does. Each failure lands on the setting at fault, all within a deadline.
 */
final class WarehouseProbe {

  private static final RetryPolicy NO_RETRIES =
      new RetryPolicy(1, Duration.ofMillis(100), Duration.ofMillis(100), Duration.ofSeconds(1));
  private static final Pattern REFUSED_TOKEN = Pattern.compile(
      "401|403|Unauthorized|UNAUTHENTICATED|Invalid access token|Token is expired|invalid_client|Forbidden",
      Pattern.CASE_INSENSITIVE);
  private static final Pattern NO_CATALOG = Pattern.compile("NO_SUCH_CATALOG|CATALOG_NOT_FOUND");
  private static final Pattern BAD_SCHEMA = Pattern.compile("SCHEMA_NOT_FOUND|INVALID_SCHEMA_OR_RELATION_NAME");
  private static final Pattern NO_WAREHOUSE =
      Pattern.compile("RESOURCE_DOES_NOT_EXIST|No warehouse", Pattern.CASE_INSENSITIVE);
  private static final Pattern STORAGE_REFUSED = Pattern.compile(
      "NO_PARENT_EXTERNAL_LOCATION_FOR_PATH|INSUFFICIENT_PERMISSIONS|UNAUTHORIZED_ACCESS|PERMISSION_DENIED"
          + "|AccessDenied|AuthorizationPermissionMismatch|AuthenticationFailed");

  private WarehouseProbe() {}

  /** The errors by setting, or nothing when the warehouse can run this configuration. */
  static Map<String, String> run(DatabricksSinkConfig config, Duration deadline) {
    ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "databricks-sink-validate");
      t.setDaemon(true);
      return t;
    });
    Future<Map<String, String>> probe = thread.submit(() -> probe(config));
    try {
      return probe.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      probe.cancel(true);
      return Map.of(SERVER_HOSTNAME, "The warehouse did not answer within " + deadline.toSeconds() + " s. Check "
          + "the hostname, port and HTTP path, and that the SQL warehouse is running: a stopped warehouse "
          + "starts on the first statement, which can take minutes; validate again once it runs.");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Map.of(SERVER_HOSTNAME, "Validation was interrupted");
    } catch (ExecutionException e) {
      return Map.of(SERVER_HOSTNAME, "The warehouse check failed: " + e.getCause());
    } finally {
      thread.shutdownNow();
    }
  }

  private static Map<String, String> probe(DatabricksSinkConfig config) {
    try (WarehouseClient warehouse = new WarehouseClient(JdbcUrl.of(config), NO_RETRIES)) {
      StreamTables tables = new StreamTables(warehouse, new DatabricksDialect(), false);
      String current;
      try {
        current = tables.currentCatalog();
      } catch (RuntimeException e) {
        String field = signInField(config, e);
        return Map.of(field, (field.equals(SERVER_HOSTNAME) ? "The warehouse is not reachable: "
            : "The warehouse refused the connection: ") + e.getMessage());
      }
      DatabricksSinkConfig resolved = config.catalog().isEmpty() ? config.withCatalog(current) : config;
      boolean managed = resolved.dataSource() == DataSourceType.MANAGED_TABLES;
      if (managed && HIVE_METASTORE.equalsIgnoreCase(resolved.catalog())) {
        return Map.of(CATALOG, "The workspace's default catalog is " + HIVE_METASTORE + ", and "
            + DatabricksSinkConfig.DATA_SOURCE + "=MANAGED_TABLES needs a Unity Catalog catalog for its volume: set "
            + CATALOG + " to one (for example main)");
      }
      DataSourceStaging staging = DataSourceStaging.of(resolved, tables::createVolume);
      Map<String, String> storage = staging.probe();
      if (!storage.isEmpty() || managed) {
        // Creating a missing volume runs SQL too, whose errors may blame the catalog or schema.
        return storage.entrySet().stream().collect(Collectors.toMap(
            e -> fieldOfSql(e.getValue()) == null ? e.getKey() : fieldOfSql(e.getValue()), Map.Entry::getValue,
            (a, b) -> a + "; " + b));
      }
      return loadProbe(resolved, staging, tables);
    }
  }

  /**
   * Stages one row and loads it into a probe table at the stream tables' location, then drops both: the
   * statements of a real load, which fail where the warehouse cannot reach the storage.
   */
  private static Map<String, String> loadProbe(DatabricksSinkConfig config, DataSourceStaging staging,
      StreamTables tables) {
    TableId probe = new TableId(config.catalog(), config.schema(),
        "_heropixel_probe_" + UUID.randomUUID().toString().replace("-", ""));
    List<Column> columns = StreamSchema.RAW;
    Path localDir = null;
    try (StagingStore store = staging.store().get()) {
      localDir = Files.createTempDirectory("databricks-sink-validate");
      Stager stager = new Stager(store, staging.format(), staging.layout(), config.s3().filenamePattern(), localDir,
          UUID.randomUUID().toString(), 1, Clock.systemUTC());
      TopicPartition partition = new TopicPartition("_heropixel_probe", 0);
      StreamRow row = new StreamRow(UUID.randomUUID().toString(), 0, "{}", partition.topic(), 0, 0, null);
      StagedTable staged = stager.stage(probe, columns, List.of(row).iterator(), () -> { });
      String location = stager.tableLocation(probe);
      try {
        tables.create(probe, location);
        tables.load(probe, columns, staged, Map.of(partition, 0L));
        return Map.of();
      } catch (RuntimeException e) {
        return Map.of(storageField(config, e), refusal(config, location, e));
      } finally {
        dropQuietly(tables, probe);
        stager.purge(staged);
        store.deletePrefix(staging.layout().tableData(probe));
      }
    } catch (IOException | RuntimeException e) {
      return Map.of(staging.fields().unreachable(), "The probe load could not be staged: " + e.getMessage());
    } finally {
      deleteQuietly(localDir);
    }
  }

  private static String refusal(DatabricksSinkConfig config, String location, RuntimeException e) {
    String message = e.getMessage() == null ? e.toString() : e.getMessage();
    if (!STORAGE_REFUSED.matcher(message).find()) {
      return "The warehouse could not load a probe row into " + config.catalog() + "." + config.schema() + ": "
          + message;
    }
    String fix = HIVE_METASTORE.equalsIgnoreCase(config.catalog())
        ? "In " + HIVE_METASTORE + " the SQL warehouse reads storage with its own credentials: give it an instance "
            + "profile (S3) or storage access settings (Azure) that reach this location."
        : config.catalog() + " is a Unity Catalog catalog, where the warehouse reaches storage only through an "
            + "external location: create one that covers this location (CREATE EXTERNAL LOCATION <name> URL '"
            + location + "' WITH (STORAGE CREDENTIAL <credential>)) and grant the connector's principal CREATE "
            + "EXTERNAL TABLE, READ FILES and WRITE FILES on it.";
    return "The warehouse cannot use " + location + ". " + fix + " See docs/databricks-setup.md. The warehouse said: "
        + message;
  }

  private static String storageField(DatabricksSinkConfig config, RuntimeException e) {
    String field = fieldOfSql(String.valueOf(e.getMessage()));
    if (field != null) {
      return field;
    }
    return config.dataSource() == DataSourceType.AZURE_BLOB ? DatabricksSinkConfig.AZURE_CONTAINER
        : DatabricksSinkConfig.S3_BUCKET;
  }

  /** The setting a SQL error blames, or null when it blames the storage. */
  private static String fieldOfSql(String message) {
    if (NO_CATALOG.matcher(message).find()) {
      return CATALOG;
    }
    if (BAD_SCHEMA.matcher(message).find()) {
      return SCHEMA;
    }
    return null;
  }

  private static String signInField(DatabricksSinkConfig config, RuntimeException e) {
    String message = String.valueOf(e.getMessage());
    if (NO_CATALOG.matcher(message).find()) {
      return CATALOG;
    }
    if (NO_WAREHOUSE.matcher(message).find()) {
      return HTTP_PATH;
    }
    if (REFUSED_TOKEN.matcher(message).find()) {
      return config.oauthClientId() != null ? OAUTH_CLIENT_SECRET : TOKEN;
    }
    return SERVER_HOSTNAME;
  }

  private static void dropQuietly(StreamTables tables, TableId probe) {
    try {
      tables.drop(probe);
    } catch (RuntimeException e) {
      // The probe table may not exist; a leftover one is harmless and named as a probe.
    }
  }

  private static void deleteQuietly(Path dir) {
    if (dir == null) {
      return;
    }
    try (var paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // A temporary directory; the OS cleans it eventually.
    }
  }
}
