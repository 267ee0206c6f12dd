package io.heropixel.connect.databricks.local;

/** Statement states of the Databricks Statement Execution API. */
enum StatementState {
  PENDING,
  RUNNING,
  SUCCEEDED,
  FAILED,
  CANCELED,
  CLOSED;

  boolean isTerminal() {
    return this != PENDING && this != RUNNING;
  }
}
