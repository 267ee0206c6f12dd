package io.heropixel.connect.databricks.it;

import static io.heropixel.connect.databricks.it.EndToEnd.assertOnlyError;
import static io.heropixel.connect.databricks.it.EndToEnd.validationErrors;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** validate() writes a probe object to the bucket and names the setting at fault when it cannot. */
class S3ValidateTest {

  private static Map<String, String> config(String path) {
    return EndToEnd.connectorConfig("t", "s", new S3Fixture().config(path));
  }

  @Test
  void aWritableBucketPassesAndTheProbeLeavesNothing() {
    String path = EndToEnd.unique("validate");
    assertEquals(Map.of(), validationErrors(config(path)));
    assertEquals(List.of(), new S3Fixture().objects(path));
  }

  @Test
  void aWrongSecretIsReportedOnTheSecret() {
    Map<String, String> config = config(EndToEnd.unique("validate"));
    config.put("s3.secret.access.key", "not-the-secret");
    assertOnlyError(validationErrors(config), "s3.secret.access.key", "403");
  }

  @Test
  void aMissingBucketIsReportedOnTheBucket() {
    Map<String, String> config = config(EndToEnd.unique("validate"));
    config.put("s3.bucket.name", "no-such-bucket");
    assertOnlyError(validationErrors(config), "s3.bucket.name", "404");
  }

  @Test
  void anUnreachableEndpointIsReportedOnTheEndpoint() {
    Map<String, String> config = config(EndToEnd.unique("validate"));
    config.put("s3.endpoint", "http://127.0.0.1:9");
    assertOnlyError(validationErrors(config), "s3.endpoint", "not reachable");
  }
}
