package io.heropixel.connect.databricks.it;

/** The end-to-end and crash scenarios on Azure Blob staging (CSV) on Azurite, tables' data at abfss:// locations. */
class AzureBlobEndToEndTest extends DataSourceEndToEnd {

  private static final DataSourceFixture FIXTURE = new AzureBlobFixture();

  @Override
  DataSourceFixture dataSource() {
    return FIXTURE;
  }
}
