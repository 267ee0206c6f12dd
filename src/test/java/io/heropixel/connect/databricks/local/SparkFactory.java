package io.heropixel.connect.databricks.local;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;

/** Builds the one in-process SparkSession behind the local warehouse. */
final class SparkFactory {

  private SparkFactory() {}

  static SparkSession create(LocalWarehouse.Settings settings) {
    Path dataDir = settings.dataDir().toAbsolutePath();
    Path metastore = dataDir.resolve("metastore_db");
    try {
      Files.createDirectories(dataDir);
    } catch (java.io.IOException e) {
      throw new IllegalStateException("Cannot create " + dataDir, e);
    }
    // Derby writes derby.log into the working directory unless told otherwise.
    System.setProperty("derby.stream.error.file", dataDir.resolve("derby.log").toString());

    SparkSession.Builder builder =
        SparkSession.builder()
            .appName("local-databricks-warehouse")
            .master("local[2]")
            .config("spark.ui.enabled", "false")
            .config("spark.metrics.conf.*.sink.servlet.class", NoServletMetrics.class.getName())
            .config("spark.driver.host", "127.0.0.1")
            .config("spark.driver.bindAddress", "127.0.0.1")
            .config("spark.sql.shuffle.partitions", "1")
            // Tiny tables: compiling whole-stage code costs more than interpreting a few rows.
            .config("spark.sql.codegen.wholeStage", "false")
            .config("spark.default.parallelism", "2")
            .config("spark.sql.session.timeZone", "UTC")
            // Collect java.time values: results do not depend on the JVM default time zone.
            .config("spark.sql.datetime.java8API.enabled", "true")
            .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
            .config("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
            .config("spark.sql.sources.default", "delta")
            .config("spark.databricks.delta.snapshotPartitions", "1")
            .config("spark.sql.warehouse.dir", dataDir.resolve("warehouse").toUri().toString())
            // Persistent catalog: Hive metastore in an embedded on-disk Derby database.
            .config("spark.sql.catalogImplementation", "hive")
            .config(
                "spark.hadoop.javax.jdo.option.ConnectionURL",
                "jdbc:derby:;databaseName=" + metastore + ";create=true")
            .config("spark.hadoop.datanucleus.schema.autoCreateAll", "true")
            .config("spark.hadoop.hive.metastore.schema.verification", "false")
            .config("spark.hadoop.hive.exec.scratchdir", dataDir.resolve("hive-scratch").toString())
            .config("spark.local.dir", dataDir.resolve("spark-tmp").toString());
    s3Settings(builder, settings);
    // abfss:// goes to Azurite once attached; Delta's rename-based Azure log store needs only rename-if-absent.
    builder
        .config("spark.hadoop.fs.abfss.impl", AbfssOnAzuriteFileSystem.class.getName())
        .config("spark.hadoop.fs.AbstractFileSystem.abfss.impl", AbfssOnAzuriteContext.class.getName())
        .config("spark.delta.logStore.abfss.impl", "io.delta.storage.AzureLogStore");
    // A spark.* system property of the JVM (bin/local-stack's WAREHOUSE_OPTS) overrides the settings above.
    System.getProperties().stringPropertyNames().stream()
        .filter(key -> key.startsWith("spark."))
        .forEach(key -> builder.config(key, System.getProperty(key)));
    return builder.getOrCreate();
  }

  /** Both s3:// and s3a:// go to S3A against the local S3 server, path-style and without TLS. */
  private static void s3Settings(SparkSession.Builder builder, LocalWarehouse.Settings settings) {
    if (settings.s3Endpoint() == null) {
      return;
    }
    builder
        .config("spark.hadoop.fs.s3.impl", "org.apache.hadoop.fs.s3a.S3AFileSystem")
        .config("spark.hadoop.fs.s3a.endpoint", settings.s3Endpoint())
        .config("spark.hadoop.fs.s3a.endpoint.region", "us-east-1")
        .config("spark.hadoop.fs.s3a.path.style.access", "true")
        .config("spark.hadoop.fs.s3a.connection.ssl.enabled", "false")
        .config("spark.hadoop.fs.s3a.access.key", settings.s3AccessKey())
        .config("spark.hadoop.fs.s3a.secret.key", settings.s3SecretKey())
        .config(
            "spark.hadoop.fs.s3a.aws.credentials.provider",
            "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider")
        .config("spark.hadoop.fs.s3a.bucket.probe", "0")
        .config("spark.hadoop.fs.s3a.change.detection.mode", "none")
        // Fail fast instead of S3A's minutes of back-off: a loopback server does not get better.
        .config("spark.hadoop.fs.s3a.retry.limit", "1")
        .config("spark.hadoop.fs.s3a.attempts.maximum", "1")
        .config("spark.delta.logStore.s3.impl", "io.delta.storage.S3SingleDriverLogStore")
        .config("spark.delta.logStore.s3a.impl", "io.delta.storage.S3SingleDriverLogStore");
  }
}
