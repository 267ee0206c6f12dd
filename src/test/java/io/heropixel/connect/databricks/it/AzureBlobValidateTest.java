package io.heropixel.connect.databricks.it;

import static io.heropixel.connect.databricks.it.EndToEnd.assertOnlyError;
import static io.heropixel.connect.databricks.it.EndToEnd.validationErrors;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.azure.storage.blob.models.BlobItem;
import com.azure.storage.blob.models.BlobListDetails;
import com.azure.storage.blob.models.ListBlobsOptions;
import com.azure.storage.common.sas.AccountSasPermission;
import com.azure.storage.common.sas.AccountSasResourceType;
import com.azure.storage.common.sas.AccountSasService;
import com.azure.storage.common.sas.AccountSasSignatureValues;
import io.heropixel.connect.databricks.local.SharedLocalInfra;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** validate() writes a probe blob to Azurite and names the setting at fault when it cannot. */
class AzureBlobValidateTest {

  private static Map<String, List<String>> errors(Map<String, String> dataSource) {
    return validationErrors(EndToEnd.connectorConfig("t", "s", dataSource));
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
    // The probe table's data is gone; only the schema's empty directory (a folder marker blob) may remain,
    // as the schema itself does: validate() creates it as the first load would.
    assertEquals(List.of(), AzureBlobFixture.containerClient(container).listBlobs(new ListBlobsOptions()
            .setDetails(new BlobListDetails().setRetrieveMetadata(true)), null).stream()
        .filter(b -> b.getMetadata() == null || !"true".equals(b.getMetadata().get("hdi_isfolder")))
        .map(BlobItem::getName).toList());
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
    // An account SAS reaches any container, so the refusal is the container's absence.
    String accountSas = SharedLocalInfra.azurite().client().generateAccountSas(new AccountSasSignatureValues(
        OffsetDateTime.now().plusHours(1), AccountSasPermission.parse("racwdl"), AccountSasService.parse("b"),
        AccountSasResourceType.parse("sco")));
    Map<String, String> config = AzureBlobFixture.config(
        AzureBlobFixture.container(EndToEnd.unique("missing")), accountSas);
    assertOnlyError(errors(config), "azure.container.name", "HTTP 404");
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
