package io.heropixel.connect.databricks.it;

import org.junit.jupiter.api.Nested;

/** The end-to-end and crash scenarios on Azure Blob staging (CSV) on Azurite, tables' data at abfss:// locations. */
class AzureBlobEndToEndTest {

  private static final DataSourceFixture FIXTURE = new AzureBlobFixture();

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
