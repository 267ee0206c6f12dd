package io.heropixel.connect.databricks.local;

import org.apache.spark.SparkThrowable;

/**
 * A failed statement as Databricks reports it: {@code errorCode} is the API's coarse error code
 * (the driver parses it as an enum), the engine's SQLSTATE and message travel alongside.
 */
record StatementError(String errorCode, String sqlState, String message) {

  /**
   * Maps an engine failure: Spark's SQLSTATE and message are kept, followed by those of the engine errors
   * it wraps ("Caused by: ..."), as Databricks reports a failed job with its cause: a failure to read a
   * file is wrapped in the failed write of an INSERT. Errors in the statement itself are BAD_REQUEST,
   * internal ones (SQLSTATE class XX, or no SQLSTATE) INTERNAL_ERROR.
   */
  static StatementError of(Throwable failure) {
    Throwable cause = failure;
    while (!(cause instanceof SparkThrowable) && cause.getCause() != null) {
      cause = cause.getCause();
    }
    StringBuilder message = new StringBuilder(cause.getMessage() == null ? cause.toString() : cause.getMessage());
    for (Throwable inner = cause.getCause(); inner != null; inner = inner.getCause()) {
      if (inner instanceof SparkThrowable && inner.getMessage() != null) {
        message.append("\nCaused by: ").append(inner.getMessage());
      }
    }
    return of(cause, UnityCatalogNames.readable(message.toString()));
  }

  private static StatementError of(Throwable cause, String message) {
    if (cause instanceof SparkThrowable spark && spark.getSqlState() != null) {
      String sqlState = spark.getSqlState();
      return new StatementError(
          sqlState.startsWith("XX") ? "INTERNAL_ERROR" : "BAD_REQUEST", sqlState, message);
    }
    return new StatementError("INTERNAL_ERROR", "XX000", message);
  }
}
