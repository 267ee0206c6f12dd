package io.heropixel.connect.databricks.routing;

/** A namespaced stream table, {@code catalog.schema.table}. */
public record TableId(String catalog, String schema, String table) {

  public TableId {
    Identifiers.validate(catalog);
    Identifiers.validate(catalog, schema);
    Identifiers.validate(catalog, table);
  }

  /** The quoted three-part name for SQL. */
  public String quoted() {
    return Identifiers.quote(catalog) + "." + Identifiers.quote(schema) + "." + Identifiers.quote(table);
  }

  /** The quoted {@code catalog.schema} for SQL. */
  public String quotedSchema() {
    return Identifiers.quote(catalog) + "." + Identifiers.quote(schema);
  }

  @Override
  public String toString() {
    return catalog + "." + schema + "." + table;
  }
}
