package io.heropixel.connect.databricks.config;

/** Where staging files are written before they are loaded into Databricks (the doc's "Data Source"). */
public enum DataSourceType {
  MANAGED_TABLES,
  S3,
  AZURE_BLOB;

  public static DataSourceType parse(String value) {
    return ConfigEnums.parse(DataSourceType.class, value, "data source type");
  }

  public static String names() {
    return ConfigEnums.names(DataSourceType.class);
  }
}
