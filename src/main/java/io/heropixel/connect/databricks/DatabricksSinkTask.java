package io.heropixel.connect.databricks;

import io.heropixel.connect.databricks.buffering.SpillSpace;
import io.heropixel.connect.databricks.config.DatabricksSinkConfig;
import io.heropixel.connect.databricks.conversion.RecordConverter;
import io.heropixel.connect.databricks.staging.Stager;
import io.heropixel.connect.databricks.staging.StagingStore;
import io.heropixel.connect.databricks.warehouse.DatabricksDialect;
import io.heropixel.connect.databricks.warehouse.JdbcUrl;
import io.heropixel.connect.databricks.config.RetryPolicy;
import io.heropixel.connect.databricks.config.RowShape;
import io.heropixel.connect.databricks.warehouse.StreamTables;
import io.heropixel.connect.databricks.warehouse.WarehouseClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Hands Connect's calls to a {@link SinkWriter}; owns the clients it is built on. */
public class DatabricksSinkTask extends SinkTask {

  private static final Logger log = LoggerFactory.getLogger(DatabricksSinkTask.class);

  private static final int MAX_ROWS_PER_FILE = 1_000_000;
  /** Quick retries of one statement (new session, Delta write conflict); longer outages are retried by the writer. */
  private static final RetryPolicy STATEMENT_RETRIES =
      new RetryPolicy(6, Duration.ofMillis(200), Duration.ofSeconds(3), Duration.ofSeconds(20));

  private StagingStore store;
  private WarehouseClient warehouse;
  private SpillSpace spillSpace;
  private SinkWriter writer;

  @Override
  public String version() {
    return Version.get();
  }

  @Override
  public void start(Map<String, String> props) {
    DatabricksSinkConfig config = new DatabricksSinkConfig(props);
    Clock clock = Clock.systemUTC();
    String syncId = UUID.randomUUID().toString();
    JdbcUrl url = JdbcUrl.of(config);
    log.info("Task {} of {} connects to {} with the JDBC driver's {} protocol, signing in with {}",
        config.taskIndex(), config.connectorName(), url, url.protocol(),
        config.oauthClientId() != null ? "OAuth as service principal " + config.oauthClientId()
            : "a personal access token");
    warehouse = new WarehouseClient(url, STATEMENT_RETRIES);
    StreamTables tables = new StreamTables(warehouse, new DatabricksDialect(), config.rowShape() == RowShape.TYPED);
    if (config.catalog().isEmpty()) {
      config = config.withCatalog(tables.currentCatalog());
      log.info("Task {} of {} writes to the warehouse's current catalog, {}", config.taskIndex(),
          config.connectorName(), config.catalog());
    }
    DataSourceStaging staging = DataSourceStaging.of(config, tables::createVolume);
    store = staging.store().get();
    spillSpace = SpillSpace.open(config.spillDir(), config.connectorName(), config.taskIndex(),
        config.heapMaxBytes());
    Stager stager = new Stager(store, staging.format(), staging.layout(), config.s3().filenamePattern(),
        spillSpace.directory().resolve("staging"), syncId, MAX_ROWS_PER_FILE, clock);
    boolean tolerateAll = "all".equalsIgnoreCase(props.getOrDefault("errors.tolerance", "none"));
    ErrantRecordReporter reporter = tolerateAll ? context.errantRecordReporter() : null;
    writer = new SinkWriter(config, context, reporter, new RecordConverter(clock), spillSpace, stager, tables,
        loadObserver(config), clock);
  }

  private static LoadObserver loadObserver(DatabricksSinkConfig config) {
    Class<?> type = config.loadObserverClass();
    if (type == null) {
      return LoadObserver.NONE;
    }
    try {
      return (LoadObserver) type.getDeclaredConstructor().newInstance();
    } catch (ReflectiveOperationException | ClassCastException e) {
      throw new ConnectException("Cannot create the load observer " + type.getName() + ": " + e, e);
    }
  }

  @Override
  public void open(Collection<TopicPartition> partitions) {
    writer.open(partitions);
  }

  @Override
  public void put(Collection<SinkRecord> records) {
    writer.put(records);
  }

  @Override
  public Map<TopicPartition, OffsetAndMetadata> preCommit(Map<TopicPartition, OffsetAndMetadata> currentOffsets) {
    return writer.preCommit(currentOffsets);
  }

  @Override
  public void close(Collection<TopicPartition> partitions) {
    writer.close(partitions);
  }

  @Override
  public void stop() {
    if (writer != null) {
      writer.stop();
    }
    if (warehouse != null) {
      warehouse.close();
    }
    if (store != null) {
      store.close();
    }
    if (spillSpace != null) {
      spillSpace.close();
    }
  }
}
