package io.heropixel.connect.databricks.it;

/** The end-to-end and crash scenarios on S3 staging on the local S3 server. */
class S3EndToEndTest extends DataSourceEndToEnd {

  private static final DataSourceFixture FIXTURE = new S3Fixture();

  @Override
  DataSourceFixture dataSource() {
    return FIXTURE;
  }
}
