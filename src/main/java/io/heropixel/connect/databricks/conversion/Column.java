package io.heropixel.connect.databricks.conversion;

/** A column of a stream table. */
public record Column(String name, ColumnType type, boolean nullable) {}
