package io.heropixel.connect.databricks.bench;

import java.util.Map;

/** One sink connector as bench/throughput runs it: its Connect config and how many rows it has committed. */
interface SinkUnderTest {

  /** What the result table calls it. */
  String label();

  String connectorName();

  Map<String, String> config();

  /** Rows the sink's table holds in committed form, or -1 while there is no table yet; polled each second. */
  long committedRows();

  /** The rows a reader of the table finds, asked once the clock has stopped, to check {@link #committedRows}. */
  default long readerRows() {
    return committedRows();
  }
}
