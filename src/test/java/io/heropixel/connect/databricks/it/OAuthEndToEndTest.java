package io.heropixel.connect.databricks.it;

import static io.heropixel.connect.databricks.it.EndToEnd.awaitCount;
import static io.heropixel.connect.databricks.it.EndToEnd.connect;
import static io.heropixel.connect.databricks.it.EndToEnd.execute;
import static io.heropixel.connect.databricks.it.EndToEnd.unique;
import static io.heropixel.connect.databricks.it.EndToEnd.validationErrors;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.heropixel.connect.databricks.local.LocalWarehouse;
import io.heropixel.connect.databricks.local.SharedLocalInfra;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every data source signed in as a service principal (OAuth machine-to-machine, no personal access token),
 * with access tokens that live a minute: the JDBC driver gets its own from the workspace over HTTPS, the
 * connector's Files API calls get theirs from the token endpoint, and loads go on after the first tokens
 * expired.
 */
class OAuthEndToEndTest {

  private static final Duration TOKEN_LIFETIME = Duration.ofSeconds(60);
  private static final int RECORDS_PER_WAVE = 5;

  private static LocalWarehouse warehouse;

  @BeforeAll
  static void shortLivedTokens() {
    warehouse = EndToEnd.warehouse();
    warehouse.serveTls();
    warehouse.oauthTokenLifetime(TOKEN_LIFETIME);
  }

  @AfterAll
  static void restoreTokenLifetime() {
    warehouse.oauthTokenLifetime(Duration.ofHours(1));
  }

  @Test
  void everyDataSourceLoadsWhileTokensExpire() throws Exception {
    long started = System.nanoTime();
    long httpsBefore = warehouse.httpsRequests();
    long tokensBefore = warehouse.oauthTokensIssued();
    String s3Path = unique("oauths3");
    execute("CREATE EXTERNAL LOCATION " + s3Path + " URL 's3://" + EndToEnd.BUCKET + "/" + s3Path + "' WITH (STORAGE "
        + "CREDENTIAL " + warehouse.storageCredential() + ")");
    Map<String, Map<String, String>> configs = new LinkedHashMap<>();
    configs.put("managed tables in main", oauth(SharedLocalInfra.CATALOG,
        new ManagedTablesFixture().config(unique("vol"))));
    configs.put("S3 in main under an external location", oauth(SharedLocalInfra.CATALOG,
        new S3Fixture().config(s3Path)));
    configs.put("S3 in hive_metastore", oauth("hive_metastore", new S3Fixture().config(unique("oauths3"))));
    configs.put("Azure Blob in hive_metastore", oauth("hive_metastore",
        new AzureBlobFixture().config(unique("oauthaz"))));

    List<String> connectors = new ArrayList<>();
    try {
      for (Map.Entry<String, Map<String, String>> entry : configs.entrySet()) {
        assertEquals(Map.of(), validationErrors(entry.getValue()), entry.getKey());
        connect().createTopic(entry.getValue().get("topics"), 1);
        String name = unique("oauth");
        connect().createConnector(name, entry.getValue(), 2);
        connectors.add(name);
      }
      produceWave(configs.values(), 0);
      for (Map<String, String> config : configs.values()) {
        awaitCount(table(config), RECORDS_PER_WAVE);
      }
      // Past the first tokens' lifetime: every token issued at the start has expired by now.
      EndToEnd.sleep(TOKEN_LIFETIME.plusSeconds(10).minusNanos(System.nanoTime() - started));
      produceWave(configs.values(), 1);
      for (Map<String, String> config : configs.values()) {
        awaitCount(table(config), 2L * RECORDS_PER_WAVE);
      }
      // The driver reached the workspace over HTTPS (its OAuth mode's only way), and tokens were renewed:
      // more were issued than the first one per task's driver and Files API client.
      assertTrue(warehouse.httpsRequests() > httpsBefore, "no request over HTTPS");
      long tokens = warehouse.oauthTokensIssued() - tokensBefore;
      assertTrue(tokens > 2L * 2 * configs.size(), tokens + " tokens issued");
    } finally {
      connectors.forEach(connect()::deleteConnector);
    }
  }

  @Test
  void aWrongClientSecretIsReportedOnTheSecret() {
    Map<String, String> config = oauth(SharedLocalInfra.CATALOG, new ManagedTablesFixture().config(unique("vol")));
    config.put("databricks.oauth.client.secret", "not-the-secret");
    Map<String, List<String>> errors = validationErrors(config);
    EndToEnd.assertOnlyError(errors, "databricks.oauth.client.secret", "invalid_client");
    assertFalse(errors.toString().contains("not-the-secret"), errors.toString());
  }

  /** A connector config signed in as the local service principal; the driver accepts the local certificate. */
  private static Map<String, String> oauth(String catalog, Map<String, String> dataSource) {
    Map<String, String> config = EndToEnd.connectorConfig(unique("oauth"), unique("oauth"), dataSource);
    config.put("databricks.catalog", catalog);
    config.remove("databricks.personal.access.token");
    config.put("databricks.oauth.client.id", warehouse.oauthClientId());
    config.put("databricks.oauth.client.secret", warehouse.oauthClientSecret());
    config.put("databricks.jdbc.properties", config.get("databricks.jdbc.properties") + ";AllowSelfSignedCerts=1");
    return config;
  }

  private static String table(Map<String, String> config) {
    return config.get("databricks.catalog") + "." + config.get("databricks.schema") + "." + config.get("topics");
  }

  private static void produceWave(Iterable<Map<String, String>> configs, int wave) {
    List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
    for (Map<String, String> config : configs) {
      for (int i = 0; i < RECORDS_PER_WAVE; i++) {
        String json = "{\"wave\":" + wave + ",\"i\":" + i + "}";
        records.add(new ProducerRecord<>(config.get("topics"), 0, null, json.getBytes(StandardCharsets.UTF_8)));
      }
    }
    connect().produce(records);
  }
}
