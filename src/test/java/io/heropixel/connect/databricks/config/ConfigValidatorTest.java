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
    assertOnlyError(props, DatabricksSinkConfig.TOKEN, "personal access token is required");
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
  void dataSourcesOfLaterReleasesAreRejectedClearly() {
    Map<String, String> props = valid();
    props.put(DatabricksSinkConfig.DATA_SOURCE, "AZURE_BLOB");
    assertOnlyError(props, DatabricksSinkConfig.DATA_SOURCE, "not supported by this version");
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
