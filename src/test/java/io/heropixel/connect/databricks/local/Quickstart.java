package io.heropixel.connect.databricks.local;

import io.heropixel.connect.databricks.config.DatabricksSinkConfig;
import io.heropixel.connect.databricks.routing.TableRouter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;

/**
 * The quickstart's pipeline on a running local stack: creates topics and the connector from
 * config/local-stack.json over the Connect REST API, produces sample records, waits until every record
 * is in its table and prints what landed. Endpoints come from the environment that
 * {@code bin/local-stack up} prints.
 */
public final class Quickstart {

  private static final Map<String, Integer> TOPICS = Map.of("orders", 3, "customers", 2, "page_views", 2);
  private static final Map<String, Integer> RECORDS = Map.of("orders", 600, "customers", 150, "page_views", 1200);
  private static final Duration WAIT = Duration.ofMinutes(3);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Map<String, String> env;

  private Quickstart(Map<String, String> env) {
    this.env = env;
  }

  public static void main(String[] args) throws Exception {
    new Quickstart(System.getenv()).run(Path.of(args.length > 0 ? args[0] : "config/local-stack.json"));
  }

  private void run(Path connectorJson) throws Exception {
    JsonNode connector = JSON.readTree(substitute(Files.readString(connectorJson)));
    String name = connector.get("name").asText();
    if (connector.get("config").has("s3.bucket.name")) { // S3 staging; the default stages in a volume
      createBucket(connector.get("config").get("s3.bucket.name").asText());
    }
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", env("KAFKA_BOOTSTRAP")))) {
      Set<String> existing = admin.listTopics().names().get();
      List<NewTopic> missing = TOPICS.entrySet().stream().filter(t -> !existing.contains(t.getKey()))
          .map(t -> new NewTopic(t.getKey(), t.getValue(), (short) 1)).toList();
      admin.createTopics(missing).all().get();
      putConnector(name, connector.get("config"));
      produceSamples();
      Map<String, Long> expected = endOffsets(admin);
      System.out.println("Produced; Kafka holds " + expected + " records. Waiting for the tables...");
      awaitTables(expected, router(connector.get("config")));
      if (!"1".equals(env.get("KEEP_STACK"))) {
        // The stack keeps its state across runs: a connector left behind would run again at the next start.
        deleteConnector(name);
      }
    }
  }

  private String env(String key) {
    String value = env.get(key);
    if (value == null || value.isBlank()) {
      throw new IllegalStateException(key + " is not set: run `eval \"$(bin/local-stack up)\"` first");
    }
    return value;
  }

  private String substitute(String template) {
    Matcher m = Pattern.compile("\\$\\{([A-Z0-9_]+)}").matcher(template);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(env(m.group(1))));
    }
    return m.appendTail(out).toString();
  }

  private void createBucket(String bucket) {
    try (S3Client s3 = S3Client.builder().region(Region.of(env("S3_REGION")))
        .endpointOverride(URI.create(env("S3_ENDPOINT"))).forcePathStyle(true)
        .credentialsProvider(StaticCredentialsProvider.create(
            AwsBasicCredentials.create(env("S3_ACCESS_KEY"), env("S3_SECRET_KEY"))))
        .build()) {
      s3.createBucket(b -> b.bucket(bucket));
    } catch (BucketAlreadyOwnedByYouException alreadyThere) {
      // A second quickstart run on the same stack.
    }
  }

  private void putConnector(String name, JsonNode config) throws IOException, InterruptedException {
    HttpClient http = HttpClient.newHttpClient();
    String base = env("CONNECT_URL");
    HttpResponse<String> put = http.send(HttpRequest.newBuilder(URI.create(base + "/connectors/" + name + "/config"))
        .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(config.toString()))
        .build(), HttpResponse.BodyHandlers.ofString());
    if (put.statusCode() >= 300) {
      throw new IllegalStateException("Connect refused the connector: " + put.statusCode() + " " + put.body());
    }
    System.out.println("Connector " + name + " created through " + base);
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (true) {
      HttpResponse<String> status = http.send(HttpRequest.newBuilder(
          URI.create(base + "/connectors/" + name + "/status")).build(), HttpResponse.BodyHandlers.ofString());
      if (status.statusCode() == 200 && status.body().contains("\"RUNNING\"") && !status.body().contains("FAILED")) {
        return;
      }
      if (status.body().contains("FAILED") || System.nanoTime() > deadline) {
        throw new IllegalStateException("Connector is not running: " + status.body());
      }
      Thread.sleep(500);
    }
  }

  private void deleteConnector(String name) throws IOException, InterruptedException {
    HttpResponse<String> deleted = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create(env("CONNECT_URL") + "/connectors/" + name)).DELETE().build(), HttpResponse.BodyHandlers.ofString());
    if (deleted.statusCode() >= 300) {
      throw new IllegalStateException("Connect did not delete the connector: " + deleted.statusCode() + " "
          + deleted.body());
    }
    System.out.println("Connector " + name + " deleted (KEEP_STACK=1 keeps it running).");
  }

  private void produceSamples() {
    Random random = new Random(42);
    Map<String, Object> props = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, env("KAFKA_BOOTSTRAP"),
        ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(),
        new StringSerializer())) {
      for (int i = 0; i < RECORDS.get("customers"); i++) {
        producer.send(new ProducerRecord<>("customers", "c" + i, String.format(
            "{\"id\":%d,\"name\":\"Customer %d\",\"email\":\"c%d@example.com\",\"tier\":\"%s\"}",
            i, i, i, random.nextBoolean() ? "gold" : "silver")));
      }
      for (int i = 0; i < RECORDS.get("orders"); i++) {
        producer.send(new ProducerRecord<>("orders", "o" + i, String.format(
            "{\"order_id\":%d,\"customer_id\":%d,\"total\":%.2f,\"items\":[{\"sku\":\"SKU-%d\",\"qty\":%d}]}",
            i, random.nextInt(150), random.nextDouble() * 500, random.nextInt(90), 1 + random.nextInt(4))));
      }
      for (int i = 0; i < RECORDS.get("page_views"); i++) {
        producer.send(new ProducerRecord<>("page_views", "s" + random.nextInt(300), String.format(
            "{\"page\":\"/products/%d\",\"referrer\":\"https://example.com/?q=a,b\",\"ms\":%d}",
            random.nextInt(90), random.nextInt(3000))));
      }
      producer.flush();
    }
  }

  private static Map<String, Long> endOffsets(Admin admin) throws Exception {
    Map<TopicPartition, OffsetSpec> request = new LinkedHashMap<>();
    TOPICS.forEach((topic, partitions) -> {
      for (int p = 0; p < partitions; p++) {
        request.put(new TopicPartition(topic, p), OffsetSpec.latest());
      }
    });
    return admin.listOffsets(request).all().get().entrySet().stream().collect(Collectors.groupingBy(
        e -> e.getKey().topic(), java.util.TreeMap::new, Collectors.summingLong(e -> e.getValue().offset())));
  }

  /** Where the connector puts each topic: its own routing, from its configuration. */
  private static TableRouter router(JsonNode config) {
    Map<String, String> props = new LinkedHashMap<>();
    config.fields().forEachRemaining(e -> props.put(e.getKey(), e.getValue().asText()));
    DatabricksSinkConfig parsed = new DatabricksSinkConfig(props);
    return new TableRouter(parsed.catalog(), parsed.schema(), parsed.topicToTable());
  }

  private void awaitTables(Map<String, Long> expected, TableRouter router) throws Exception {
    Properties props = new Properties();
    props.put("UID", "token");
    props.put("PWD", env("WAREHOUSE_TOKEN"));
    try (Connection c = DriverManager.getConnection(env("WAREHOUSE_JDBC_URL"), props)) {
      long deadline = System.nanoTime() + WAIT.toNanos();
      for (Map.Entry<String, Long> topic : expected.entrySet()) {
        String table = router.route(topic.getKey()).toString();
        long count = -1;
        while (count != topic.getValue()) {
          if (System.nanoTime() > deadline) {
            throw new IllegalStateException(table + " holds " + count + " rows, expected " + topic.getValue());
          }
          Thread.sleep(count < 0 ? 1000 : 500);
          count = count(c, table);
        }
        print(c, table, count);
      }
    }
    System.out.println("Every produced record is in its table.");
  }

  private static long count(Connection c, String table) {
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM " + table)) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException notYetCreated) {
      return -1;
    }
  }

  private static void print(Connection c, String table, long count) throws SQLException {
    System.out.printf("%n%s: %d rows%n", table, count);
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT _airbyte_ab_id, "
        + "_airbyte_emitted_at, _kafka_partition, _kafka_offset, _airbyte_data FROM " + table
        + " ORDER BY _kafka_partition, _kafka_offset LIMIT 3")) {
      while (rs.next()) {
        System.out.printf("  %s  %s  p%d@%d  %s%n", rs.getString(1), rs.getString(2), rs.getInt(3), rs.getLong(4),
            rs.getString(5));
      }
    }
  }
}
