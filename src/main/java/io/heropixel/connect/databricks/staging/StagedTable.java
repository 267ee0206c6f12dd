package io.heropixel.connect.databricks.staging;

/** A staging Delta table ready to be loaded: its key prefix, its location for SQL and its row count. */
public record StagedTable(String prefix, String location, long rows) {}
