package io.heropixel.connect.databricks.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.heropixel.connect.databricks.DatabricksSinkConnector;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Misconfiguration answered by the REST validate call, each on the offending field. */
class ValidateEndToEndTest {

  private static Map<String, List<String>> errors(JsonNode validation) {
    Map<String, List<String>> errors = new HashMap<>();
    for (JsonNode config : validation.get("configs")) {
      JsonNode value = config.get("value");
      List<String> messages = new java.util.ArrayList<>();
      value.get("errors").forEach(e -> messages.add(e.asText()));
      if (!messages.isEmpty()) {
        errors.put(value.get("name").asText(), messages);
      }
    }
    return errors;
  }

  @ParameterizedTest(name = "{0}={1}")
  @CsvSource(delimiter = '|', value = {
      "databricks.personal.access.token|<remove>|Credentials are required: a personal access token here",
      "s3.filename.pattern|{date}_{hour}{format_extension}|Unsupported placeholder {hour}",
      "data.source.type|GCS|Unknown data source type 'GCS'",
      "databricks.jdbc.terms.accepted|false|Databricks JDBC Driver Terms",
      "s3.endpoint|minio:9000|not an http:// or https:// URL"})
  void reportsTheErrorOnTheOffendingField(String key, String value, String message) {
    Map<String, String> config = EndToEnd.connectorConfig("some-topic", "s", "p");
    config.put("name", "validate-only");
    if (value.equals("<remove>")) {
      config.remove(key);
    } else {
      config.put(key, value);
    }
    JsonNode validation = EndToEnd.connect().rest().validate(DatabricksSinkConnector.class.getSimpleName(), config);
    Map<String, List<String>> errors = errors(validation);
    assertEquals(List.of(key), List.copyOf(errors.keySet()), errors.toString());
    assertTrue(errors.get(key).toString().contains(message), errors.toString());
    assertEquals(1, validation.get("error_count").asInt());
  }

  @Test
  void managedTablesInHiveMetastoreAreRefusedOnTheCatalogField() {
    Map<String, String> config = EndToEnd.connectorConfig("some-topic", "s", "p");
    config.put("name", "validate-only");
    config.put("data.source.type", "MANAGED_TABLES");
    config.put("databricks.catalog", "hive_metastore");
    Map<String, List<String>> errors =
        errors(EndToEnd.connect().rest().validate(DatabricksSinkConnector.class.getSimpleName(), config));
    assertEquals(List.of("databricks.catalog"), List.copyOf(errors.keySet()), errors.toString());
    assertTrue(errors.get("databricks.catalog").toString().contains("volumes exist only in Unity Catalog catalogs"),
        errors.toString());
  }

  @Test
  void aSecretInTheDriverPropertiesIsRefusedAndNotRepeatedInTheError() {
    Map<String, String> config = EndToEnd.connectorConfig("some-topic", "s", "p");
    config.put("name", "validate-only");
    config.put("databricks.jdbc.properties", config.get("databricks.jdbc.properties") + ";PWD=dapi-leaked-secret");
    JsonNode validation = EndToEnd.connect().rest().validate(DatabricksSinkConnector.class.getSimpleName(), config);
    Map<String, List<String>> errors = errors(validation);
    assertEquals(List.of("databricks.jdbc.properties"), List.copyOf(errors.keySet()), errors.toString());
    assertTrue(errors.toString().contains("'PWD' holds a secret"), errors.toString());
    // Connect echoes a STRING setting's value in the answer, which no connector can stop; the error must not.
    assertFalse(errors.toString().contains("dapi-leaked-secret"), errors.toString());
  }
}
