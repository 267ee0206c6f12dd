package io.heropixel.connect.databricks.warehouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.heropixel.connect.databricks.conversion.DataType;
import io.heropixel.connect.databricks.conversion.StreamSchema;
import io.heropixel.connect.databricks.routing.TableId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class DatabricksDialectTest {

  private final DatabricksDialect dialect = new DatabricksDialect();
  private final TableId table = new TableId("main", "sales", "or`ders");

  @Test
  void stringLiteralsEscapeQuotesAndBackslashes() {
    assertEquals("'it\\'s a \\\\ path'", DatabricksDialect.literal("it's a \\ path"));
  }

  @Test
  void createTableIsIdempotentAndUnmanaged() {
    String sql = dialect.createTable(table, StreamSchema.RAW, "s3://b/p/sales/orders", false);
    assertTrue(sql.startsWith("CREATE TABLE IF NOT EXISTS `main`.`sales`.`or``ders` (`_airbyte_ab_id` STRING NOT NULL,"),
        sql);
    assertTrue(sql.endsWith("USING DELTA LOCATION 's3://b/p/sales/orders'"), sql);
  }

  @Test
  void theLoadSkipsRowsAtOrBelowTheTablesOffsets() {
    Map<TopicPartition, Long> firstOffsets = new LinkedHashMap<>();
    firstOffsets.put(new TopicPartition("orders", 0), 100L);
    firstOffsets.put(new TopicPartition("payments", 3), 7L);
    String sql = dialect.insertNewRows(table, StreamSchema.RAW, dialect.deltaSource("s3://b/p/uuid/orders"),
        firstOffsets);
    assertTrue(sql.contains("FROM delta.`s3://b/p/uuid/orders` AS s"), sql);
    assertTrue(sql.contains("WHERE (`_kafka_topic` = 'orders' AND `_kafka_partition` = 0 AND `_kafka_offset` >= 100)"
        + " OR (`_kafka_topic` = 'payments' AND `_kafka_partition` = 3 AND `_kafka_offset` >= 7) GROUP BY"), sql);
    assertTrue(sql.endsWith("WHERE w.o IS NULL OR s.`_kafka_offset` > w.o"), sql);
  }

  @Test
  void newColumnsAreAddedInOneStatementAndEachWideningInItsOwn() {
    List<SchemaChange> changes = List.of(
        new SchemaChange.AddColumn(List.of("price"), DataType.Primitive.DOUBLE),
        new SchemaChange.WidenColumn(List.of("qty"), DataType.Primitive.BIGINT),
        new SchemaChange.AddColumn(List.of("ship to", "zip"), DataType.Primitive.STRING));
    assertEquals(List.of(
        "ALTER TABLE `main`.`sales`.`or``ders` ADD COLUMNS (`price` DOUBLE, `ship to`.`zip` STRING)",
        "ALTER TABLE `main`.`sales`.`or``ders` ALTER COLUMN `qty` TYPE BIGINT"), dialect.alterTable(table, changes));
  }

  @Test
  void managedTablesHaveNoLocation() {
    assertTrue(dialect.createTable(table, StreamSchema.RAW, null, false).endsWith("USING DELTA"));
    assertTrue(dialect.replaceTable(table, StreamSchema.RAW, null, false, "d").contains("USING DELTA TBLPROPERTIES"));
    assertEquals(List.of("CREATE SCHEMA IF NOT EXISTS `main`.`s`", "CREATE VOLUME IF NOT EXISTS `main`.`s`.`v`"),
        dialect.createVolume("main", "s", "v"));
  }

  @Test
  void csvStagingTablesReadWhatTheCsvFormatWrites() {
    TableId staging = new TableId("c", "s", "_stg_orders_1");
    String sql = dialect.createCsvStagingTable(staging, StreamSchema.RAW, "abfss://c@a.dfs.core.windows.net/u/o");
    assertTrue(sql.startsWith("CREATE TABLE `c`.`s`.`_stg_orders_1` (`_airbyte_ab_id` STRING NOT NULL"), sql);
    assertTrue(sql.contains("USING CSV OPTIONS (header 'true', multiLine 'true', quote '\"', escape '\"'"), sql);
    assertTrue(sql.endsWith("LOCATION 'abfss://c@a.dfs.core.windows.net/u/o'"), sql);
    assertTrue(dialect.insertNewRows(table, StreamSchema.RAW, staging.quoted(), Map.of(new TopicPartition("o", 0), 0L))
        .contains("FROM `c`.`s`.`_stg_orders_1` AS s"));
  }

  @Test
  void offsetsOfManyTablesAreReadInOneStatementTaggedByIndex() {
    String sql = dialect.maxOffsets(List.of(Map.entry(table, "orders"), Map.entry(new TableId("c", "s2", "p"), "pay")));
    assertEquals("SELECT 0 AS i, `_kafka_partition` AS p, MAX(`_kafka_offset`) AS o FROM " + table.quoted()
        + " WHERE `_kafka_topic` = 'orders' GROUP BY `_kafka_partition` UNION ALL SELECT 1 AS i, `_kafka_partition` AS p,"
        + " MAX(`_kafka_offset`) AS o FROM `c`.`s2`.`p` WHERE `_kafka_topic` = 'pay' GROUP BY `_kafka_partition`", sql);
    assertEquals("SHOW TABLES IN `c`.`s2`", dialect.showTables(new TableId("c", "s2", "p")));
  }
}
