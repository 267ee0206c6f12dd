package io.heropixel.connect.databricks.local;

import org.apache.spark.SparkThrowable;

/**
 * A failed statement as Databricks reports it: {@code errorCode} is the API's coarse error code
 * (the driver parses it as an enum), the engine's SQLSTATE and message travel alongside.
 */
record StatementError(String errorCode, String sqlState, String message) {

  /** Errors the engine attributes to the statement itself (SQLSTATE class other than XX). */
  static StatementError of(Throwable failure) {
    Throwable cause = failure;
    while (!(cause instanceof SparkThrowable) && cause.getCause() != null) {
      cause = cause.getCause();
    }
    String message = cause.getMessage() == null ? cause.toString() : cause.getMessage();
    if (cause instanceof SparkThrowable spark && spark.getSqlState() != null) {
      String sqlState = spark.getSqlState();
      return new StatementError(
          sqlState.startsWith("XX") ? "INTERNAL_ERROR" : "BAD_REQUEST", sqlState, message);
    }
    return new StatementError("INTERNAL_ERROR", "XX000", message);
  }
}
