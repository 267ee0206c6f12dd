package io.heropixel.connect.databricks.staging;

import io.heropixel.connect.databricks.config.DatabricksSinkConfig.S3Settings;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.Delete;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/** Staging on Amazon S3 or an S3-compatible server. */
public final class S3StagingStore implements StagingStore {

  private final S3Client s3;
  private final String bucket;

  public S3StagingStore(S3Settings settings) {
    S3ClientBuilder builder = S3Client.builder()
        .region(Region.of(settings.region()))
        .credentialsProvider(StaticCredentialsProvider.create(
            AwsBasicCredentials.create(settings.accessKeyId(), settings.secretAccessKey().value())));
    if (!settings.endpoint().isBlank()) {
      // S3-compatible servers rarely serve virtual-host-style bucket names.
      builder.endpointOverride(URI.create(settings.endpoint())).forcePathStyle(true);
    }
    this.s3 = builder.build();
    this.bucket = settings.bucket();
  }

  @Override
  public void upload(String key, Path file) throws IOException {
    call(() -> s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromFile(file)), "upload", key);
  }

  @Override
  public void put(String key, byte[] bytes) throws IOException {
    call(() -> s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(bytes)), "upload", key);
  }

  @Override
  public List<String> list(String prefix) throws IOException {
    List<String> keys = new ArrayList<>();
    call(() -> s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix)).contents()
        .forEach(o -> keys.add(o.key())), "list", prefix);
    return keys;
  }

  @Override
  public void deletePrefix(String prefix) throws IOException {
    call(() -> {
      for (var page : s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix))) {
        List<ObjectIdentifier> ids = page.contents().stream().map(S3Object::key)
            .map(k -> ObjectIdentifier.builder().key(k).build()).toList();
        if (!ids.isEmpty()) {
          s3.deleteObjects(b -> b.bucket(bucket).delete(Delete.builder().objects(ids).quiet(true).build()));
        }
      }
    }, "delete", prefix);
  }

  @Override
  public String location(String key) {
    return "s3://" + bucket + "/" + key;
  }

  /**
   * S3's refusals (access denied, no such bucket) are final; throttling, server errors and network failures
   * pass, and are thrown as IOException for the caller to retry.
   */
  private void call(Runnable action, String what, String key) throws IOException {
    try {
      action.run();
    } catch (S3Exception e) {
      String message = "S3 " + what + " of s3://" + bucket + "/" + key + " failed with HTTP " + e.statusCode() + ": "
          + e.getMessage();
      if (StagingAccessException.isFinal(e.statusCode())) {
        throw new StagingAccessException(StagingAccessException.of(e.statusCode()), message, e);
      }
      throw new IOException(message, e);
    } catch (SdkException e) {
      throw new IOException("S3 " + what + " of s3://" + bucket + "/" + key + " failed: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    s3.close();
  }
}
