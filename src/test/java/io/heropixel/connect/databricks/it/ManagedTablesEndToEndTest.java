package io.heropixel.connect.databricks.it;

import org.junit.jupiter.api.Nested;

/** The end-to-end and crash scenarios on managed tables staged in a Unity Catalog volume over the Files API. */
class ManagedTablesEndToEndTest {

  private static final DataSourceFixture FIXTURE = new ManagedTablesFixture();

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
