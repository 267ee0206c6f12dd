package io.heropixel.connect.databricks.it;

/** The end-to-end and crash scenarios on managed tables staged in a Unity Catalog volume over the Files API. */
class ManagedTablesEndToEndTest extends DataSourceEndToEnd {

  private static final DataSourceFixture FIXTURE = new ManagedTablesFixture();

  @Override
  DataSourceFixture dataSource() {
    return FIXTURE;
  }
}
