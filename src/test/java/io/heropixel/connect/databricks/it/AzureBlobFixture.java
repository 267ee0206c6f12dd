package io.heropixel.connect.databricks.it;

import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.models.BlobItem;
import com.azure.storage.blob.sas.BlobContainerSasPermission;
import com.azure.storage.blob.sas.BlobServiceSasSignatureValues;
import io.heropixel.connect.databricks.local.LocalAzurite;
import io.heropixel.connect.databricks.local.SharedLocalInfra;
import io.heropixel.connect.databricks.staging.StagingFormat;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Azure Blob staging on Azurite: a container per test, reached with a container SAS token. */
final class AzureBlobFixture implements DataSourceFixture {

  /** A container name from a test's unique name: lower case, hyphens for underscores. */
  static String container(String space) {
    return space.toLowerCase(Locale.ROOT).replace('_', '-');
  }

  static BlobContainerClient containerClient(String container) {
    return SharedLocalInfra.azurite().client().getBlobContainerClient(container);
  }

  /** A container SAS with the given permissions ("racwdl" for all the connector needs) and expiry. */
  static String sas(String container, String permissions, OffsetDateTime expiry) {
    return containerClient(container).generateSas(
        new BlobServiceSasSignatureValues(expiry, BlobContainerSasPermission.parse(permissions)));
  }

  static Map<String, String> config(String container, String sasToken) {
    Map<String, String> config = new HashMap<>();
    config.put("data.source.type", "AZURE_BLOB");
    config.put("azure.account.name", LocalAzurite.ACCOUNT);
    config.put("azure.container.name", container);
    config.put("azure.sas.token", sasToken);
    config.put("azure.endpoint", SharedLocalInfra.azurite().blobEndpoint());
    return config;
  }

  @Override
  public Map<String, String> config(String space) {
    String container = container(space);
    containerClient(container).createIfNotExists();
    return config(container, sas(container, "racwdl", OffsetDateTime.now().plusDays(1)));
  }

  @Override
  public List<String> objects(String space) {
    return containerClient(container(space)).listBlobs().stream().map(BlobItem::getName).toList();
  }

  @Override
  public StagingFormat.Kind format() {
    return StagingFormat.Kind.CSV;
  }

  @Override
  public String tableLocation(String space, String schema, String stream) {
    return "abfss://" + container(space) + "@" + LocalAzurite.ACCOUNT + ".dfs.core.windows.net/"
        + tableData(schema, stream);
  }
}
