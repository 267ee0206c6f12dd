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

  private final BlobStore store;
  private final int port;
  /** Null while stopped. */
  private S3Proxy proxy;

  private LocalS3(S3Proxy proxy, BlobStore store) {
    this.proxy = proxy;
    this.store = store;
    this.port = proxy.getPort();
  }

  /** Starts the server; {@code port} 0 picks a free port. */
  public static LocalS3 start(Path dataDir, int port) {
    try {
      Files.createDirectories(dataDir);
      BlobStore store = new FilesystemNio2BlobStore(dataDir.toAbsolutePath().toString());
      return new LocalS3(serve(store, port), store);
    } catch (Exception e) {
      throw new IllegalStateException("Local S3 did not start on port " + port, e);
    }
  }

  private static S3Proxy serve(BlobStore store, int port) throws Exception {
    S3Proxy proxy =
        S3Proxy.builder()
            .blobStore(store)
            .endpoint(URI.create("http://127.0.0.1:" + port))
            .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
            .build();
    proxy.start();
    waitUntilStarted(proxy);
    return proxy;
  }

  /**
   * Stops serving, so clients meet refused connections, as in an outage; {@link #resume()} serves
   * the same directory on the same port again. Tests share the server: resume it in a finally block.
   */
  public synchronized void stop() {
    if (proxy != null) {
      stopProxy();
      proxy = null;
    }
  }

  /** Serves again on the same port after {@link #stop()}; does nothing while serving. */
  public synchronized void resume() {
    if (proxy == null) {
      try {
        proxy = serve(store, port);
      } catch (Exception e) {
        throw new IllegalStateException("Local S3 did not start again on port " + port, e);
      }
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
    return "http://127.0.0.1:" + port;
  }

  public int port() {
    return port;
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
    stop();
  }

  private void stopProxy() {
    try {
      proxy.stop();
    } catch (Exception e) {
      throw new IllegalStateException("Local S3 did not stop", e);
    }
  }
}
