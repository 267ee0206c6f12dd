package io.heropixel.connect.databricks.config;

/** What columns a stream table has. */
public enum RowShape {
  /** The doc's three {@code _airbyte_*} columns (and the Kafka coordinates). */
  RAW,
  /** Those, plus one column per top-level field of the record's value schema. */
  TYPED;

  public static RowShape parse(String value) {
    return ConfigEnums.parse(RowShape.class, value, "row shape");
  }

  public String configValue() {
    return ConfigEnums.configValue(this);
  }

  public static String names() {
    return ConfigEnums.names(RowShape.class);
  }
}
