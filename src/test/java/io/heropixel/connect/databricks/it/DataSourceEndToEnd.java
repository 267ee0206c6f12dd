package io.heropixel.connect.databricks.it;

import org.junit.jupiter.api.Nested;

/** The end-to-end and crash scenarios, run on the data source of a subclass's fixture. */
abstract class DataSourceEndToEnd {

  abstract DataSourceFixture dataSource();

  @Nested
  class Loads extends StagingScenarios {
    @Override
    DataSourceFixture fixture() {
      return dataSource();
    }
  }

  @Nested
  class Crashes extends CrashScenarios {
    @Override
    DataSourceFixture fixture() {
      return dataSource();
    }
  }
}
