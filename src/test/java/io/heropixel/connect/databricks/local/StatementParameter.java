package io.heropixel.connect.databricks.local;

/**
 * One entry of the Statement Execution API {@code parameters} list: named ({@code :name}) when
 * {@code name} is set, otherwise positional ({@code ?}) at 1-based {@code ordinal}. {@code type}
 * is the Databricks type name the client sent (e.g. {@code LONG}, {@code DECIMAL(10,2)}).
 */
record StatementParameter(String name, Integer ordinal, String type, String value) {}
