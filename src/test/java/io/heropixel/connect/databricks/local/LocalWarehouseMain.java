package io.heropixel.connect.databricks.local;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * Runs a {@link LocalWarehouse} as a process, for demos and for tests that need their own JVM.
 *
 * <pre>
 * --data-dir DIR        metastore and warehouse directory (required; reused across restarts)
 * --port N              HTTP port on 127.0.0.1 (default 0 = free port)
 * --token T             access token clients must present (required)
 * --oauth-token-lifetime-seconds N   lifetime of the OAuth tokens it issues (default 3600, as Databricks)
 * --catalog NAME        Unity-Catalog-style name served besides hive_metastore (default main)
 * --s3-endpoint URL     an existing S3 endpoint for s3:// and s3a:// locations, with
 * --s3-access-key K     its access key and
 * --s3-secret-key S     its secret key
 * --s3-data-dir DIR     instead of --s3-endpoint: start a LocalS3 over DIR (its credentials are used)
 * --s3-port N           port for that LocalS3 (default 0 = free port)
 * --azurite-endpoint URL  Azurite's Blob endpoint, which then serves abfss:// locations
 * </pre>
 *
 * Prints {@code WAREHOUSE_JDBC_URL=}, {@code WAREHOUSE_TOKEN=}, {@code
 * WAREHOUSE_OAUTH_CLIENT_ID=}, {@code WAREHOUSE_OAUTH_CLIENT_SECRET=}, {@code WAREHOUSE_HOST=}, {@code
 * WAREHOUSE_PORT=}, {@code WAREHOUSE_HTTP_PATH=} (and {@code S3_ENDPOINT=}, {@code
 * S3_ACCESS_KEY=}, {@code S3_SECRET_KEY=} when it started a LocalS3), then {@code READY}; stops
 * cleanly on SIGTERM or Ctrl-C.
 */
public final class LocalWarehouseMain {

  private LocalWarehouseMain() {}

  public static void main(String[] args) throws InterruptedException {
    Options options = Options.parse(args);
    String s3Endpoint = options.get("--s3-endpoint");
    String accessKey = options.get("--s3-access-key");
    String secretKey = options.get("--s3-secret-key");
    LocalS3 s3 = null;
    if (options.has("--s3-data-dir")) {
      s3 =
          LocalS3.start(
              Path.of(options.get("--s3-data-dir")),
              Integer.parseInt(options.getOrDefault("--s3-port", "0")));
      s3Endpoint = s3.endpoint();
      accessKey = s3.accessKey();
      secretKey = s3.secretKey();
    }
    LocalWarehouse warehouse =
        LocalWarehouse.start(
            new LocalWarehouse.Settings(
                Path.of(options.required("--data-dir")),
                Integer.parseInt(options.getOrDefault("--port", "0")),
                options.required("--token"),
                options.getOrDefault("--catalog", "main"),
                s3Endpoint,
                accessKey,
                secretKey));
    warehouse.oauthTokenLifetime(
        Duration.ofSeconds(Long.parseLong(options.getOrDefault("--oauth-token-lifetime-seconds", "3600"))));
    if ("true".equals(options.get("--https-443"))) {
      warehouse.serveTls();
    }
    if (options.has("--external-location")) {
      String[] location = options.get("--external-location").split("=", 2);
      warehouse.createExternalLocation(location[0], location[1]);
    }
    if (options.has("--azurite-endpoint")) {
      warehouse.attachAzurite(options.get("--azurite-endpoint"));
    }
    CountDownLatch stopped = new CountDownLatch(1);
    LocalS3 startedS3 = s3;
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  warehouse.close();
                  if (startedS3 != null) {
                    startedS3.close();
                  }
                  stopped.countDown();
                },
                "local-warehouse-stop"));
    System.out.println("WAREHOUSE_JDBC_URL=" + warehouse.jdbcUrl());
    System.out.println("WAREHOUSE_TOKEN=" + warehouse.token());
    System.out.println("WAREHOUSE_OAUTH_CLIENT_ID=" + warehouse.oauthClientId());
    System.out.println("WAREHOUSE_OAUTH_CLIENT_SECRET=" + warehouse.oauthClientSecret());
    System.out.println("WAREHOUSE_HOST=" + warehouse.host());
    System.out.println("WAREHOUSE_PORT=" + warehouse.port());
    System.out.println("WAREHOUSE_HTTP_PATH=" + warehouse.httpPath());
    System.out.println("WAREHOUSE_STORAGE_CREDENTIAL=" + warehouse.storageCredential());
    if (s3 != null) {
      System.out.println("S3_ENDPOINT=" + s3.endpoint());
      System.out.println("S3_ACCESS_KEY=" + s3.accessKey());
      System.out.println("S3_SECRET_KEY=" + s3.secretKey());
    }
    System.out.println("READY");
    System.out.flush();
    stopped.await();
  }
}
