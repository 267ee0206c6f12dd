package io.heropixel.connect.databricks.config;

import io.heropixel.connect.databricks.routing.TableRouter;
import io.heropixel.connect.databricks.staging.FilenamePattern;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/** The connector's configuration: every key with its group, validator and documentation. */
public final class DatabricksSinkConfig extends AbstractConfig {

  public static final String DATABRICKS_GROUP = "Databricks";
  public static final String GENERAL_GROUP = "General";
  public static final String S3_GROUP = "Data Source - S3";
  public static final String AZURE_GROUP = "Data Source - Azure";
  public static final String MANAGED_GROUP = "Data Source - Managed tables";
  public static final String BUFFER_GROUP = "Buffering";
  public static final String RETRY_GROUP = "Retries";

  public static final String SERVER_HOSTNAME = "databricks.server.hostname";
  public static final String HTTP_PATH = "databricks.http.path";
  public static final String PORT = "databricks.port";
  public static final String TOKEN = "databricks.personal.access.token";
  public static final String OAUTH_CLIENT_ID = "databricks.oauth.client.id";
  public static final String OAUTH_CLIENT_SECRET = "databricks.oauth.client.secret";
  public static final String TERMS_ACCEPTED = "databricks.jdbc.terms.accepted";
  public static final String JDBC_PROPERTIES = "databricks.jdbc.properties";

  public static final String CATALOG = "databricks.catalog";
  /** The legacy (pre-Unity Catalog) metastore's catalog name. */
  public static final String HIVE_METASTORE = "hive_metastore";
  public static final String SCHEMA = "databricks.schema";
  public static final String SCHEMA_EVOLUTION = "schema.evolution.enabled";
  public static final String STAGING_PURGE = "staging.purge";
  public static final String SYNC_MODE = "sync.mode";
  public static final String DATA_SOURCE = "data.source.type";
  public static final String TOPIC_TO_TABLE = "topic2table.map";
  public static final String ROW_SHAPE = "row.shape";

  public static final String S3_BUCKET = "s3.bucket.name";
  public static final String S3_PATH = "s3.bucket.path";
  public static final String S3_REGION = "s3.bucket.region";
  public static final String S3_ACCESS_KEY = "s3.access.key.id";
  public static final String S3_SECRET_KEY = "s3.secret.access.key";
  public static final String S3_FILENAME_PATTERN = "s3.filename.pattern";
  public static final String S3_ENDPOINT = "s3.endpoint";

  public static final String AZURE_ACCOUNT = "azure.account.name";
  public static final String AZURE_CONTAINER = "azure.container.name";
  public static final String AZURE_SAS_TOKEN = "azure.sas.token";
  public static final String AZURE_DOMAIN = "azure.endpoint.domain.name";
  public static final String AZURE_ENDPOINT = "azure.endpoint";

  public static final String VOLUME = "databricks.volume";

  public static final String FLUSH_INTERVAL_MS = "buffer.flush.interval.ms";
  public static final String MAX_RECORDS = "buffer.max.records";
  public static final String MAX_BYTES = "buffer.max.bytes";
  public static final String TOTAL_MAX_BYTES = "buffer.total.max.bytes";
  public static final String HEAP_MAX_BYTES = "buffer.heap.max.bytes";
  public static final String SPILL_DIR = "buffer.spill.dir";
  public static final String LOAD_CONCURRENCY = "buffer.load.concurrency";
  /** Set by the connector in each task's configuration, not by users: which task of the connector it is. */
  public static final String TASK_INDEX = "task.index";

  public static final String RETRY_TIMEOUT_MS = "retry.timeout.ms";
  public static final String RETRY_BACKOFF_MS = "retry.backoff.ms";
  public static final String RETRY_BACKOFF_MAX_MS = "retry.backoff.max.ms";
  public static final String LOAD_OBSERVER_CLASS = "load.observer.class";

  public static final String DEFAULT_FILENAME_PATTERN = "{timestamp:micros}_{part_number}{format_extension}";

  public static final ConfigDef CONFIG_DEF = define();

  public DatabricksSinkConfig(Map<String, String> props) {
    super(CONFIG_DEF, props);
    Map<String, List<String>> errors = ConfigValidator.crossFieldErrors(this);
    if (!errors.isEmpty()) {
      Map.Entry<String, List<String>> first = errors.entrySet().iterator().next();
      throw new ConfigException(first.getKey(), get(first.getKey()), String.join("; ", first.getValue()));
    }
  }

  private static ConfigDef define() {
    ConfigDef def = new ConfigDef();
    int order = 0;
    def.define(SERVER_HOSTNAME, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyStringWithoutControlChars(),
        Importance.HIGH, "Server hostname of the Databricks SQL warehouse or cluster, "
            + "for example abc-12345678-wxyz.cloud.databricks.com.",
        DATABRICKS_GROUP, ++order, Width.LONG, "Server Hostname");
    def.define(HTTP_PATH, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyStringWithoutControlChars(),
        Importance.HIGH, "HTTP path of the SQL warehouse or cluster, for example /sql/1.0/warehouses/1234abcd.",
        DATABRICKS_GROUP, ++order, Width.LONG, "HTTP Path");
    def.define(PORT, Type.INT, 443, ConfigDef.Range.between(1, 65535), Importance.MEDIUM,
        "Port of the SQL warehouse or cluster.", DATABRICKS_GROUP, ++order, Width.SHORT, "Port");
    def.define(TOKEN, Type.PASSWORD, null, Importance.HIGH,
        "Personal access token, for example dapi0123456789abcdefghij0123456789AB. Give either this or an OAuth "
            + "service principal (" + OAUTH_CLIENT_ID + " and " + OAUTH_CLIENT_SECRET + "), which Databricks "
            + "recommends for production.",
        DATABRICKS_GROUP, ++order, Width.LONG, "Personal Access Token");
    def.define(OAUTH_CLIENT_ID, Type.STRING, "", Importance.HIGH,
        "OAuth machine-to-machine authentication: the client id (application id) of the service principal the "
            + "connector signs in as. Give it with " + OAUTH_CLIENT_SECRET + ", instead of a personal access "
            + "token.",
        DATABRICKS_GROUP, ++order, Width.LONG, "OAuth client id");
    def.define(OAUTH_CLIENT_SECRET, Type.PASSWORD, null, Importance.HIGH,
        "OAuth machine-to-machine authentication: an OAuth secret of the service principal named by "
            + OAUTH_CLIENT_ID + ".",
        DATABRICKS_GROUP, ++order, Width.LONG, "OAuth client secret");
    def.define(TERMS_ACCEPTED, Type.BOOLEAN, false, Importance.HIGH,
        "Set to true to agree to the Databricks JDBC Driver Terms & Conditions "
            + "(https://www.databricks.com/legal/jdbc-odbc-driver-license). Required.",
        DATABRICKS_GROUP, ++order, Width.SHORT, "Agree to the Databricks JDBC Driver Terms & Conditions");
    def.define(JDBC_PROPERTIES, Type.STRING, "", JdbcProperties.VALIDATOR, Importance.LOW,
        "Extra Databricks JDBC driver properties as key=value pairs separated by ';'. "
            + "They override the connector's own, for example ssl=0;UseThriftClient=0 for a local warehouse.",
        DATABRICKS_GROUP, ++order, Width.LONG, "JDBC driver properties");

    order = 0;
    def.define(CATALOG, Type.STRING, "", (name, value) -> {
      if (value != null && !value.toString().isBlank()) {
        new ConfigDef.NonEmptyStringWithoutControlChars().ensureValid(name, value);
      }
    }, Importance.MEDIUM, "The catalog tables are written to. With " + DATA_SOURCE + "=MANAGED_TABLES (the "
            + "default) it must be a Unity Catalog catalog, for example main: " + HIVE_METASTORE + " has no volumes. "
            + "Unset, it is " + HIVE_METASTORE + " for S3 and AZURE_BLOB, and the workspace's default catalog (the "
            + "SQL warehouse's current catalog) for MANAGED_TABLES.",
        GENERAL_GROUP, ++order, Width.MEDIUM,
        "Databricks catalog");
    def.define(SCHEMA, Type.STRING, "default", new ConfigDef.NonEmptyStringWithoutControlChars(), Importance.MEDIUM,
        "The default schema (namespace) tables are written to.", GENERAL_GROUP, ++order, Width.MEDIUM,
        "Database schema");
    def.define(TOPIC_TO_TABLE, Type.LIST, "", (name, value) -> {
      try {
        TableRouter.parseMap(listOf(value));
      } catch (IllegalArgumentException e) {
        throw new ConfigException(name, value, e.getMessage());
      }
    }, Importance.MEDIUM, "Comma-separated topic:table or topic:schema.table entries. Unlisted topics go to "
        + "the default schema, in a table named after the topic (lower case, other characters than a-z, 0-9 "
        + "and _ replaced by _).", GENERAL_GROUP, ++order, Width.LONG, "Topic to table map");
    def.define(ROW_SHAPE, Type.STRING, RowShape.RAW.configValue(), enumValidator(RowShape::parse), Importance.MEDIUM,
        "raw: the doc's _airbyte_ab_id, _airbyte_emitted_at and _airbyte_data columns. typed: those, plus one "
            + "column per top-level field of the value's schema (see docs/types.md); needs a converter that carries "
            + "schemas. One of " + RowShape.names() + ".", GENERAL_GROUP, ++order, Width.SHORT, "Row shape");
    def.define(SCHEMA_EVOLUTION, Type.BOOLEAN, false, Importance.LOW,
        "Evolve the destination tables' schema automatically (typed rows): a new field adds a nullable column, "
            + "a wider type (INT to BIGINT, FLOAT to DOUBLE) widens the column. Without it, a record that does "
            + "not fit its table is an error for that record.", GENERAL_GROUP, ++order, Width.SHORT,
        "Schema evolution");
    def.define(STAGING_PURGE, Type.BOOLEAN, true, Importance.LOW,
        "Delete staging files once they are loaded. Set to false for debugging.", GENERAL_GROUP, ++order,
        Width.SHORT, "Purge Staging Data");
    def.define(SYNC_MODE, Type.STRING, SyncMode.APPEND.configValue(), enumValidator(SyncMode::parse),
        Importance.MEDIUM, "append: rows are appended. full_refresh: each stream's table and its data are "
            + "replaced once per deployment of the connector (a connector name), then rows are appended. "
            + "Warning: full_refresh deletes previously synced data. One of " + SyncMode.names() + ".",
        GENERAL_GROUP, ++order, Width.SHORT, "Sync mode");
    def.define(DATA_SOURCE, Type.STRING, DataSourceType.MANAGED_TABLES.name(), enumValidator(DataSourceType::parse),
        Importance.HIGH, "Where staging files go: MANAGED_TABLES (a Unity Catalog volume; tables are managed), S3 or "
            + "AZURE_BLOB (external storage that also holds the tables' data). One of " + DataSourceType.names()
            + ".", GENERAL_GROUP,
        ++order, Width.SHORT, "Data source type");

    order = 0;
    def.define(S3_BUCKET, Type.STRING, "", Importance.HIGH, "Name of the bucket to sync data into.",
        S3_GROUP, ++order, Width.MEDIUM, "S3 Bucket Name");
    def.define(S3_PATH, Type.STRING, "", Importance.MEDIUM,
        "Subdirectory under the bucket: staging tables go to <path>/<uuid>/<stream>, tables' data to "
            + "<path>/<schema>/<stream>.", S3_GROUP, ++order, Width.MEDIUM, "S3 Bucket Path");
    def.define(S3_REGION, Type.STRING, "us-east-1", Importance.MEDIUM, "Region of the bucket.", S3_GROUP,
        ++order, Width.SHORT, "S3 Bucket Region");
    def.define(S3_ACCESS_KEY, Type.STRING, "", Importance.HIGH, "AWS or S3-compatible access key id.",
        S3_GROUP, ++order, Width.MEDIUM, "S3 Access Key ID");
    def.define(S3_SECRET_KEY, Type.PASSWORD, null, Importance.HIGH, "AWS or S3-compatible secret access key.",
        S3_GROUP, ++order, Width.MEDIUM, "S3 Secret Access Key");
    def.define(S3_FILENAME_PATTERN, Type.STRING, DEFAULT_FILENAME_PATTERN, (name, value) -> {
      try {
        FilenamePattern.parse((String) value);
      } catch (IllegalArgumentException e) {
        throw new ConfigException(name, value, e.getMessage());
      }
    }, Importance.LOW, "File-name pattern of the staging Parquet files. Placeholders: " + FilenamePattern.SUPPORTED
        + ". No spaces.", S3_GROUP, ++order, Width.MEDIUM, "S3 Filename pattern");
    def.define(S3_ENDPOINT, Type.STRING, "", Importance.LOW,
        "Endpoint of an S3-compatible server such as MinIO, for example http://minio:9000. Empty for AWS.",
        S3_GROUP, ++order, Width.MEDIUM, "S3 Endpoint");

    order = 0;
    def.define(AZURE_ACCOUNT, Type.STRING, "", Importance.HIGH, "Name of the storage account to sync data into.",
        AZURE_GROUP, ++order, Width.MEDIUM, "Account Name");
    def.define(AZURE_CONTAINER, Type.STRING, "", Importance.HIGH, "Container under the account: staging files go "
        + "to <uuid>/<stream>, tables' data to <schema>/<stream>.", AZURE_GROUP, ++order, Width.MEDIUM,
        "Container Name");
    def.define(AZURE_SAS_TOKEN, Type.PASSWORD, null, Importance.HIGH, "Shared-access signature token for the "
        + "container, with read, write, delete and list permissions.", AZURE_GROUP, ++order, Width.LONG,
        "SAS token");
    def.define(AZURE_DOMAIN, Type.STRING, "blob.core.windows.net", new ConfigDef.NonEmptyStringWithoutControlChars(),
        Importance.LOW, "Endpoint domain name of the Blob service, usually blob.core.windows.net.", AZURE_GROUP,
        ++order, Width.MEDIUM, "Endpoint domain name");
    def.define(AZURE_ENDPOINT, Type.STRING, "", Importance.LOW, "Blob service endpoint that replaces "
        + "https://<account>.<domain>, for an emulator such as Azurite (http://127.0.0.1:10000/devstoreaccount1) "
        + "or a private endpoint. Empty for Azure.", AZURE_GROUP, ++order, Width.MEDIUM, "Blob endpoint");

    order = 0;
    def.define(VOLUME, Type.STRING, "kafka_staging", new ConfigDef.NonEmptyStringWithoutControlChars(),
        Importance.LOW, "The Unity Catalog volume in <catalog>.<schema> that staging files go to "
            + "(/Volumes/<catalog>/<schema>/<volume>); created if missing.", MANAGED_GROUP, ++order, Width.MEDIUM,
        "Staging volume");

    order = 0;
    def.define(FLUSH_INTERVAL_MS, Type.LONG, 30_000L, ConfigDef.Range.atLeast(100), Importance.MEDIUM,
        "Buffered records of a table are loaded at the latest this long after the first of them arrived.",
        BUFFER_GROUP, ++order, Width.SHORT, "Flush interval (ms)");
    def.define(MAX_RECORDS, Type.INT, 100_000, ConfigDef.Range.atLeast(1), Importance.MEDIUM,
        "A table's buffer is loaded when it holds this many records.", BUFFER_GROUP, ++order, Width.SHORT,
        "Max buffered records");
    def.define(MAX_BYTES, Type.LONG, 64L * 1024 * 1024, ConfigDef.Range.atLeast(1024), Importance.MEDIUM,
        "A table's buffer is loaded when its records take this many bytes in their compact buffered form. "
            + "At most 1 GiB with MANAGED_TABLES, whose staged files go through the Files API (5 GiB a file).",
        BUFFER_GROUP, ++order, Width.SHORT, "Max buffered bytes");
    def.define(TOTAL_MAX_BYTES, Type.LONG, 1024L * 1024 * 1024, ConfigDef.Range.atLeast(1024), Importance.MEDIUM,
        "All of a task's buffers together take at most about this many bytes of disk in the spill directory: "
            + "past it, the largest buffers are loaded first.", BUFFER_GROUP, ++order, Width.SHORT,
        "Max buffered bytes per task");
    def.define(HEAP_MAX_BYTES, Type.LONG, 4L * 1024 * 1024, ConfigDef.Range.atLeast(0), Importance.LOW,
        "Buffered records pass through at most this many bytes of heap per task before they are appended to "
            + "their files in the spill directory. With a few objects per partition, this is all the heap "
            + "buffering takes, whatever the number of tables and however much they buffer.", BUFFER_GROUP,
        ++order, Width.SHORT, "Max buffered heap bytes per task");
    def.define(SPILL_DIR, Type.STRING, "", Importance.LOW,
        "The local directory where buffered records wait for their load, in a compact binary form; empty for "
            + "<java.io.tmpdir>/heropixel-databricks-sink. Each task uses <dir>/<connector>/task-<n>, emptied "
            + "when it starts (the tables, not these files, say where a task resumes) and deleted when it stops; "
            + "the connector name is encoded (letters, digits, '-' and '_' kept, other bytes as %xx). The "
            + "directories are made owner-only (0700, files 0600); a root that is a symbolic link or another "
            + "user's is refused. Give it room for buffer.total.max.bytes per task.", BUFFER_GROUP, ++order,
        Width.LONG,
        "Spill directory");
    def.define(LOAD_CONCURRENCY, Type.INT, 2, ConfigDef.Range.between(1, 64), Importance.LOW,
        "How many tables' buffers a task loads at once. Loads run beside the task, which keeps consuming and "
            + "buffering meanwhile (a table has one load at a time); each load holds one staging file writer and "
            + "one warehouse connection. While loads are under way their buffers count against "
            + "buffer.total.max.bytes; past it, the task pauses consumption until loads finish.", BUFFER_GROUP,
        ++order, Width.SHORT, "Concurrent loads per task");

    order = 0;
    def.define(RETRY_TIMEOUT_MS, Type.LONG, 15 * 60_000L, ConfigDef.Range.atLeast(0), Importance.MEDIUM,
        "How long a load that fails for a passing reason (warehouse starting or unreachable, expired session, "
            + "storage throttled or unreachable) is retried before the task fails. Meanwhile the task keeps its "
            + "buffer and pauses consumption.", RETRY_GROUP, ++order, Width.SHORT, "Retry timeout (ms)");
    def.define(RETRY_BACKOFF_MS, Type.LONG, 1_000L, ConfigDef.Range.atLeast(1), Importance.LOW,
        "The first wait between retries; each next wait doubles, with jitter.", RETRY_GROUP, ++order, Width.SHORT,
        "Retry backoff (ms)");
    def.define(RETRY_BACKOFF_MAX_MS, Type.LONG, 30_000L, ConfigDef.Range.atLeast(1), Importance.LOW,
        "The longest wait between retries.", RETRY_GROUP, ++order, Width.SHORT, "Max retry backoff (ms)");
    def.define(LOAD_OBSERVER_CLASS, Type.CLASS, null, Importance.LOW,
        "For tests only: a LoadObserver told of each step of a load (used to crash tasks on purpose). Leave empty.",
        RETRY_GROUP, ++order, Width.LONG, "Load observer class");
    return def;
  }

  private static ConfigDef.Validator enumValidator(java.util.function.Function<String, ?> parser) {
    return (name, value) -> {
      try {
        parser.apply((String) value);
      } catch (IllegalArgumentException e) {
        throw new ConfigException(name, value, e.getMessage());
      }
    };
  }

  /** A parsed LIST value, empty when unset. */
  @SuppressWarnings("unchecked")
  static List<String> listOf(Object value) {
    return value == null ? List.of() : (List<String>) value;
  }

  public String serverHostname() {
    return getString(SERVER_HOSTNAME);
  }

  public String httpPath() {
    return getString(HTTP_PATH);
  }

  public int port() {
    return getInt(PORT);
  }

  public Password token() {
    return getPassword(TOKEN);
  }

  /** The workspace's root for its REST APIs, e.g. {@code https://host:443} ({@code http} with {@code ssl=0}). */
  public String workspaceUrl() {
    String scheme = "0".equals(jdbcProperties().get("ssl")) ? "http" : "https";
    return scheme + "://" + serverHostname().strip() + ":" + port();
  }

  /** The service principal's client id, or null when the connector signs in with a personal access token. */
  public String oauthClientId() {
    String id = getString(OAUTH_CLIENT_ID).strip();
    return id.isEmpty() ? null : id;
  }

  public Password oauthClientSecret() {
    return getPassword(OAUTH_CLIENT_SECRET);
  }

  public boolean termsAccepted() {
    return getBoolean(TERMS_ACCEPTED);
  }

  public Map<String, String> jdbcProperties() {
    return JdbcProperties.parse(getString(JDBC_PROPERTIES));
  }

  /**
   * The catalog tables go to; empty means the warehouse's current catalog, which the task asks for at start
   * ({@link #withCatalog}). An unset catalog is {@value #HIVE_METASTORE} for S3 and AZURE_BLOB, as the product
   * documents, and empty for MANAGED_TABLES, whose volumes exist only in Unity Catalog.
   */
  public String catalog() {
    String catalog = getString(CATALOG).strip();
    if (!catalog.isEmpty() || dataSource() == DataSourceType.MANAGED_TABLES) {
      return catalog;
    }
    return HIVE_METASTORE;
  }

  /** This configuration with the catalog set, for the warehouse's current catalog found at start. */
  public DatabricksSinkConfig withCatalog(String catalog) {
    Map<String, String> props = new HashMap<>(originalsStrings());
    props.put(CATALOG, catalog);
    return new DatabricksSinkConfig(props);
  }

  public String schema() {
    return getString(SCHEMA);
  }

  public Map<String, String> topicToTable() {
    return new LinkedHashMap<>(TableRouter.parseMap(getList(TOPIC_TO_TABLE)));
  }

  public boolean schemaEvolution() {
    return getBoolean(SCHEMA_EVOLUTION);
  }

  public RowShape rowShape() {
    return RowShape.parse(getString(ROW_SHAPE));
  }

  public boolean stagingPurge() {
    return getBoolean(STAGING_PURGE);
  }

  public SyncMode syncMode() {
    return SyncMode.parse(getString(SYNC_MODE));
  }

  public DataSourceType dataSource() {
    return DataSourceType.parse(getString(DATA_SOURCE));
  }

  public S3Settings s3() {
    Password secret = getPassword(S3_SECRET_KEY);
    return new S3Settings(getString(S3_BUCKET), getString(S3_PATH), getString(S3_REGION), getString(S3_ACCESS_KEY),
        secret, FilenamePattern.parse(getString(S3_FILENAME_PATTERN)), getString(S3_ENDPOINT));
  }

  public AzureSettings azure() {
    return new AzureSettings(getString(AZURE_ACCOUNT), getString(AZURE_CONTAINER), getPassword(AZURE_SAS_TOKEN),
        getString(AZURE_DOMAIN), getString(AZURE_ENDPOINT));
  }

  public String volume() {
    return getString(VOLUME);
  }

  public long flushIntervalMs() {
    return getLong(FLUSH_INTERVAL_MS);
  }

  public int maxRecords() {
    return getInt(MAX_RECORDS);
  }

  public long maxBytes() {
    return getLong(MAX_BYTES);
  }

  public long totalMaxBytes() {
    return getLong(TOTAL_MAX_BYTES);
  }

  public long heapMaxBytes() {
    return getLong(HEAP_MAX_BYTES);
  }

  public int loadConcurrency() {
    return getInt(LOAD_CONCURRENCY);
  }

  public Path spillDir() {
    String dir = getString(SPILL_DIR).strip();
    return dir.isEmpty() ? Path.of(System.getProperty("java.io.tmpdir"), "heropixel-databricks-sink")
        : Path.of(dir);
  }

  public int taskIndex() {
    return Integer.parseInt(originalsStrings().getOrDefault(TASK_INDEX, "0"));
  }

  /** How long and how often loads that failed for a passing reason are retried. */
  public RetryPolicy retryPolicy() {
    return new RetryPolicy(Integer.MAX_VALUE, java.time.Duration.ofMillis(getLong(RETRY_BACKOFF_MS)),
        java.time.Duration.ofMillis(getLong(RETRY_BACKOFF_MAX_MS)), java.time.Duration.ofMillis(getLong(RETRY_TIMEOUT_MS)));
  }

  /** The configured load observer class, or null. */
  public Class<?> loadObserverClass() {
    return getClass(LOAD_OBSERVER_CLASS);
  }

  /** The connector's name, which Connect passes along with the configuration. */
  public String connectorName() {
    return originalsStrings().getOrDefault("name", "databricks-sink");
  }

  /** The S3 data source settings. */
  public record S3Settings(String bucket, String path, String region, String accessKeyId, Password secretAccessKey,
      FilenamePattern filenamePattern, String endpoint) {}

  /** The Azure Blob Storage data source settings. */
  public record AzureSettings(String account, String container, Password sasToken, String domain, String endpoint) {

    /** The Blob service endpoint: the override if set, else https://<account>.<domain>. */
    public String blobEndpoint() {
      return endpoint.isBlank() ? "https://" + account + "." + domain : endpoint.strip();
    }
  }
}
