package io.heropixel.connect.databricks.it;

import static io.heropixel.connect.databricks.it.EndToEnd.awaitCount;
import static io.heropixel.connect.databricks.it.EndToEnd.connect;
import static io.heropixel.connect.databricks.it.EndToEnd.describe;
import static io.heropixel.connect.databricks.it.EndToEnd.query;
import static io.heropixel.connect.databricks.it.EndToEnd.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.heropixel.connect.databricks.conversion.DataType;
import io.heropixel.connect.databricks.conversion.DecimalCases;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.json.JsonConverter;
import org.junit.jupiter.api.Test;

/**
 * Decimals of every precision Databricks has, through the real path: JSON with schemas in (as Debezium gives
 * NUMERIC columns), DECIMAL columns out, every edge value read back exactly through the JDBC driver; a value
 * wider than its declared precision goes to the dead letter queue and the rest still land.
 */
class DecimalEndToEndTest {

  private static final JsonConverter JSON = new JsonConverter();

  static {
    JSON.configure(Map.of("schemas.enable", "true", "decimal.format", "NUMERIC"), false);
  }

  private static final Schema MONEY = SchemaBuilder.struct().name("decimals")
      .field("amount", DecimalCases.connectSchema(new DataType.Decimal(4, 2))).build();

  @Test
  void everyPrecisionAndScaleLandsExactlyAndAValueTooWideGoesToTheDeadLetterQueue() {
    String topic = unique("decimals");
    String schema = unique("typed");
    String dlq = unique("dlq");
    String table = "hive_metastore." + schema + "." + topic;
    connect().createTopic(topic, 1);
    connect().createTopic(dlq, 1);
    Map<String, String> config = EndToEnd.connectorConfig(topic, schema, unique("decimals"));
    config.put("tasks.max", "1");
    config.put("value.converter", JsonConverter.class.getName());
    config.put("value.converter.schemas.enable", "true");
    config.put("value.converter.decimal.format", "NUMERIC");
    config.put("row.shape", "typed");
    config.put("schema.evolution.enabled", "true");
    EndToEnd.toleratingErrors(config, dlq);
    String name = unique("sink");
    connect().createConnector(name, config, 1);
    try {
      List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
      for (int n = 0; n < DecimalCases.RECORDS; n++) {
        records.add(new ProducerRecord<>(topic, 0, null,
            JSON.fromConnectData(topic, DecimalCases.SCHEMA, DecimalCases.record(n))));
      }
      // Five digits where DECIMAL(4,2) has room for four: JSON carries it, the column cannot.
      records.add(new ProducerRecord<>(topic, 0, null,
          JSON.fromConnectData(topic, MONEY, new Struct(MONEY).put("amount", new BigDecimal("123.45")))));
      records.add(new ProducerRecord<>(topic, 0, null,
          JSON.fromConnectData(topic, MONEY, new Struct(MONEY).put("amount", new BigDecimal("-99.99")))));
      connect().produce(records);
      awaitCount(table, DecimalCases.RECORDS + 1);

      Map<String, String> types = describe(table);
      for (DataType.Decimal type : DecimalCases.TYPES) {
        assertEquals(type.sql().toLowerCase(), types.get(DecimalCases.field(type)), DecimalCases.field(type));
      }
      String columns = DecimalCases.TYPES.stream().map(DecimalCases::field).collect(Collectors.joining(", "));
      List<Map<String, Object>> rows = query("SELECT " + columns + ", amount FROM " + table
          + " ORDER BY _kafka_offset");
      for (int n = 0; n < DecimalCases.RECORDS; n++) {
        for (DataType.Decimal type : DecimalCases.TYPES) {
          String field = DecimalCases.field(type);
          Object read = rows.get(n).get(field);
          assertEquals(DecimalCases.value(type, n).toPlainString(), ((BigDecimal) read).toPlainString(),
              field + " of record " + n);
        }
      }
      assertEquals("-99.99", ((BigDecimal) rows.get(DecimalCases.RECORDS).get("amount")).toPlainString());

      ConsumerRecord<byte[], byte[]> first = connect().cluster().kafka()
          .consume(1, Duration.ofSeconds(60).toMillis(), dlq).iterator().next();
      assertEquals(Integer.toString(DecimalCases.RECORDS), header(first, "__connect.errors.offset"));
      String reason = header(first, "__connect.errors.exception.message");
      assertTrue(reason.contains("Decimal 123.45 has more than 4 digits, so it does not fit DECIMAL(4,2)"), reason);
    } finally {
      connect().deleteConnector(name);
    }
  }

  private static String header(ConsumerRecord<byte[], byte[]> record, String key) {
    return new String(record.headers().lastHeader(key).value(), StandardCharsets.UTF_8);
  }
}
