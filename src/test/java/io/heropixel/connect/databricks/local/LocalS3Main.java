package io.heropixel.connect.databricks.local;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Runs {@link LocalS3} as its own process for bin/local-stack: {@code --data-dir DIR [--port N]
 * [--bucket NAME]}. Creates the bucket, if named; prints {@code S3_ENDPOINT=}, {@code S3_ACCESS_KEY=},
 * {@code S3_SECRET_KEY=}, {@code S3_REGION=}, {@code S3_BUCKET=} (if named), then {@code READY}; stops on
 * SIGTERM.
 */
public final class LocalS3Main {

  private LocalS3Main() {}

  public static void main(String[] args) throws InterruptedException {
    Options options = Options.parse(args);
    LocalS3 s3 = LocalS3.start(Path.of(options.required("--data-dir")),
        Integer.parseInt(options.getOrDefault("--port", "0")));
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      s3.close();
      stopped.countDown();
    }, "local-s3-stop"));
    System.out.println("S3_ENDPOINT=" + s3.endpoint());
    System.out.println("S3_ACCESS_KEY=" + s3.accessKey());
    System.out.println("S3_SECRET_KEY=" + s3.secretKey());
    System.out.println("S3_REGION=" + s3.region());
    if (options.has("--bucket")) {
      s3.createBucket(options.get("--bucket"));
      System.out.println("S3_BUCKET=" + options.get("--bucket"));
    }
    System.out.println("READY");
    System.out.flush();
    stopped.await();
  }
}
