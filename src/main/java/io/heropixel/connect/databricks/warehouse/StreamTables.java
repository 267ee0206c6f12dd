package io.heropixel.connect.databricks.warehouse;

import io.heropixel.connect.databricks.conversion.Column;
import io.heropixel.connect.databricks.routing.TableId;
import io.heropixel.connect.databricks.staging.StagedTable;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.apache.kafka.connect.errors.ConnectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Creates, refreshes and loads the stream tables, and reads back which offsets they hold. */
public final class StreamTables {

  private static final Logger log = LoggerFactory.getLogger(StreamTables.class);

  private final WarehouseClient warehouse;
  private final DatabricksDialect dialect;
  private final List<Column> columns;

  public StreamTables(WarehouseClient warehouse, DatabricksDialect dialect, List<Column> columns) {
    this.warehouse = warehouse;
    this.dialect = dialect;
    this.columns = columns;
  }

  /** Creates the table's schema and the table over its data location, unless they exist. */
  public void create(TableId table, String location) {
    warehouse.execute(dialect.createSchema(table));
    warehouse.execute(dialect.createTable(table, columns, location));
  }

  /** Replaces the table and its data, marking it refreshed by this deployment; done once per deployment. */
  public void refresh(TableId table, String location, String deployment) {
    warehouse.execute(dialect.createSchema(table));
    warehouse.execute(dialect.replaceTable(table, columns, location, deployment));
    log.info("Full refresh: replaced table {} and its data at {} for deployment {}", table, location, deployment);
  }

  public boolean isRefreshedBy(TableId table, String deployment) {
    return warehouse.query(dialect.showTableProperties(table), rs -> rs.getString(1) + "=" + rs.getString(2))
        .contains(DatabricksDialect.REFRESHED_BY_PROPERTY + "=" + deployment);
  }

  /** Waits until another task has refreshed the table for this deployment. */
  public void awaitRefresh(TableId table, String deployment, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!isRefreshedBy(table, deployment)) {
      if (System.nanoTime() > deadline) {
        throw new ConnectException("Table " + table + " was not refreshed for deployment " + deployment + " within "
            + timeout + " by the task that owns its topic's partition 0; is that task failing?");
      }
      try {
        Thread.sleep(500);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ConnectException("Interrupted while waiting for the full refresh of " + table, e);
      }
    }
  }

  /** The highest offset the table holds for each partition of a topic. */
  public Map<Integer, Long> maxOffsets(TableId table, String topic) {
    Map<Integer, Long> offsets = new HashMap<>();
    warehouse.query(dialect.maxOffsets(table, topic), rs -> offsets.put(rs.getInt(1), rs.getLong(2)));
    return offsets;
  }

  /** Creates the volume that staging files go to, and its schema, unless they exist. */
  public void createVolume(String catalog, String schema, String volume) {
    dialect.createVolume(catalog, schema, volume).forEach(warehouse::execute);
  }

  /** Loads a staging table's new rows into the table; returns the rows inserted. */
  public long load(TableId table, StagedTable staged, Collection<String> topics) {
    Objects.requireNonNull(topics);
    return switch (staged.format()) {
      case DELTA -> warehouse.execute(dialect.insertNewRows(table, columns, dialect.deltaSource(staged.location()),
          topics));
      case CSV -> loadCsv(table, staged, topics);
    };
  }

  /** CSV is read through a staging table over its files, beside the target and dropped after the load. */
  private long loadCsv(TableId table, StagedTable staged, Collection<String> topics) {
    TableId staging = new TableId(table.catalog(), table.schema(),
        "_stg_" + table.table().substring(0, Math.min(table.table().length(), 200)) + "_" + UUID.randomUUID().toString().replace("-", ""));
    warehouse.execute(dialect.createCsvStagingTable(staging, columns, staged.location()));
    try {
      return warehouse.execute(dialect.insertNewRows(table, columns, staging.quoted(), topics));
    } finally {
      warehouse.execute(dialect.dropTable(staging));
    }
  }
}
