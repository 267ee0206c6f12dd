package io.heropixel.connect.databricks.staging;

import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.core.util.BinaryData;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobContainerClientBuilder;
import com.azure.storage.blob.models.BlobItem;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.blob.models.ListBlobsOptions;
import com.azure.storage.common.policy.RequestRetryOptions;
import com.azure.storage.common.policy.RetryPolicyType;
import io.heropixel.connect.databricks.config.DatabricksSinkConfig.AzureSettings;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Staging in an Azure Blob Storage container, authorized by a SAS token. The warehouse reads the same
 * blobs through ADLS Gen2's {@code abfss://<container>@<account>.dfs.core.windows.net/} scheme.
 */
public final class AzureBlobStagingStore implements StagingStore {

  private final BlobContainerClient container;
  private final String account;
  private final String containerName;

  public AzureBlobStagingStore(AzureSettings settings) {
    this.account = settings.account();
    this.containerName = settings.container();
    this.container = new BlobContainerClientBuilder()
        .endpoint(settings.blobEndpoint())
        .containerName(containerName)
        .sasToken(settings.sasToken().value().strip())
        .httpClient(new JdkHttpClientBuilder().build())
        // A few quick tries only: the sink writer retries passing failures with its own backoff.
        .retryOptions(new RequestRetryOptions(RetryPolicyType.EXPONENTIAL, 3, Duration.ofSeconds(30),
            Duration.ofMillis(200), Duration.ofSeconds(2), null))
        .buildClient();
  }

  @Override
  public void upload(String key, Path file) throws IOException {
    call(() -> {
      container.getBlobClient(key).uploadFromFile(file.toString(), true);
      return null;
    }, "upload", key);
  }

  @Override
  public void put(String key, byte[] bytes) throws IOException {
    call(() -> {
      container.getBlobClient(key).upload(BinaryData.fromBytes(bytes), true);
      return null;
    }, "upload", key);
  }

  @Override
  public List<String> list(String prefix) throws IOException {
    return call(() -> container.listBlobs(new ListBlobsOptions().setPrefix(prefix), null).stream()
        .map(BlobItem::getName).toList(), "list", prefix);
  }

  @Override
  public void deletePrefix(String prefix) throws IOException {
    for (String key : list(prefix)) {
      call(() -> container.getBlobClient(key).deleteIfExists(), "delete", key);
    }
  }

  @Override
  public String location(String key) {
    return "abfss://" + containerName + "@" + account + ".dfs.core.windows.net/" + key;
  }

  private interface Call<T> {
    T run();
  }

  /**
   * Refusals (bad or expired SAS, missing permission, no such container) are final; throttling, server
   * errors and network failures pass, and are thrown as IOException for the caller to retry.
   */
  private <T> T call(Call<T> action, String what, String key) throws IOException {
    String where = "Azure Blob Storage " + what + " of " + containerName + "/" + key;
    try {
      return action.run();
    } catch (BlobStorageException e) {
      String message = where + " failed with HTTP " + e.getStatusCode() + " (" + e.getErrorCode() + "): "
          + firstLine(e.getServiceMessage());
      if (StagingAccessException.isFinal(e.getStatusCode())) {
        StagingAccessException.Reason reason = StagingAccessException.of(e.getStatusCode());
        throw new StagingAccessException(reason, reason == StagingAccessException.Reason.DENIED ? message
            + ". The SAS token (azure.sas.token) must be unexpired and allow read, add, create, write, delete and "
            + "list (sp=racwdl) on the container" : message, e);
      }
      throw new IOException(message, e);
    } catch (RuntimeException e) {
      // The SDK wraps network failures in several unchecked types; all of them pass.
      throw new IOException(where + " failed: " + e.getMessage(), e);
    }
  }

  private static String firstLine(String text) {
    return text == null ? "" : text.lines().findFirst().orElse("");
  }

  @Override
  public void close() {
    // The client holds no resources of its own; the JDK HttpClient's threads are daemons.
  }
}
