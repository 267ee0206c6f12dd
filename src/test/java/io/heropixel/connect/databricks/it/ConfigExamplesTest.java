package io.heropixel.connect.databricks.it;

import static io.heropixel.connect.databricks.it.EndToEnd.validationErrors;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.heropixel.connect.databricks.local.LocalAzurite;
import io.heropixel.connect.databricks.local.LocalWarehouse;
import io.heropixel.connect.databricks.local.SharedLocalInfra;
import java.io.IOException;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every connector JSON in config/ passes validate() against the local warehouse, whose Unity Catalog rules
 * are Databricks': the example's catalog, schema, table names and data source must be able to run. Only the
 * endpoints and secrets are swapped for the local stack's; the quickstart runs config/local-stack.json whole.
 */
class ConfigExamplesTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  @Test
  void theQuickstartConfigurationIsValid() throws IOException {
    Map<String, String> config = read("local-stack.json");
    assertEquals(Map.of(), validationErrors(config));
  }

  @Test
  void theAzureQuickstartConfigurationIsValid() throws IOException {
    Map<String, String> config = read("local-stack-azure.json");
    String container = AzureBlobFixture.container(EndToEnd.unique("examples"));
    AzureBlobFixture.containerClient(container).createIfNotExists();
    config.put("azure.account.name", LocalAzurite.ACCOUNT);
    config.put("azure.container.name", container);
    config.put("azure.sas.token", AzureBlobFixture.sas(container, "racwdl", OffsetDateTime.now().plusHours(1)));
    config.put("azure.endpoint", SharedLocalInfra.azurite().blobEndpoint());
    assertEquals(Map.of(), validationErrors(config));
  }

  /** The real-workspace example: S3 into the Unity Catalog catalog main, under the external location it needs. */
  @Test
  void theS3ExampleIsValidOnceItsExternalLocationExists() throws IOException {
    Map<String, String> config = read("databricks-s3.json");
    String bucket = config.get("s3.bucket.name");
    EndToEnd.s3().createBucket(bucket);
    EndToEnd.execute("CREATE EXTERNAL LOCATION IF NOT EXISTS examples_" + bucket.replace('-', '_') + " URL 's3://"
        + bucket + "/" + config.get("s3.bucket.path") + "' WITH (STORAGE CREDENTIAL "
        + EndToEnd.warehouse().storageCredential() + ")");
    config.put("s3.access.key.id", EndToEnd.s3().accessKey());
    config.put("s3.secret.access.key", EndToEnd.s3().secretKey());
    config.put("s3.bucket.region", EndToEnd.s3().region());
    config.put("s3.endpoint", EndToEnd.s3().endpoint());
    assertEquals(Map.of(), validationErrors(config));
  }

  /** The example's keys, with the local warehouse's endpoint and token. */
  private static Map<String, String> read(String file) throws IOException {
    JsonNode json = MAPPER.readTree(Path.of("config", file).toFile()).get("config");
    Map<String, String> config = new HashMap<>();
    json.fields().forEachRemaining(e -> config.put(e.getKey(), e.getValue().asText()));
    LocalWarehouse warehouse = EndToEnd.warehouse();
    config.put("databricks.server.hostname", warehouse.host());
    config.put("databricks.port", Integer.toString(warehouse.port()));
    config.put("databricks.http.path", warehouse.httpPath());
    config.put("databricks.personal.access.token", warehouse.token());
    config.put("databricks.jdbc.properties", "ssl=0;UseThriftClient=0;EnableQueryResultDownload=0;EnableTelemetry=0");
    return config;
  }
}
