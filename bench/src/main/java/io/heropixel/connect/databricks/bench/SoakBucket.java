package io.heropixel.connect.databricks.bench;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.S3Object;

/** The bucket the connector stages into; what staging tables it left behind shows where kills landed. */
final class SoakBucket implements AutoCloseable {

  /** Staging tables a load left behind: with data files only (killed while uploading) or with their log. */
  record Leftovers(int uploading, int staged) {
    int total() {
      return uploading + staged;
    }
  }

  private final S3Client s3;
  private final String bucket;

  SoakBucket(Stack stack, String bucket) {
    this.bucket = bucket;
    this.s3 = S3Client.builder().region(Region.of(stack.endpoint("S3_REGION")))
        .endpointOverride(URI.create(stack.endpoint("S3_ENDPOINT"))).forcePathStyle(true)
        .credentialsProvider(StaticCredentialsProvider.create(
            AwsBasicCredentials.create(stack.endpoint("S3_ACCESS_KEY"), stack.endpoint("S3_SECRET_KEY"))))
        .build();
  }

  void create() {
    try {
      s3.createBucket(b -> b.bucket(bucket));
    } catch (BucketAlreadyOwnedByYouException earlierRun) {
      // Each run writes under its own path.
    }
  }

  /**
   * Staging tables under {@code path}/: a load purges its staging table once loaded, so each one left is a
   * load that a kill interrupted between its first upload and its purge. {@code tablesDir} holds the
   * target tables, not staging.
   */
  Leftovers leftovers(String path, String tablesDir) {
    Map<String, Boolean> hasLog = new HashMap<>();
    for (S3Object o : s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(path + "/")).contents()) {
      String[] parts = o.key().substring(path.length() + 1).split("/", 2);
      if (!parts[0].equals(tablesDir)) {
        hasLog.merge(parts[0], o.key().contains("/_delta_log/"), Boolean::logicalOr);
      }
    }
    int staged = (int) hasLog.values().stream().filter(b -> b).count();
    return new Leftovers(hasLog.size() - staged, staged);
  }

  @Override
  public void close() {
    s3.close();
  }
}
