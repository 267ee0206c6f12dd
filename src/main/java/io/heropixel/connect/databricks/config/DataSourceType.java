package io.heropixel.connect.databricks.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Where staging files are written before they are loaded into Databricks (the doc's "Data Source"). */
public enum DataSourceType {
  MANAGED_TABLES,
  S3,
  AZURE_BLOB;

  /** Parses a configured value; unknown values are an error, never a silent default. */
  public static DataSourceType parse(String value) {
    try {
      return valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new IllegalArgumentException(
          "Unknown data source type '" + value + "'; expected one of " + names());
    }
  }

  public static String names() {
    return Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", "));
  }
}
