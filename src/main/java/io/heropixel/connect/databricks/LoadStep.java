package io.heropixel.connect.databricks;

/** The steps records go through on their way into a table, where a crash must not lose or duplicate them. */
public enum LoadStep {
  /** Records are converted and buffered; nothing is staged yet. */
  BUFFERED,
  /** The staging table's Parquet files are uploaded; its transaction log is not. */
  DATA_FILES_UPLOADED,
  /** The staging table is complete; it is not loaded yet. */
  STAGED,
  /** The rows are in the table; their offsets are not committed to Kafka yet. */
  LOADED
}
