package io.heropixel.connect.databricks.local;

import com.azure.storage.common.sas.AccountSasPermission;
import com.azure.storage.common.sas.AccountSasResourceType;
import com.azure.storage.common.sas.AccountSasService;
import com.azure.storage.common.sas.AccountSasSignatureValues;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.concurrent.CountDownLatch;

/**
 * Runs {@link LocalAzurite} for bin/local-stack: {@code --data-dir DIR --log FILE [--port N] [--container NAME]}.
 * Blobs persist in the directory, as the warehouse's metastore outlives restarts too. Creates
 * the staging container, then prints {@code AZURE_BLOB_ENDPOINT=}, {@code AZURE_ACCOUNT_NAME=},
 * {@code AZURE_CONTAINER_NAME=} and {@code AZURE_SAS_TOKEN=} (an account SAS valid for 30 days), then
 * {@code READY}; stops Azurite on SIGTERM.
 */
public final class LocalAzuriteMain {

  private LocalAzuriteMain() {}

  public static void main(String[] args) throws InterruptedException {
    Options options = Options.parse(args);
    LocalAzurite azurite = LocalAzurite.start(Path.of(options.required("--log")),
        Integer.parseInt(options.getOrDefault("--port", "0")), Path.of(options.required("--data-dir")));
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      azurite.close();
      stopped.countDown();
    }, "local-azurite-stop"));
    String container = options.getOrDefault("--container", "kafka-staging");
    azurite.createContainer(container);
    String sas = azurite.client().generateAccountSas(new AccountSasSignatureValues(
        OffsetDateTime.now().plusDays(30), AccountSasPermission.parse("racwdl"), AccountSasService.parse("b"),
        AccountSasResourceType.parse("sco")));
    System.out.println("AZURE_BLOB_ENDPOINT=" + azurite.blobEndpoint());
    System.out.println("AZURE_ACCOUNT_NAME=" + LocalAzurite.ACCOUNT);
    System.out.println("AZURE_CONTAINER_NAME=" + container);
    System.out.println("AZURE_SAS_TOKEN=" + sas);
    System.out.println("READY");
    System.out.flush();
    stopped.await();
  }
}
