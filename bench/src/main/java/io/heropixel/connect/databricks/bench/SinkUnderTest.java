package io.heropixel.connect.databricks.bench;

import java.util.Map;

/** One sink connector as bench/throughput runs it: its Connect config and how many rows it has committed. */
interface SinkUnderTest {

  /** What the result table calls it. */
  String label();

  String connectorName();

  Map<String, String> config();

  /** What must be in place before the connector is created (and the clock starts). */
  default void prepare() throws Exception {}

  /** Rows the sink's table holds in committed form, or -1 while there is no table yet. */
  long committedRows();
}
