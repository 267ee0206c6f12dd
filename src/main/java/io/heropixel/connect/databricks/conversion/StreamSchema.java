package io.heropixel.connect.databricks.conversion;

import java.util.List;

/** The columns of a stream table: the doc's output schema, then the Kafka coordinates of each row. */
public final class StreamSchema {

  public static final String AB_ID = "_airbyte_ab_id";
  public static final String EMITTED_AT = "_airbyte_emitted_at";
  public static final String DATA = "_airbyte_data";
  public static final String KAFKA_TOPIC = "_kafka_topic";
  public static final String KAFKA_PARTITION = "_kafka_partition";
  public static final String KAFKA_OFFSET = "_kafka_offset";

  public static final List<Column> RAW = List.of(
      new Column(AB_ID, DataType.Primitive.STRING, false),
      new Column(EMITTED_AT, DataType.Primitive.TIMESTAMP, false),
      new Column(DATA, DataType.Primitive.STRING, true),
      new Column(KAFKA_TOPIC, DataType.Primitive.STRING, false),
      new Column(KAFKA_PARTITION, DataType.Primitive.INT, false),
      new Column(KAFKA_OFFSET, DataType.Primitive.BIGINT, false));

  private StreamSchema() {}
}
