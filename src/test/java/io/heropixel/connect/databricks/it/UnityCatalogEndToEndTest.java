package io.heropixel.connect.databricks.it;

import static io.heropixel.connect.databricks.it.EndToEnd.assertOnlyError;
import static io.heropixel.connect.databricks.it.EndToEnd.awaitCount;
import static io.heropixel.connect.databricks.it.EndToEnd.connect;
import static io.heropixel.connect.databricks.it.EndToEnd.execute;
import static io.heropixel.connect.databricks.it.EndToEnd.query;
import static io.heropixel.connect.databricks.it.EndToEnd.unique;
import static io.heropixel.connect.databricks.it.EndToEnd.validationErrors;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.heropixel.connect.databricks.local.LocalAzurite;
import io.heropixel.connect.databricks.local.SharedLocalInfra;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/**
 * S3 and Azure staging into a Unity Catalog catalog, where the warehouse reaches storage only through an
 * external location: validate() names the missing one on the storage field, and once it exists, records
 * land. MANAGED_TABLES with no catalog set lands in the warehouse's default catalog.
 */
class UnityCatalogEndToEndTest {

  private static final String CATALOG = SharedLocalInfra.CATALOG;

  @Test
  void s3InUnityCatalogNeedsAnExternalLocationThenLands() throws Exception {
    String path = unique("ucs3");
    Map<String, String> config = config("ucs3", new S3Fixture().config(path));
    assertOnlyError(validationErrors(config), "s3.bucket.name", "CREATE EXTERNAL LOCATION");

    execute("CREATE EXTERNAL LOCATION " + path + " URL 's3://" + EndToEnd.BUCKET + "/" + path + "' WITH (STORAGE "
        + "CREDENTIAL " + EndToEnd.warehouse().storageCredential() + ")");
    assertEquals(Map.of(), validationErrors(config));
    assertLands(config);
  }

  @Test
  void azureBlobInUnityCatalogNeedsAnExternalLocationThenLands() throws Exception {
    String space = unique("ucaz");
    Map<String, String> config = config("ucaz", new AzureBlobFixture().config(space));
    assertOnlyError(validationErrors(config), "azure.container.name", "CREATE EXTERNAL LOCATION");

    execute("CREATE EXTERNAL LOCATION " + space + " URL 'abfss://" + AzureBlobFixture.container(space) + "@"
        + LocalAzurite.ACCOUNT + ".dfs.core.windows.net/' WITH (STORAGE CREDENTIAL "
        + EndToEnd.warehouse().storageCredential() + ")");
    assertEquals(Map.of(), validationErrors(config));
    assertLands(config);
  }

  @Test
  void managedTablesWithoutACatalogLandInTheWarehousesDefaultCatalog() throws Exception {
    Map<String, String> config = config("ucdef", new ManagedTablesFixture().config(unique("vol")));
    config.remove("databricks.catalog");
    assertEquals(Map.of(), validationErrors(config));
    assertLands(config);
  }

  @Test
  void anUnknownCatalogIsReportedOnTheCatalog() {
    Map<String, String> config = config("ucnone", new ManagedTablesFixture().config(unique("vol")));
    config.put("databricks.catalog", "no_such_catalog");
    assertOnlyError(validationErrors(config), "databricks.catalog", "no_such_catalog");
  }

  @Test
  void anUnknownWarehouseIsReportedOnTheHttpPath() {
    Map<String, String> config = config("ucwh", new ManagedTablesFixture().config(unique("vol")));
    config.put("databricks.http.path", "/sql/1.0/warehouses/0000000000000000");
    assertOnlyError(validationErrors(config), "databricks.http.path", "0000000000000000");
  }

  private static Map<String, String> config(String prefix, Map<String, String> dataSource) {
    Map<String, String> config = EndToEnd.connectorConfig(unique(prefix), unique(prefix), dataSource);
    config.put("databricks.catalog", CATALOG);
    config.putAll(dataSource);
    return config;
  }

  /** Produces a few records to the config's topic and reads them back from its table in the catalog. */
  private static void assertLands(Map<String, String> config) throws Exception {
    String topic = config.get("topics");
    String table = CATALOG + "." + config.get("databricks.schema") + "." + topic;
    connect().createTopic(topic, 1);
    String name = unique("sink");
    connect().createConnector(name, config, 2);
    try {
      List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        records.add(new ProducerRecord<>(topic, 0, null, ("{\"i\":" + i + "}").getBytes(StandardCharsets.UTF_8)));
      }
      connect().produce(records);
      awaitCount(table, 5);
      List<Map<String, Object>> rows = query("SELECT _airbyte_data AS d FROM " + table + " ORDER BY _kafka_offset");
      assertEquals("{\"i\":0}", rows.get(0).get("d"));
      assertTrue(query("SHOW TABLES IN hive_metastore.default").stream().noneMatch(r -> topic.equals(r.get("tableName"))));
    } finally {
      connect().deleteConnector(name);
    }
  }
}
