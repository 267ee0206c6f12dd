package io.heropixel.connect.databricks.conversion;

/** Column types of stream tables, with their names in Databricks SQL and in the Delta log schema. */
public enum ColumnType {
  STRING("STRING", "string"),
  INT("INT", "integer"),
  BIGINT("BIGINT", "long"),
  TIMESTAMP("TIMESTAMP", "timestamp");

  private final String sql;
  private final String delta;

  ColumnType(String sql, String delta) {
    this.sql = sql;
    this.delta = delta;
  }

  public String sql() {
    return sql;
  }

  public String delta() {
    return delta;
  }
}
