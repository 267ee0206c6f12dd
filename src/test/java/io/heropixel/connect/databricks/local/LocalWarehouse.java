package io.heropixel.connect.databricks.local;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.spark.sql.SparkSession;

/**
 * A stand-in for a Databricks SQL warehouse: the Statement Execution API on 127.0.0.1 over an
 * in-process Spark with Delta Lake and a Hive metastore on disk, reached with the real Databricks
 * JDBC driver ({@link #jdbcUrl()}, user {@code token}, password {@link #token()}).
 *
 * <p>Spark allows one SparkContext per JVM, hence at most one running instance per JVM; tests
 * share one through {@link SharedLocalInfra}.
 */
public final class LocalWarehouse implements AutoCloseable {

  /** The id in the HTTP path; Databricks uses a 16-hex-digit id. */
  public static final String WAREHOUSE_ID = "10ca1da7a0000001";
  /** The service principal that OAuth machine-to-machine authentication signs in as. */
  public static final String OAUTH_CLIENT_ID = "5e7a1c00-10ca-4000-8000-000000000001";
  public static final String OAUTH_CLIENT_SECRET = "dose-local-service-principal-secret";

  private static final AtomicBoolean RUNNING = new AtomicBoolean();

  /**
   * @param dataDir metastore, warehouse directory and Spark scratch space; reused across restarts
   * @param port HTTP port on 127.0.0.1, 0 for a free one
   * @param token the personal access token clients must present
   * @param unityCatalogName a Unity Catalog catalog that exists from the start (e.g. {@code main}) and that
   *     sessions start in, as a workspace's default catalog; {@code hive_metastore} is served beside it
   * @param s3Endpoint local S3 endpoint that {@code s3://} and {@code s3a://} resolve to, or null
   */
  public record Settings(
      Path dataDir,
      int port,
      String token,
      String unityCatalogName,
      String s3Endpoint,
      String s3AccessKey,
      String s3SecretKey) {}

  private final Settings settings;
  private final UnityCatalogs catalogs;
  private final SparkSession spark;
  private final StatementExecutor executor;
  private final StatementApiServer server;
  private final OAuthServer oauth;
  private final Duration startupTime;

  private LocalWarehouse(
      Settings settings,
      UnityCatalogs catalogs,
      SparkSession spark,
      StatementExecutor executor,
      StatementApiServer server,
      OAuthServer oauth,
      Duration startupTime) {
    this.settings = settings;
    this.catalogs = catalogs;
    this.spark = spark;
    this.executor = executor;
    this.server = server;
    this.oauth = oauth;
    this.startupTime = startupTime;
  }

  public static LocalWarehouse start(Settings settings) {
    if (!RUNNING.compareAndSet(false, true)) {
      throw new IllegalStateException("A LocalWarehouse already runs in this JVM");
    }
    long started = System.nanoTime();
    SparkSession spark = null;
    StatementExecutor executor = null;
    try {
      spark = SparkFactory.create(settings);
      // Touch the metastore now, so the first client statement does not pay for its start.
      spark.sql("SHOW DATABASES").collectAsList();
      LocalVolumes volumes = new LocalVolumes(settings.dataDir().resolve("volumes"));
      UnityCatalogs catalogs =
          UnityCatalogs.open(settings.dataDir().resolve("unity-catalog.json"), settings.unityCatalogName());
      catalogs.serve();
      executor = new StatementExecutor(spark, catalogs, volumes, settings.unityCatalogName());
      // Unity Catalog gives every catalog a schema named default.
      spark.sql("CREATE SCHEMA IF NOT EXISTS `" + settings.unityCatalogName().toLowerCase(java.util.Locale.ROOT)
          + "`.`default`").collectAsList();
      OAuthServer oauth = new OAuthServer(OAUTH_CLIENT_ID, OAUTH_CLIENT_SECRET, Clock.systemUTC());
      StatementApiServer server = new StatementApiServer(
          settings.port(), settings.token(), oauth, WAREHOUSE_ID, executor, new FilesApi(volumes, catalogs));
      return new LocalWarehouse(
          settings, catalogs, spark, executor, server, oauth, Duration.ofNanos(System.nanoTime() - started));
    } catch (IOException | RuntimeException e) {
      if (executor != null) {
        executor.close();
      }
      if (spark != null) {
        spark.stop();
      }
      RUNNING.set(false);
      throw new IllegalStateException("Local warehouse did not start", e);
    }
  }

  /** JDBC URL for the Databricks driver (SQL Execution API over plain HTTP), without the token. */
  public String jdbcUrl() {
    return "jdbc:databricks://"
        + host()
        + ":"
        + port()
        + "/default;transportMode=http;ssl=0;AuthMech=3;httpPath="
        + httpPath()
        + ";UseThriftClient=0;EnableQueryResultDownload=0;EnableTelemetry=0";
  }

  public String host() {
    return "127.0.0.1";
  }

  public int port() {
    return server.port();
  }

  public String httpPath() {
    return "/sql/1.0/warehouses/" + WAREHOUSE_ID;
  }

  public String token() {
    return settings.token();
  }

  public String oauthClientId() {
    return OAUTH_CLIENT_ID;
  }

  public String oauthClientSecret() {
    return OAUTH_CLIENT_SECRET;
  }

  /**
   * The lifetime of OAuth access tokens issued from now on (default one hour, as Databricks issues them);
   * a request with an expired token gets HTTP 401. Tests share the warehouse: restore it in a finally block.
   */
  public void oauthTokenLifetime(Duration lifetime) {
    oauth.lifetime(lifetime);
  }

  /** The name of the one storage credential, which external locations are created with. */
  public String storageCredential() {
    return UnityCatalogs.STORAGE_CREDENTIAL;
  }

  /** Registers an external location unless one of that name exists, as CREATE EXTERNAL LOCATION IF NOT EXISTS. */
  public void createExternalLocation(String name, String url) {
    catalogs.createExternalLocation(new UnityCatalogs.ExternalLocation(name, url, UnityCatalogs.STORAGE_CREDENTIAL,
        null), true);
  }

  public Settings settings() {
    return settings;
  }

  /** The engine itself, for test assertions only; clients go through JDBC. */
  public SparkSession sparkSession() {
    return spark;
  }

  /** Time from {@link #start} until the API accepted connections. */
  public Duration startupTime() {
    return startupTime;
  }

  /**
   * Serves {@code abfss://} locations from Azurite's Blob endpoint (see {@link AbfssOnAzuriteFileSystem});
   * takes effect for statements submitted from now on.
   */
  public void attachAzurite(String blobEndpoint) {
    spark.sparkContext().hadoopConfiguration().set(AbfssOnAzuriteFileSystem.ENDPOINT_KEY, blobEndpoint);
  }

  /**
   * Serves the API over HTTPS on 127.0.0.1:443 as well (a self-signed certificate; clients set
   * {@code AllowSelfSignedCerts=1}): the JDBC driver's OAuth machine-to-machine mode connects there whatever
   * port and {@code ssl} it is given. Idempotent; fails when the port is taken or not ours to bind.
   */
  public void serveTls() {
    try {
      server.serveTls(443, LocalTls.context(settings.dataDir()));
    } catch (IOException e) {
      throw new IllegalStateException("Cannot serve HTTPS on 127.0.0.1:443: " + e, e);
    }
  }

  /** Requests served over HTTPS so far: what a test reads to know the driver's OAuth mode reached it there. */
  public long httpsRequests() {
    return server.httpsRequests();
  }

  /** OAuth access tokens issued so far. */
  public long oauthTokensIssued() {
    return oauth.issued();
  }

  /** Rows per result chunk for statements submitted from now on (default 20000). */
  public void chunkRowLimit(int rows) {
    server.chunkRowLimit(rows);
  }

  /**
   * Upper bound on how long an execute request waits before answering PENDING/RUNNING (default
   * 50 s, the API's maximum); lower it to make clients poll.
   */
  public void maxWait(Duration wait) {
    server.maxWait(wait);
  }

  /**
   * While true, every API call answers HTTP 503 TEMPORARILY_UNAVAILABLE, as Databricks does while a
   * stopped warehouse starts again. Tests share the warehouse: restore it in a finally block.
   */
  public void unavailable(boolean unavailable) {
    server.unavailable(unavailable);
  }

  /**
   * Ends every open session, as Databricks does after a session idles out or the warehouse restarts:
   * a statement on such a session fails with "Invalid SessionHandle", and clients must open a new one.
   */
  public void expireSessions() {
    executor.expireSessions();
  }

  @Override
  public void close() {
    try {
      server.close();
      executor.close();
      spark.stop();
    } finally {
      RUNNING.set(false);
    }
  }
}
