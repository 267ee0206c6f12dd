package io.heropixel.connect.databricks;

import io.heropixel.connect.databricks.buffering.FlushPolicy;
import io.heropixel.connect.databricks.buffering.TableBuffer;
import io.heropixel.connect.databricks.config.DatabricksSinkConfig;
import io.heropixel.connect.databricks.config.SyncMode;
import io.heropixel.connect.databricks.conversion.Column;
import io.heropixel.connect.databricks.conversion.ConversionException;
import io.heropixel.connect.databricks.conversion.RecordConverter;
import io.heropixel.connect.databricks.conversion.StreamRow;
import io.heropixel.connect.databricks.routing.TableId;
import io.heropixel.connect.databricks.routing.TableRouter;
import io.heropixel.connect.databricks.staging.StagedTable;
import io.heropixel.connect.databricks.staging.Stager;
import io.heropixel.connect.databricks.warehouse.StreamTables;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTaskContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives records from Connect to the tables: routes and converts them, buffers them per table, and
 * loads a table's buffer when it is due. The tables themselves are the truth about what is loaded: on
 * open, each partition resumes after the highest offset its table holds.
 */
final class SinkWriter {

  private static final Logger log = LoggerFactory.getLogger(SinkWriter.class);
  private static final Duration REFRESH_WAIT = Duration.ofMinutes(5);

  private final SinkTaskContext context;
  private final ErrantRecordReporter errantReporter;
  private final TableRouter router;
  private final RecordConverter converter;
  private final Stager stager;
  private final StreamTables tables;
  private final List<Column> columns;
  private final FlushPolicy policy;
  private final SyncMode syncMode;
  private final boolean purge;
  private final String deployment;
  private final Clock clock;

  private final Map<TableId, TableBuffer> buffers = new LinkedHashMap<>();
  /** Next offset to accept per owned partition; -1 until the partition's first record. */
  private final Map<TopicPartition, Long> nextOffsets = new HashMap<>();
  private final Set<TableId> readyTables = new HashSet<>();
  private long tombstones;
  private long errant;

  SinkWriter(DatabricksSinkConfig config, SinkTaskContext context, ErrantRecordReporter errantReporter,
      RecordConverter converter, List<Column> columns, Stager stager, StreamTables tables, Clock clock) {
    this.context = context;
    this.errantReporter = errantReporter;
    this.router = new TableRouter(config.catalog(), config.schema(), config.topicToTable());
    this.converter = converter;
    this.columns = columns;
    this.stager = stager;
    this.tables = tables;
    this.policy = new FlushPolicy(config.maxRecords(), config.maxBytes(), config.flushIntervalMs());
    this.syncMode = config.syncMode();
    this.purge = config.stagingPurge();
    this.deployment = config.connectorName();
    this.clock = clock;
  }

  void open(Collection<TopicPartition> partitions) {
    Map<String, List<TopicPartition>> byTopic = new LinkedHashMap<>();
    partitions.forEach(tp -> byTopic.computeIfAbsent(tp.topic(), t -> new java.util.ArrayList<>()).add(tp));
    byTopic.forEach((topic, owned) -> {
      TableId table = router.route(topic);
      boolean recoverable = prepare(table, owned);
      Map<Integer, Long> held = recoverable ? tables.maxOffsets(table, topic) : Map.of();
      for (TopicPartition tp : owned) {
        Long max = held.get(tp.partition());
        if (max != null) {
          // The table, not Kafka's committed offset, says where this partition resumes.
          context.offset(tp, max + 1);
          nextOffsets.put(tp, max + 1);
          log.info("{} resumes at offset {}: table {} holds offsets up to {}", tp, max + 1, table, max);
        } else {
          nextOffsets.put(tp, -1L);
        }
      }
    });
  }

  /**
   * Makes the table exist, replacing it first under full refresh when this task owns partition 0 of its
   * topic. Answers whether the table's offsets belong to this deployment.
   */
  private boolean prepare(TableId table, List<TopicPartition> owned) {
    String location = stager.tableLocation(table);
    if (syncMode == SyncMode.APPEND) {
      if (readyTables.add(table)) {
        tables.create(table, location);
      }
      return true;
    }
    tables.create(table, location);
    if (tables.isRefreshedBy(table, deployment)) {
      readyTables.add(table);
      return true;
    }
    if (owned.stream().anyMatch(tp -> tp.partition() == 0)) {
      tables.refresh(table, location, deployment);
      readyTables.add(table);
    }
    return false;
  }

  void put(Collection<SinkRecord> records) {
    long now = clock.millis();
    for (SinkRecord record : records) {
      TopicPartition tp = new TopicPartition(record.originalTopic(), record.originalKafkaPartition());
      long offset = record.originalKafkaOffset();
      if (offset < nextOffsets.getOrDefault(tp, -1L)) {
        continue; // already in the table, or already buffered before a redelivery
      }
      nextOffsets.put(tp, offset + 1);
      if (record.value() == null) {
        tombstones++;
        continue;
      }
      StreamRow row;
      try {
        row = converter.convert(record);
      } catch (ConversionException e) {
        reportErrant(record, e);
        continue;
      }
      buffers.computeIfAbsent(router.route(tp.topic()), t -> new TableBuffer()).add(tp, row, now);
    }
    for (Map.Entry<TableId, TableBuffer> entry : buffers.entrySet()) {
      if (policy.isDue(entry.getValue(), now)) {
        flush(entry.getKey(), entry.getValue());
      }
    }
  }

  private void reportErrant(SinkRecord record, ConversionException e) {
    String where = "topic " + record.originalTopic() + ", partition " + record.originalKafkaPartition()
        + ", offset " + record.originalKafkaOffset();
    if (errantReporter == null) {
      throw new DataException("Cannot convert the record at " + where + ": " + e.getMessage()
          + ". To send such records to a dead letter queue instead, set errors.tolerance=all and "
          + "errors.deadletterqueue.topic.name", e);
    }
    errant++;
    log.warn("Sending the record at {} to the dead letter queue: {}", where, e.getMessage());
    errantReporter.report(record, new DataException("Record at " + where + ": " + e.getMessage(), e));
  }

  /** Loads everything buffered, then answers the offsets whose records are all durable in the tables. */
  Map<TopicPartition, OffsetAndMetadata> preCommit(Map<TopicPartition, OffsetAndMetadata> current) {
    buffers.forEach((table, buffer) -> {
      if (!buffer.isEmpty()) {
        flush(table, buffer);
      }
    });
    Map<TopicPartition, OffsetAndMetadata> committable = new HashMap<>();
    for (TopicPartition tp : current.keySet()) {
      long next = committableOffset(tp);
      if (next >= 0) {
        committable.put(tp, new OffsetAndMetadata(next));
      }
    }
    return committable;
  }

  private long committableOffset(TopicPartition tp) {
    for (TableBuffer buffer : buffers.values()) {
      long first = buffer.firstOffset(tp);
      if (first >= 0) {
        return first;
      }
    }
    return nextOffsets.getOrDefault(tp, -1L);
  }

  private void flush(TableId table, TableBuffer buffer) {
    if (!readyTables.contains(table)) {
      tables.awaitRefresh(table, deployment, REFRESH_WAIT);
      readyTables.add(table);
    }
    List<StreamRow> rows = buffer.snapshot();
    Set<String> topics = new TreeSet<>();
    buffer.partitions().forEach(tp -> topics.add(tp.topic()));
    long started = clock.millis();
    StagedTable staged;
    try {
      staged = stager.stage(table, columns, rows);
    } catch (IOException e) {
      throw new ConnectException("Staging " + rows.size() + " rows for table " + table + " failed: " + e.getMessage(), e);
    }
    long inserted = tables.load(table, staged.location(), topics);
    if (purge) {
      try {
        stager.purge(staged);
      } catch (IOException e) {
        // The rows are loaded; a leftover staging table costs storage, not correctness.
        log.warn("Could not purge staging table {}: {}", staged.location(), e.getMessage());
      }
    }
    buffer.clear();
    log.info("Loaded {} of {} staged rows into {} in {} ms (tombstones skipped so far: {}, sent to DLQ: {})",
        inserted, rows.size(), table, clock.millis() - started, tombstones, errant);
  }

  void close(Collection<TopicPartition> partitions) {
    buffers.values().forEach(b -> b.drop(partitions));
    partitions.forEach(nextOffsets::remove);
  }
}
