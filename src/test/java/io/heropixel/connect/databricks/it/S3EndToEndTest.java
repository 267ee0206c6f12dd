package io.heropixel.connect.databricks.it;

import org.junit.jupiter.api.Nested;

/** The end-to-end and crash scenarios on S3 staging on the local S3 server. */
class S3EndToEndTest {

  private static final DataSourceFixture FIXTURE = new S3Fixture();

  @Nested
  class Loads extends StagingScenarios {
    @Override
    DataSourceFixture fixture() {
      return FIXTURE;
    }
  }

  @Nested
  class Crashes extends CrashScenarios {
    @Override
    DataSourceFixture fixture() {
      return FIXTURE;
    }
  }
}
