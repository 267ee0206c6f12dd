package io.heropixel.connect.databricks.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.heropixel.connect.databricks.DatabricksSinkConnector;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.Test;

/** validate() writes a probe blob to Azurite and names the setting at fault when it cannot. */
class AzureBlobValidateTest {

  private static Map<String, List<String>> errors(Map<String, String> dataSource) {
    Map<String, String> config = EndToEnd.connectorConfig("t", "s", dataSource);
    return new DatabricksSinkConnector().validate(config).configValues().stream()
        .filter(v -> !v.errorMessages().isEmpty())
        .collect(Collectors.toMap(ConfigValue::name, ConfigValue::errorMessages));
  }

  private static void assertOnlyError(Map<String, List<String>> errors, String key, String fragment) {
    assertEquals(List.of(key), List.copyOf(errors.keySet()), errors.toString());
    assertTrue(errors.get(key).toString().contains(fragment), errors.toString());
  }

  private static String container() {
    String container = AzureBlobFixture.container(EndToEnd.unique("validate"));
    AzureBlobFixture.containerClient(container).create();
    return container;
  }

  @Test
  void aWritableContainerPassesAndTheProbeLeavesNothing() {
    String container = container();
    String sas = AzureBlobFixture.sas(container, "racwdl", OffsetDateTime.now().plusHours(1));
    assertEquals(Map.of(), errors(AzureBlobFixture.config(container, sas)));
    assertEquals(List.of(), AzureBlobFixture.containerClient(container).listBlobs().stream().toList());
  }

  @Test
  void aSasWithoutWritePermissionIsReportedOnTheToken() {
    String container = container();
    String readOnly = AzureBlobFixture.sas(container, "rl", OffsetDateTime.now().plusHours(1));
    assertOnlyError(errors(AzureBlobFixture.config(container, readOnly)), "azure.sas.token", "HTTP 403");
  }

  @Test
  void anExpiredSasIsReportedOnTheToken() {
    String container = container();
    String expired = AzureBlobFixture.sas(container, "racwdl", OffsetDateTime.now().minusMinutes(5));
    assertOnlyError(errors(AzureBlobFixture.config(container, expired)), "azure.sas.token", "HTTP 403");
  }

  @Test
  void aMissingContainerIsReportedOnTheContainer() {
    String container = container();
    String sas = AzureBlobFixture.sas(container, "racwdl", OffsetDateTime.now().plusHours(1));
    Map<String, String> config = AzureBlobFixture.config(container + "-gone", sas);
    // An account SAS would reach the missing container; a container SAS of another one is refused first.
    Map<String, List<String>> errors = errors(config);
    assertEquals(1, errors.size(), errors.toString());
    assertTrue(errors.containsKey("azure.container.name") || errors.containsKey("azure.sas.token"), errors.toString());
  }

  @Test
  void anUnreachableEndpointIsReportedOnTheEndpoint() {
    String container = container();
    Map<String, String> config = AzureBlobFixture.config(container,
        AzureBlobFixture.sas(container, "racwdl", OffsetDateTime.now().plusHours(1)));
    config.put("azure.endpoint", "http://127.0.0.1:9/devstoreaccount1");
    assertOnlyError(errors(config), "azure.endpoint", "not reachable");
  }
}
