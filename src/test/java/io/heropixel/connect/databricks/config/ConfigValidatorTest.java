package io.heropixel.connect.databricks.config;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.Test;

class ConfigValidatorTest {

  static Map<String, String> valid() {
    Map<String, String> props = new HashMap<>();
    props.put("name", "sink");
    props.put(DatabricksSinkConfig.SERVER_HOSTNAME, "abc.cloud.databricks.com");
    props.put(DatabricksSinkConfig.HTTP_PATH, "/sql/1.0/warehouses/abc");
    props.put(DatabricksSinkConfig.TOKEN, "dapi-secret");
    props.put(DatabricksSinkConfig.TERMS_ACCEPTED, "true");
    props.put(DatabricksSinkConfig.DATA_SOURCE, "S3");
    props.put(DatabricksSinkConfig.S3_BUCKET, "bucket");
    props.put(DatabricksSinkConfig.S3_ACCESS_KEY, "key");
    props.put(DatabricksSinkConfig.S3_SECRET_KEY, "secret");
    return props;
  }

  private static Map<String, List<String>> errors(Map<String, String> props) {
    return ConfigValidator.validate(props).configValues().stream()
        .filter(v -> !v.errorMessages().isEmpty())
        .collect(Collectors.toMap(ConfigValue::name, ConfigValue::errorMessages));
  }

  private static void assertOnlyError(Map<String, String> props, String key, String fragment) {
    Map<String, List<String>> errors = errors(props);
    assertEquals(List.of(key), List.copyOf(errors.keySet()), errors.toString());
    assertTrue(errors.get(key).toString().contains(fragment), errors.toString());
    assertThrows(ConfigException.class, () -> new DatabricksSinkConfig(props));
  }

  @Test
  void aCompleteConfigurationHasNoErrors() {
    assertEquals(Map.of(), errors(valid()));
    assertDoesNotThrow(() -> new DatabricksSinkConfig(valid()));
  }

  @Test
  void missingTokenIsReportedOnTheTokenField() {
    Map<String, String> props = valid();
    props.remove(DatabricksSinkConfig.TOKEN);
    assertOnlyError(props, DatabricksSinkConfig.TOKEN, "Credentials are required: a personal access token here, "
        + "or an OAuth service principal");
  }

  @Test
  void exactlyOneOfATokenOrAServicePrincipalIsTaken() {
    Map<String, String> oauth = valid();
    oauth.remove(DatabricksSinkConfig.TOKEN);
    oauth.put(DatabricksSinkConfig.OAUTH_CLIENT_ID, "5e7a1c00-0000-4000-8000-000000000001");
    oauth.put(DatabricksSinkConfig.OAUTH_CLIENT_SECRET, "dose-secret");
    assertEquals(Map.of(), errors(oauth));

    Map<String, String> both = new HashMap<>(oauth);
    both.put(DatabricksSinkConfig.TOKEN, "dapi-secret");
    assertOnlyError(both, DatabricksSinkConfig.TOKEN, "not both");

    Map<String, String> noSecret = new HashMap<>(oauth);
    noSecret.remove(DatabricksSinkConfig.OAUTH_CLIENT_SECRET);
    assertOnlyError(noSecret, DatabricksSinkConfig.OAUTH_CLIENT_SECRET, "OAuth secret is required");

    Map<String, String> noId = new HashMap<>(oauth);
    noId.remove(DatabricksSinkConfig.OAUTH_CLIENT_ID);
    assertOnlyError(noId, DatabricksSinkConfig.OAUTH_CLIENT_ID, "client id is required");
  }

  @Test
  void driverPropertiesRefuseSecretsWithTheKeyToUseInstead() {
    for (String secret : List.of("PWD=dapi1", "pwd=x", "OAuth2Secret=s", "Auth_AccessToken=t", "SSLTrustStorePwd=p",
        "OAuthRefreshToken=r", "TokenCachePassPhrase=p")) {
      Map<String, String> props = valid();
      props.put(DatabricksSinkConfig.JDBC_PROPERTIES, "ssl=0;" + secret);
      assertOnlyError(props, DatabricksSinkConfig.JDBC_PROPERTIES, DatabricksSinkConfig.OAUTH_CLIENT_SECRET);
      String value = secret.substring(secret.indexOf('=') + 1);
      assertTrue(errors(props).toString().contains("'" + secret.substring(0, secret.indexOf('=')) + "' holds a secret"));
      assertTrue(!ConfigValidator.validate(props).configValues().stream()
          .flatMap(v -> v.errorMessages().stream()).anyMatch(m -> m.contains(";" + secret)), value);
    }
    Map<String, String> props = valid();
    props.put(DatabricksSinkConfig.JDBC_PROPERTIES, "ssl=0;UseThriftClient=0;EnableTokenCache=0;Auth_Flow=1");
    assertEquals(Map.of(), errors(props));
  }

  @Test
  void termsMustBeAccepted() {
    Map<String, String> props = valid();
    props.put(DatabricksSinkConfig.TERMS_ACCEPTED, "false");
    assertOnlyError(props, DatabricksSinkConfig.TERMS_ACCEPTED, "JDBC Driver Terms");
  }

  @Test
  void badFilenamePlaceholderIsReportedOnThePatternField() {
    Map<String, String> props = valid();
    props.put(DatabricksSinkConfig.S3_FILENAME_PATTERN, "{date}_{uuid}");
    assertOnlyError(props, DatabricksSinkConfig.S3_FILENAME_PATTERN, "Unsupported placeholder {uuid}");
  }

  @Test
  void unknownDataSourceIsReported() {
    Map<String, String> props = valid();
    props.put(DatabricksSinkConfig.DATA_SOURCE, "GCS");
    assertOnlyError(props, DatabricksSinkConfig.DATA_SOURCE, "Unknown data source type 'GCS'");
  }

  @Test
  void managedTablesIsTheDefaultAndNeedsNoStorageSettings() {
    Map<String, String> props = valid();
    props.remove(DatabricksSinkConfig.DATA_SOURCE);
    props.remove(DatabricksSinkConfig.S3_BUCKET);
    props.put(DatabricksSinkConfig.CATALOG, "main");
    assertEquals(Map.of(), errors(props));
    assertEquals(DataSourceType.MANAGED_TABLES, new DatabricksSinkConfig(props).dataSource());
    assertEquals("kafka_staging", new DatabricksSinkConfig(props).volume());
  }

  @Test
  void managedTablesAreRefusedInHiveMetastoreWhichHasNoVolumes() {
    Map<String, String> props = valid();
    props.put(DatabricksSinkConfig.DATA_SOURCE, "MANAGED_TABLES");
    props.put(DatabricksSinkConfig.CATALOG, "Hive_Metastore");
    assertOnlyError(props, DatabricksSinkConfig.CATALOG, "volumes exist only in Unity Catalog catalogs");
    props.put(DatabricksSinkConfig.DATA_SOURCE, "S3");
    assertEquals(Map.of(), errors(props));
  }

  @Test
  void managedTablesKeepBatchesFarBelowTheFilesApiLimit() {
    Map<String, String> props = valid();
    props.put(DatabricksSinkConfig.DATA_SOURCE, "MANAGED_TABLES");
    props.put(DatabricksSinkConfig.CATALOG, "main");
    props.put(DatabricksSinkConfig.MAX_BYTES, Long.toString(1L << 30));
    assertEquals(Map.of(), errors(props));
    props.put(DatabricksSinkConfig.MAX_BYTES, Long.toString((1L << 30) + 1));
    assertOnlyError(props, DatabricksSinkConfig.MAX_BYTES, "5 GiB");
    props.put(DatabricksSinkConfig.DATA_SOURCE, "S3");
    assertEquals(Map.of(), errors(props));
  }

  @Test
  void namesAreCheckedByTheRulesOfTheirCatalog() {
    Map<String, String> props = valid(); // S3 in hive_metastore, unset
    props.remove(DatabricksSinkConfig.CATALOG);
    props.put(DatabricksSinkConfig.TOPIC_TO_TABLE, "orders:sales.orders-eu");
    assertOnlyError(props, DatabricksSinkConfig.TOPIC_TO_TABLE, "letters, digits and '_'");
    props.put(DatabricksSinkConfig.CATALOG, "main");
    assertEquals(Map.of(), errors(props));
    props.put(DatabricksSinkConfig.SCHEMA, "raw data");
    assertOnlyError(props, DatabricksSinkConfig.SCHEMA, "space");
  }

  @Test
  void anUnsetCatalogIsHiveMetastoreForExternalStorageAndTheWarehousesOwnForManagedTables() {
    Map<String, String> props = valid();
    props.remove(DatabricksSinkConfig.CATALOG);
    props.put(DatabricksSinkConfig.DATA_SOURCE, "MANAGED_TABLES");
    assertEquals(Map.of(), errors(props));
    assertEquals("", new DatabricksSinkConfig(props).catalog());
    assertEquals("main", new DatabricksSinkConfig(props).withCatalog("main").catalog());
    props.put(DatabricksSinkConfig.DATA_SOURCE, "S3");
    assertEquals("hive_metastore", new DatabricksSinkConfig(props).catalog());
    props.put(DatabricksSinkConfig.CATALOG, " ");
    assertEquals("hive_metastore", new DatabricksSinkConfig(props).catalog());
  }

  static Map<String, String> validAzure() {
    Map<String, String> props = valid();
    props.put(DatabricksSinkConfig.DATA_SOURCE, "AZURE_BLOB");
    props.put(DatabricksSinkConfig.AZURE_ACCOUNT, "devstoreaccount1");
    props.put(DatabricksSinkConfig.AZURE_CONTAINER, "lake-house");
    props.put(DatabricksSinkConfig.AZURE_SAS_TOKEN, "sv=2024&sig=abc");
    return props;
  }

  @Test
  void azureSettingsAreRequiredForAzureBlob() {
    assertEquals(Map.of(), errors(validAzure()));
    assertEquals("https://devstoreaccount1.blob.core.windows.net",
        new DatabricksSinkConfig(validAzure()).azure().blobEndpoint());
    Map<String, String> props = validAzure();
    props.remove(DatabricksSinkConfig.AZURE_SAS_TOKEN);
    assertOnlyError(props, DatabricksSinkConfig.AZURE_SAS_TOKEN, "SAS token is required");
    props = validAzure();
    props.put(DatabricksSinkConfig.AZURE_ACCOUNT, "My_Account");
    assertOnlyError(props, DatabricksSinkConfig.AZURE_ACCOUNT, "got 'My_Account'");
    props = validAzure();
    props.put(DatabricksSinkConfig.AZURE_CONTAINER, "a--b");
    assertOnlyError(props, DatabricksSinkConfig.AZURE_CONTAINER, "container name is required");
    props = validAzure();
    props.put(DatabricksSinkConfig.AZURE_ENDPOINT, "127.0.0.1:10000");
    assertOnlyError(props, DatabricksSinkConfig.AZURE_ENDPOINT, "not an http");
    props.put(DatabricksSinkConfig.AZURE_ENDPOINT, "http://127.0.0.1:10000/devstoreaccount1");
    assertEquals("http://127.0.0.1:10000/devstoreaccount1", new DatabricksSinkConfig(props).azure().blobEndpoint());
  }

  @Test
  void typedRowsAreRefusedWithAzureBlobsCsvStaging() {
    Map<String, String> props = validAzure();
    props.put(DatabricksSinkConfig.ROW_SHAPE, "typed");
    assertOnlyError(props, DatabricksSinkConfig.ROW_SHAPE, "not supported with data.source.type=AZURE_BLOB");
    props = validAzure();
    props.put(DatabricksSinkConfig.ROW_SHAPE, "raw");
    assertEquals(Map.of(), errors(props));
    props = valid();
    props.put(DatabricksSinkConfig.ROW_SHAPE, "typed");
    assertEquals(Map.of(), errors(props));
  }

  @Test
  void s3SettingsAreRequiredForS3() {
    Map<String, String> props = valid();
    props.remove(DatabricksSinkConfig.S3_BUCKET);
    assertOnlyError(props, DatabricksSinkConfig.S3_BUCKET, "bucket name is required");
    props = valid();
    props.put(DatabricksSinkConfig.S3_ENDPOINT, "minio:9000");
    assertOnlyError(props, DatabricksSinkConfig.S3_ENDPOINT, "not an http");
  }

  @Test
  void badValuesOfSingleKeysAreReportedOnThem() {
    Map<String, String> props = valid();
    props.put(DatabricksSinkConfig.SYNC_MODE, "merge");
    assertOnlyError(props, DatabricksSinkConfig.SYNC_MODE, "Unknown sync mode");
    props = valid();
    props.put(DatabricksSinkConfig.TOPIC_TO_TABLE, "orders");
    assertOnlyError(props, DatabricksSinkConfig.TOPIC_TO_TABLE, "topic:table");
    props = valid();
    props.put(DatabricksSinkConfig.JDBC_PROPERTIES, "ssl=0;oops");
    assertOnlyError(props, DatabricksSinkConfig.JDBC_PROPERTIES, "key=value");
  }

  @Test
  void secretsAreNotPrintedByTheConfiguration() {
    assertTrue(!new DatabricksSinkConfig(valid()).toString().contains("dapi-secret"));
  }
}
