package io.heropixel.connect.databricks.local;

import java.util.Map;
import org.apache.spark.SparkThrowable;

/**
 * An error Databricks raises and open-source Spark has no class for (Unity Catalog rules), carried as a
 * Spark error so that {@link StatementError} reports its class and SQLSTATE like any engine error.
 */
final class DatabricksError extends RuntimeException implements SparkThrowable {

  private final String condition;
  private final String sqlState;

  DatabricksError(String condition, String sqlState, String message) {
    super("[" + condition + "] " + message + " SQLSTATE: " + sqlState);
    this.condition = condition;
    this.sqlState = sqlState;
  }

  @Override
  public String getCondition() {
    return condition;
  }

  @Override
  public String getSqlState() {
    return sqlState;
  }

  @Override
  public Map<String, String> getMessageParameters() {
    return Map.of();
  }
}
