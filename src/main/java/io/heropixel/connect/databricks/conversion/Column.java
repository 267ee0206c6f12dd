package io.heropixel.connect.databricks.conversion;

import org.apache.parquet.schema.Type;

/** A column of a stream table, or a field of a struct column. */
public record Column(String name, DataType type, boolean nullable) {

  /** The column as a field of a Delta log schema. */
  public String deltaJson() {
    return "{\"name\":" + jsonString(name) + ",\"type\":" + type.deltaJson() + ",\"nullable\":" + nullable
        + ",\"metadata\":{}}";
  }

  /** The column as a field of a staging Parquet file's schema. */
  public Type parquet() {
    return type.parquet(name);
  }

  private static String jsonString(String text) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : text.toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }
}
