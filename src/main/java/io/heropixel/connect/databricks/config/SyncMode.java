package io.heropixel.connect.databricks.config;

/** How a stream's table is treated when the connector is deployed. */
public enum SyncMode {
  /** Rows are appended to the table; nothing is ever deleted. */
  APPEND,
  /** The table and its data are replaced once per deployment, then rows are appended. */
  FULL_REFRESH;

  public static SyncMode parse(String value) {
    return ConfigEnums.parse(SyncMode.class, value, "sync mode");
  }

  public String configValue() {
    return ConfigEnums.configValue(this);
  }

  public static String names() {
    return ConfigEnums.names(SyncMode.class);
  }
}
