package io.heropixel.connect.databricks.it;

import io.heropixel.connect.databricks.local.LocalS3;
import io.heropixel.connect.databricks.staging.StagingFormat;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** S3 staging on the local S3 server: one bucket, a bucket path per test. */
final class S3Fixture implements DataSourceFixture {

  @Override
  public Map<String, String> config(String space) {
    LocalS3 s3 = EndToEnd.s3();
    Map<String, String> config = new HashMap<>();
    config.put("data.source.type", "S3");
    config.put("s3.bucket.name", EndToEnd.BUCKET);
    config.put("s3.bucket.path", space);
    config.put("s3.bucket.region", s3.region());
    config.put("s3.endpoint", s3.endpoint());
    config.put("s3.access.key.id", s3.accessKey());
    config.put("s3.secret.access.key", s3.secretKey());
    return config;
  }

  @Override
  public List<String> objects(String space) {
    return EndToEnd.objects(space + "/").stream().map(k -> k.substring(space.length() + 1)).toList();
  }

  @Override
  public StagingFormat.Kind format() {
    return StagingFormat.Kind.DELTA;
  }

  @Override
  public String tableLocation(String space, String schema, String stream) {
    return "s3://" + EndToEnd.BUCKET + "/" + space + "/" + tableData(schema, stream);
  }
}
