package io.heropixel.connect.databricks.bench;

import java.util.HashMap;
import java.util.Map;

/** This connector, raw or typed rows, staging on the local S3 and loading into the local warehouse. */
final class OurSink implements SinkUnderTest {

  static final String BUCKET = "bench";

  private final Stack stack;
  private final String topic;
  private final String name;
  private final String rowShape;
  private final int tasks;
  private final long flushMs;
  private final TableCheck table;
  private final DeltaLogRows log;

  OurSink(Stack stack, String topic, String rowShape, int tasks, long flushMs) {
    this.stack = stack;
    this.topic = topic;
    this.name = topic + "_" + rowShape;
    this.rowShape = rowShape;
    this.tasks = tasks;
    this.flushMs = flushMs;
    // One schema per row shape, so both runs read the same topic into a table named after it.
    this.table = new TableCheck(stack.endpoint("WAREHOUSE_JDBC_URL"), stack.endpoint("WAREHOUSE_TOKEN"),
        "hive_metastore." + schema() + "." + topic);
    // The table's location: s3.bucket.path, then schema and table, as the connector lays out external tables.
    this.log = new DeltaLogRows(stack.dataDir("s3").resolve(BUCKET).resolve(name).resolve(schema()).resolve(topic));
  }

  private String schema() {
    return "bench_" + rowShape;
  }

  @Override
  public String label() {
    return "connector " + rowShape;
  }

  @Override
  public String connectorName() {
    return name;
  }

  /**
   * Read from the table's Delta log on the local S3 server's disk, as the Iceberg sink's count is read from
   * its metadata: a {@code SELECT COUNT(*)} through the warehouse each second took 1-6 s of the same two
   * cores the loads run on (statement log of a run on fe141b0).
   */
  @Override
  public long committedRows() {
    return log.rows();
  }

  /** {@code SELECT COUNT(*)} through the Databricks JDBC driver. */
  @Override
  public long readerRows() {
    return table.count();
  }

  @Override
  public Map<String, String> config() {
    Map<String, String> config = new HashMap<>();
    config.put("connector.class", "io.heropixel.connect.databricks.DatabricksSinkConnector");
    config.put("tasks.max", Integer.toString(tasks));
    config.put("topics", topic);
    config.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
    config.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
    config.put("value.converter.schemas.enable", "true");
    config.putAll(stack.warehouseSettings());
    config.put("databricks.catalog", "hive_metastore");
    config.put("databricks.schema", schema());
    config.put("row.shape", rowShape);
    config.put("schema.evolution.enabled", "true");
    config.put("data.source.type", "S3");
    config.put("s3.bucket.name", BUCKET);
    config.put("s3.bucket.path", name);
    config.put("s3.bucket.region", stack.endpoint("S3_REGION"));
    config.put("s3.endpoint", stack.endpoint("S3_ENDPOINT"));
    config.put("s3.access.key.id", stack.endpoint("S3_ACCESS_KEY"));
    config.put("s3.secret.access.key", stack.endpoint("S3_SECRET_KEY"));
    config.put("buffer.flush.interval.ms", Long.toString(flushMs));
    return config;
  }
}
