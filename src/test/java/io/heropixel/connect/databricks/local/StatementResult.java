package io.heropixel.connect.databricks.local;

import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/** The rows a statement produced, collected on the driver. */
record StatementResult(StructType schema, List<Row> rows) {}
