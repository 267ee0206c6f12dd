package io.heropixel.connect.databricks.local;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;

/**
 * An S3-compatible server on 127.0.0.1 (s3proxy over a directory), reached path-style with fixed
 * local credentials. Buckets are sub-directories of the data directory, so data survives a
 * restart over the same directory.
 */
public final class LocalS3 implements AutoCloseable {

  private static final String ACCESS_KEY = "local-access-key";
  private static final String SECRET_KEY = "local-secret-key";
  private static final String REGION = "us-east-1";

  private final S3Proxy proxy;
  private final BlobStore store;

  private LocalS3(S3Proxy proxy, BlobStore store) {
    this.proxy = proxy;
    this.store = store;
  }

  /** Starts the server; {@code port} 0 picks a free port. */
  public static LocalS3 start(Path dataDir, int port) {
    try {
      Files.createDirectories(dataDir);
      BlobStore store = new FilesystemNio2BlobStore(dataDir.toAbsolutePath().toString());
      S3Proxy proxy =
          S3Proxy.builder()
              .blobStore(store)
              .endpoint(URI.create("http://127.0.0.1:" + port))
              .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
              .build();
      proxy.start();
      waitUntilStarted(proxy);
      return new LocalS3(proxy, store);
    } catch (Exception e) {
      throw new IllegalStateException("Local S3 did not start on port " + port, e);
    }
  }

  private static void waitUntilStarted(S3Proxy proxy) throws InterruptedException {
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (!"STARTED".equals(proxy.getState())) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("s3proxy state " + proxy.getState());
      }
      Thread.sleep(20);
    }
  }

  public String endpoint() {
    return "http://127.0.0.1:" + proxy.getPort();
  }

  public int port() {
    return proxy.getPort();
  }

  public String accessKey() {
    return ACCESS_KEY;
  }

  public String secretKey() {
    return SECRET_KEY;
  }

  public String region() {
    return REGION;
  }

  /** Creates the bucket unless it exists already. */
  public void createBucket(String bucket) {
    if (!store.containerExists(bucket)) {
      store.createContainer(bucket);
    }
  }

  @Override
  public void close() {
    try {
      proxy.stop();
    } catch (Exception e) {
      throw new IllegalStateException("Local S3 did not stop", e);
    }
  }
}
