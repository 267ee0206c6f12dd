package io.heropixel.connect.databricks.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What columns a stream table has. */
public enum RowShape {
  /** The doc's three {@code _airbyte_*} columns (and the Kafka coordinates). */
  RAW,
  /** Those, plus one column per top-level field of the record's value schema. */
  TYPED;

  public static RowShape parse(String value) {
    try {
      return valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new IllegalArgumentException("Unknown row shape '" + value + "'; expected one of " + names());
    }
  }

  public String configValue() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static String names() {
    return Arrays.stream(values()).map(RowShape::configValue).collect(Collectors.joining(", "));
  }
}
