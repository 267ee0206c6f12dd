package io.heropixel.connect.databricks.warehouse;

import io.heropixel.connect.databricks.conversion.Column;
import io.heropixel.connect.databricks.conversion.StreamSchema;
import io.heropixel.connect.databricks.conversion.TypeParser;
import io.heropixel.connect.databricks.routing.TableId;
import io.heropixel.connect.databricks.staging.StagedTable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Creates, refreshes, evolves and loads the stream tables, and reads back which offsets they hold. */
public final class StreamTables {

  private static final Logger log = LoggerFactory.getLogger(StreamTables.class);
  /** How many tables one offsets statement reads: short enough for any SQL parser, few enough round trips. */
  private static final int TABLES_PER_STATEMENT = 50;
  private static final int CREATE_ATTEMPTS = 4;
  private static final Duration CREATE_RETRY_WAIT = Duration.ofSeconds(2);

  private final WarehouseClient warehouse;
  private final DatabricksDialect dialect;
  private final boolean typed;

  /** @param typed whether tables get typed columns (and so Delta's type widening) */
  public StreamTables(WarehouseClient warehouse, DatabricksDialect dialect, boolean typed) {
    this.warehouse = warehouse;
    this.dialect = dialect;
    this.typed = typed;
  }

  /**
   * Creates the table's schema and the table over its data location, unless they exist. Tasks of one
   * connector load a topic's partitions into the same table, so their first loads may create it at the same
   * moment; Delta then fails the later CREATE, finding the location half written by the other
   * (DELTA_CREATE_TABLE_WITH_NON_EMPTY_LOCATION, seen in the throughput bench). Once the other is done, the
   * same statement finds the table and does nothing; so a failed CREATE is tried again a few times.
   */
  public void create(TableId table, String location) {
    warehouse.execute(dialect.createSchema(table));
    String createTable = dialect.createTable(table, StreamSchema.RAW, location, typed);
    for (int attempt = 1; ; attempt++) {
      try {
        warehouse.execute(createTable);
        return;
      } catch (ConnectException e) {
        if (e instanceof RetriableException || attempt >= CREATE_ATTEMPTS) {
          throw e;
        }
        log.info("Creating {} failed, perhaps racing another task creating it; trying again: {}", table,
            e.getMessage());
        WarehouseClient.sleep(CREATE_RETRY_WAIT);
      }
    }
  }

  /** Replaces the table and its data, marking it refreshed by this deployment; done once per deployment. */
  public void refresh(TableId table, String location, String deployment) {
    warehouse.execute(dialect.createSchema(table));
    warehouse.execute(dialect.replaceTable(table, StreamSchema.RAW, location, typed, deployment));
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
      WarehouseClient.sleep(Duration.ofMillis(500));
    }
  }

  /** The table's columns other than the connector's own, as the warehouse describes them. */
  public List<Column> typedColumns(TableId table) {
    List<Column> columns = new ArrayList<>();
    warehouse.query(dialect.describeTable(table), rs -> {
      String name = rs.getString(1);
      return name == null || name.isBlank() || name.startsWith("#") ? null : new String[] {name, rs.getString(2)};
    }).stream().takeWhile(row -> row != null).forEach(row -> {
      if (StreamSchema.RAW.stream().noneMatch(c -> c.name().equalsIgnoreCase(row[0]))) {
        columns.add(new Column(row[0], TypeParser.parse(row[1]), true));
      }
    });
    return columns;
  }

  /**
   * Adds and widens the table's columns to hold the wanted typed columns, all new columns in one statement.
   * Other tasks evolve the same table: when a statement fails, what they did meanwhile is done, not an error;
   * only a failure that leaves the same changes to do is.
   */
  public void evolve(TableId table, List<Column> wanted) {
    List<SchemaChange> changes = SchemaChange.between(typedColumns(table), wanted);
    while (!changes.isEmpty()) {
      log.info("Evolving {}: {}", table, changes);
      try {
        dialect.alterTable(table, changes).forEach(warehouse::execute);
        return;
      } catch (ConnectException e) {
        List<SchemaChange> left = SchemaChange.between(typedColumns(table), wanted);
        if (left.equals(changes)) {
          throw e;
        }
        log.info("Another task evolved {} meanwhile; left to do: {}", table, left);
        changes = left;
      }
    }
  }

  /** Of the given tables, those that exist: one statement per schema, whose missing schema is created. */
  public Set<TableId> existing(Collection<TableId> candidates) {
    Map<String, List<TableId>> bySchema = new LinkedHashMap<>();
    candidates.forEach(t -> bySchema.computeIfAbsent(t.catalog() + "." + t.schema(), k -> new ArrayList<>()).add(t));
    Set<TableId> existing = new HashSet<>();
    for (List<TableId> inSchema : bySchema.values()) {
      warehouse.execute(dialect.createSchema(inSchema.get(0)));
      Set<String> names = new HashSet<>(warehouse.query(dialect.showTables(inSchema.get(0)),
          rs -> rs.getString(2).toLowerCase(Locale.ROOT)));
      inSchema.stream().filter(t -> names.contains(t.table().toLowerCase(Locale.ROOT))).forEach(existing::add);
    }
    return existing;
  }

  /** The highest offset each table holds per partition of its topic, read for many tables per statement. */
  public Map<TableId, Map<Integer, Long>> maxOffsets(Map<TableId, String> topics) {
    List<Map.Entry<TableId, String>> all = new ArrayList<>(topics.entrySet());
    Map<TableId, Map<Integer, Long>> offsets = new HashMap<>();
    for (int start = 0; start < all.size(); start += TABLES_PER_STATEMENT) {
      List<Map.Entry<TableId, String>> chunk = all.subList(start, Math.min(all.size(), start + TABLES_PER_STATEMENT));
      warehouse.query(dialect.maxOffsets(chunk), rs -> offsets.computeIfAbsent(chunk.get(rs.getInt(1)).getKey(),
          t -> new HashMap<>()).put(rs.getInt(2), rs.getLong(3)));
    }
    return offsets;
  }

  public void drop(TableId table) {
    warehouse.execute(dialect.dropTable(table));
  }

  /** The session's current catalog: the workspace's default catalog unless the connection names one. */
  public String currentCatalog() {
    return warehouse.query(dialect.currentCatalog(), rs -> rs.getString(1)).get(0);
  }

  /** Creates the volume that staging files go to, and its schema, unless they exist. */
  public void createVolume(String catalog, String schema, String volume) {
    dialect.createVolume(catalog, schema, volume).forEach(warehouse::execute);
  }

  /**
   * Loads a staging table's new rows into the table; returns the rows inserted.
   *
   * @throws StagedDataUnreadableException when the warehouse cannot read a staged file
   */
  public long load(TableId table, List<Column> columns, StagedTable staged, Map<TopicPartition, Long> firstOffsets) {
    try {
      return switch (staged.format()) {
        case DELTA -> insert(table, columns, dialect.deltaSource(staged.location()), firstOffsets);
        case CSV -> loadCsv(table, columns, staged, firstOffsets);
      };
    } catch (ConnectException e) {
      String file = WarehouseClient.unreadableFile(e);
      if (file == null || e instanceof RetriableException) {
        throw e;
      }
      throw new StagedDataUnreadableException(table, staged.location(), file, e);
    }
  }

  /** CSV is read through a staging table over its files, beside the target and dropped after the load. */
  private long loadCsv(TableId table, List<Column> columns, StagedTable staged,
      Map<TopicPartition, Long> firstOffsets) {
    TableId staging = new TableId(table.catalog(), table.schema(),
        "_stg_" + table.table().substring(0, Math.min(table.table().length(), 200)) + "_"
            + UUID.randomUUID().toString().replace("-", ""));
    warehouse.execute(dialect.createCsvStagingTable(staging, columns, staged.location()));
    try {
      return insert(table, columns, staging.quoted(), firstOffsets);
    } finally {
      warehouse.execute(dialect.dropTable(staging));
    }
  }

  private long insert(TableId table, List<Column> columns, String source, Map<TopicPartition, Long> firstOffsets) {
    String sql = dialect.insertNewRows(table, columns, source, firstOffsets);
    return InsertTurns.take(table, () -> warehouse.execute(sql));
  }
}
