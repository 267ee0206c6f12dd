package io.heropixel.connect.databricks.staging;

/** A staging table ready to be loaded: its key prefix, its location for SQL, its format and its row count. */
public record StagedTable(String prefix, String location, StagingFormat.Kind format, long rows) {}
