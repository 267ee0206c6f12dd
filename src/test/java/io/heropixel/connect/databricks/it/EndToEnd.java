package io.heropixel.connect.databricks.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.heropixel.connect.databricks.DatabricksSinkConnector;
import io.heropixel.connect.databricks.local.LocalS3;
import io.heropixel.connect.databricks.local.LocalWarehouse;
import io.heropixel.connect.databricks.local.SharedLocalInfra;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.ConfigValue;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/** What the end-to-end tests share: the real stack, connector JSON for it, and reading tables back over JDBC. */
final class EndToEnd {

  static final String BUCKET = "lakehouse";
  static final Duration LOAD_TIMEOUT = Duration.ofSeconds(180);
  private static final AtomicLong NAMES = new AtomicLong();

  private EndToEnd() {}

  static SharedConnectCluster connect() {
    return SharedConnectCluster.get();
  }

  static LocalWarehouse warehouse() {
    return SharedLocalInfra.warehouse();
  }

  static LocalS3 s3() {
    LocalS3 s3 = SharedLocalInfra.s3();
    s3.createBucket(BUCKET);
    return s3;
  }

  /** A name unique in this JVM and across runs over the same data directories. */
  static String unique(String prefix) {
    return prefix + "_" + Long.toString(System.currentTimeMillis() % 100_000_000L, 36) + NAMES.incrementAndGet();
  }

  /** Connector JSON for the local stack on S3 staging: JSON strings in, one schema and one bucket path per test. */
  static Map<String, String> connectorConfig(String topics, String schema, String bucketPath) {
    return connectorConfig(topics, schema, new S3Fixture().config(bucketPath));
  }

  /** Sends records that fail to {@code dlq}, with the error's context in headers, instead of failing the task. */
  static void toleratingErrors(Map<String, String> config, String dlq) {
    config.put("errors.tolerance", "all");
    config.put("errors.deadletterqueue.topic.name", dlq);
    config.put("errors.deadletterqueue.topic.replication.factor", "1");
    config.put("errors.deadletterqueue.context.headers.enable", "true");
  }

  /** Connector JSON for the local stack with the given data source keys. */
  static Map<String, String> connectorConfig(String topics, String schema, Map<String, String> dataSource) {
    LocalWarehouse warehouse = warehouse();
    Map<String, String> config = new HashMap<>();
    config.put("connector.class", DatabricksSinkConnector.class.getName());
    config.put("tasks.max", "2");
    config.put("topics", topics);
    config.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
    config.put("value.converter", "org.apache.kafka.connect.storage.StringConverter");
    config.put("databricks.server.hostname", warehouse.host());
    config.put("databricks.port", Integer.toString(warehouse.port()));
    config.put("databricks.http.path", warehouse.httpPath());
    config.put("databricks.personal.access.token", warehouse.token());
    config.put("databricks.jdbc.terms.accepted", "true");
    config.put("databricks.jdbc.properties", "ssl=0;UseThriftClient=0;EnableQueryResultDownload=0;EnableTelemetry=0");
    config.put("databricks.catalog", "hive_metastore");
    config.put("databricks.schema", schema);
    config.put("buffer.flush.interval.ms", "1000");
    config.putAll(dataSource);
    return config;
  }

  /** The errors validate() reports, by key, calling the connector directly (no REST round trip). */
  static Map<String, List<String>> validationErrors(Map<String, String> config) {
    return new DatabricksSinkConnector().validate(config).configValues().stream()
        .filter(v -> !v.errorMessages().isEmpty())
        .collect(Collectors.toMap(ConfigValue::name, ConfigValue::errorMessages));
  }

  static void assertOnlyError(Map<String, List<String>> errors, String key, String fragment) {
    assertEquals(List.of(key), List.copyOf(errors.keySet()), errors.toString());
    assertTrue(errors.get(key).toString().contains(fragment), errors.toString());
  }

  /** The first FAILED task of a connector, waiting for it. */
  static JsonNode awaitTaskFailed(String connector) {
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    while (System.nanoTime() < deadline) {
      JsonNode status = connect().rest().status(connector);
      for (JsonNode task : status.get("tasks")) {
        if ("FAILED".equals(task.get("state").asText())) {
          return task;
        }
      }
      sleep(Duration.ofMillis(200));
    }
    throw new AssertionError("the task did not crash: " + connect().rest().status(connector));
  }

  static Connection jdbc() throws SQLException {
    LocalWarehouse warehouse = warehouse();
    Properties props = new Properties();
    props.put("UID", "token");
    props.put("PWD", warehouse.token());
    return DriverManager.getConnection(warehouse.jdbcUrl(), props);
  }

  static List<Map<String, Object>> query(String sql) {
    try (Connection c = jdbc(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      List<Map<String, Object>> rows = new ArrayList<>();
      int columns = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        Map<String, Object> row = new HashMap<>();
        for (int i = 1; i <= columns; i++) {
          row.put(rs.getMetaData().getColumnLabel(i), rs.getObject(i));
        }
        rows.add(row);
      }
      return rows;
    } catch (SQLException e) {
      throw new AssertionError("Query failed: " + sql + ": " + e.getMessage(), e);
    }
  }

  static void execute(String sql) {
    try (Connection c = jdbc(); Statement st = c.createStatement()) {
      st.execute(sql);
    } catch (SQLException e) {
      throw new AssertionError("Statement failed: " + sql + ": " + e.getMessage(), e);
    }
  }

  /** Column name to Databricks type, in table order, from DESCRIBE TABLE. */
  static Map<String, String> describe(String table) {
    Map<String, String> types = new LinkedHashMap<>();
    for (Map<String, Object> row : query("DESCRIBE TABLE " + table)) {
      String name = (String) row.get("col_name");
      if (name == null || name.isBlank() || name.startsWith("#")) {
        break;
      }
      types.put(name, (String) row.get("data_type"));
    }
    return types;
  }

  /** Row count of a table, or -1 while it does not exist. */
  static long count(String table) {
    try (Connection c = jdbc(); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM " + table)) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      return -1;
    }
  }

  /** Waits until the table holds exactly the expected number of rows; fails on more. */
  static void awaitCount(String table, long expected) {
    awaitCount(table, expected, () -> "");
  }

  static void awaitCount(String table, long expected, Supplier<String> context) {
    long deadline = System.nanoTime() + LOAD_TIMEOUT.toNanos();
    long seen = -1;
    while (System.nanoTime() < deadline) {
      seen = count(table);
      if (seen == expected) {
        return;
      }
      if (seen > expected) {
        fail(table + " holds " + seen + " rows, more than the " + expected + " produced " + context.get());
      }
      sleep(Duration.ofMillis(500));
    }
    fail(table + " holds " + seen + " rows after " + LOAD_TIMEOUT + ", expected " + expected + " " + context.get());
  }

  /** Keys under a prefix of the bucket. */
  static List<String> objects(String prefix) {
    try (S3Client client = s3Client()) {
      return client.listObjectsV2Paginator(b -> b.bucket(BUCKET).prefix(prefix)).contents().stream()
          .map(S3Object::key).toList();
    }
  }

  /** Replaces an object of the bucket. */
  static void putObject(String key, byte[] bytes) {
    try (S3Client client = s3Client()) {
      client.putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromBytes(bytes));
    }
  }

  private static S3Client s3Client() {
    LocalS3 s3 = s3();
    return S3Client.builder().region(Region.of(s3.region()))
        .endpointOverride(URI.create(s3.endpoint())).forcePathStyle(true)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(s3.accessKey(), s3.secretKey())))
        .build();
  }

  static void sleep(Duration d) {
    try {
      Thread.sleep(Math.max(0, d.toMillis()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
