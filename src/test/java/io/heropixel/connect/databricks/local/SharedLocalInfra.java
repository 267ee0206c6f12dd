package io.heropixel.connect.databricks.local;

import java.nio.file.Path;

/**
 * One LocalS3, one LocalWarehouse and, for the tests that need it, one LocalAzurite per test JVM, started on first use and stopped by a shutdown
 * hook: Spark takes 10-15 s to start, so every test class shares them. Data lives under {@code
 * target/local-infra/shared} and is wiped at each start, so runs do not see each other's tables.
 */
public final class SharedLocalInfra {

  public static final String TOKEN = "local-test-token";
  public static final String CATALOG = "main";

  private static final Path ROOT = Path.of("target", "local-infra", "shared").toAbsolutePath();

  private static LocalS3 s3;
  private static LocalWarehouse warehouse;
  private static LocalAzurite azurite;

  private SharedLocalInfra() {}

  public static synchronized LocalS3 s3() {
    if (s3 == null) {
      DataDirs.wipe(ROOT);
      s3 = LocalS3.start(ROOT.resolve("s3"), 0);
      Runtime.getRuntime().addShutdownHook(new Thread(SharedLocalInfra::stop, "local-infra-stop"));
    }
    return s3;
  }

  public static synchronized LocalWarehouse warehouse() {
    if (warehouse == null) {
      LocalS3 storage = s3();
      warehouse =
          LocalWarehouse.start(
              new LocalWarehouse.Settings(
                  ROOT.resolve("warehouse"),
                  0,
                  TOKEN,
                  CATALOG,
                  storage.endpoint(),
                  storage.accessKey(),
                  storage.secretKey()));
    }
    return warehouse;
  }

  /** Azurite, started on first use and attached to the warehouse, which then reads abfss:// from it. */
  public static synchronized LocalAzurite azurite() {
    if (azurite == null) {
      LocalWarehouse engine = warehouse();
      azurite = LocalAzurite.start(ROOT.resolve("azurite.log"), 0, null);
      engine.attachAzurite(azurite.blobEndpoint());
    }
    return azurite;
  }

  private static synchronized void stop() {
    if (azurite != null) {
      azurite.close();
      azurite = null;
    }
    if (warehouse != null) {
      warehouse.close();
      warehouse = null;
    }
    if (s3 != null) {
      s3.close();
      s3 = null;
    }
  }
}
