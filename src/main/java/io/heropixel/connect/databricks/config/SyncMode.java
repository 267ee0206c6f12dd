package io.heropixel.connect.databricks.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** How a stream's table is treated when the connector is deployed. */
public enum SyncMode {
  /** Rows are appended to the table; nothing is ever deleted. */
  APPEND,
  /** The table and its data are replaced once per deployment, then rows are appended. */
  FULL_REFRESH;

  public static SyncMode parse(String value) {
    try {
      return valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new IllegalArgumentException("Unknown sync mode '" + value + "'; expected one of " + names());
    }
  }

  public String configValue() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static String names() {
    return Arrays.stream(values()).map(SyncMode::configValue).collect(Collectors.joining(", "));
  }
}
