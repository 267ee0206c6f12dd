package io.heropixel.connect.databricks.local;

import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.common.StorageSharedKeyCredential;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Azurite's Blob service (npm {@code azurite}, pinned) as a child process on 127.0.0.1, in memory or
 * in a directory.
 * The first start installs it under {@code target/azurite} (or the {@code azurite.install.dir} system
 * property) with npm; later starts reuse that install.
 * Clients use Azurite's well-known development account and key, or SAS tokens signed with that key.
 */
public final class LocalAzurite implements AutoCloseable {

  public static final String VERSION = "3.37.0";
  /** Azurite's fixed development account and key (public, documented by Azure). */
  public static final String ACCOUNT = "devstoreaccount1";
  public static final String ACCOUNT_KEY =
      "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

  private static final Path INSTALL_DIR =
      Path.of(System.getProperty("azurite.install.dir", "target/azurite")).toAbsolutePath();
  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

  private final Process process;
  private final int port;

  private LocalAzurite(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  /**
   * Installs Azurite if missing, starts it on a port (0: a free one) and waits until it accepts connections.
   *
   * @param dataDir where blobs persist across restarts, as the local stack's warehouse metastore expects;
   *     null keeps them in memory, for tests
   */
  public static LocalAzurite start(Path logFile, int requestedPort, Path dataDir) {
    Path binary = install();
    int port = requestedPort == 0 ? freePort() : requestedPort;
    try {
      Files.createDirectories(logFile.getParent());
      List<String> command = new ArrayList<>(List.of(binary.toString(), "--blobHost", "127.0.0.1", "--blobPort",
          Integer.toString(port), "--disableTelemetry", "--skipApiVersionCheck", "--loose"));
      if (dataDir == null) {
        command.add("--inMemoryPersistence");
      } else {
        Files.createDirectories(dataDir);
        command.addAll(List.of("--location", dataDir.toString()));
      }
      Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(logFile.toFile())
          .start();
      LocalAzurite azurite = new LocalAzurite(process, port);
      azurite.awaitListening(logFile);
      return azurite;
    } catch (IOException e) {
      throw new IllegalStateException("Azurite did not start", e);
    }
  }

  private static synchronized Path install() {
    Path binary = INSTALL_DIR.resolve("node_modules/.bin/azurite-blob");
    if (Files.isExecutable(binary)) {
      return binary;
    }
    try {
      Files.createDirectories(INSTALL_DIR);
      Process npm = new ProcessBuilder("npm", "install", "--prefix", INSTALL_DIR.toString(), "--no-audit",
          "--no-fund", "azurite@" + VERSION).redirectErrorStream(true)
          .redirectOutput(INSTALL_DIR.resolve("npm-install.log").toFile()).start();
      if (npm.waitFor() != 0 || !Files.isExecutable(binary)) {
        throw new IllegalStateException("npm install azurite@" + VERSION + " failed; see "
            + INSTALL_DIR.resolve("npm-install.log"));
      }
      return binary;
    } catch (IOException e) {
      throw new IllegalStateException("Cannot run npm to install Azurite (is Node.js installed?)", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while installing Azurite", e);
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException("No free port", e);
    }
  }

  private void awaitListening(Path logFile) {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("Azurite exited with " + process.exitValue() + "; see " + logFile);
      }
      try (Socket ignored = new Socket("127.0.0.1", port)) {
        return;
      } catch (IOException notYet) {
        try {
          Thread.sleep(100);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException(e);
        }
      }
    }
    close();
    throw new IllegalStateException("Azurite did not listen on port " + port + " within " + START_TIMEOUT);
  }

  /** The Blob service endpoint, path-style: {@code http://127.0.0.1:<port>/devstoreaccount1}. */
  public String blobEndpoint() {
    return "http://127.0.0.1:" + port + "/" + ACCOUNT;
  }

  /** A client with the account key, for setting up containers and SAS tokens in tests. */
  public BlobServiceClient client() {
    return new BlobServiceClientBuilder().endpoint(blobEndpoint())
        .credential(new StorageSharedKeyCredential(ACCOUNT, ACCOUNT_KEY))
        .httpClient(new JdkHttpClientBuilder().build()).buildClient();
  }

  public void createContainer(String name) {
    client().getBlobContainerClient(name).createIfNotExists();
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
