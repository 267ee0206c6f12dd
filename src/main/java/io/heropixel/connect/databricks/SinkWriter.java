package io.heropixel.connect.databricks;

import io.heropixel.connect.databricks.buffering.FlushPolicy;
import io.heropixel.connect.databricks.buffering.SpillSpace;
import io.heropixel.connect.databricks.buffering.TableBuffer;
import io.heropixel.connect.databricks.config.DatabricksSinkConfig;
import io.heropixel.connect.databricks.config.RetryPolicy;
import io.heropixel.connect.databricks.config.SyncMode;
import io.heropixel.connect.databricks.conversion.Column;
import io.heropixel.connect.databricks.conversion.ConversionException;
import io.heropixel.connect.databricks.conversion.RecordConverter;
import io.heropixel.connect.databricks.conversion.StreamRow;
import io.heropixel.connect.databricks.conversion.StreamSchema;
import io.heropixel.connect.databricks.conversion.TypedTable;
import io.heropixel.connect.databricks.config.RowShape;
import io.heropixel.connect.databricks.routing.TableId;
import io.heropixel.connect.databricks.routing.TableRouter;
import io.heropixel.connect.databricks.staging.StagedTable;
import io.heropixel.connect.databricks.staging.Stager;
import io.heropixel.connect.databricks.warehouse.StagedDataUnreadableException;
import io.heropixel.connect.databricks.warehouse.StreamTables;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTaskContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives records from Connect to the tables: routes and converts them, buffers them per table, and
 * loads a table's buffer when it is due. The tables are the truth about what is loaded: each partition
 * resumes after the highest offset its table holds, and a load inserts only rows above it, so a crash at
 * any step neither loses nor duplicates a record.
 *
 * <p>A due buffer is sealed and loaded on a loader thread while the task goes on converting and buffering
 * into a fresh one; a table has at most one load under way, so its loads stay in offset order. Offsets
 * are committed only below the first row of any buffer, sealed or not, that is not loaded yet. Only the
 * task's thread touches the writer's state: a loader thread reads its sealed buffer and reports back
 * through a future, which the task's thread collects.
 *
 * <p>A load that fails for a passing reason keeps its buffer and is retried on the task's thread; failing
 * again it throws {@link RetriableException}: Connect then pauses consumption and hands the same records
 * back, which are skipped as already buffered, until the load succeeds or the retry timeout is spent.
 */
final class SinkWriter {

  private static final Logger log = LoggerFactory.getLogger(SinkWriter.class);
  private static final Duration REFRESH_WAIT = Duration.ofMinutes(5);
  /** How soon Connect calls again while loads are under way, so their outcome is collected promptly. */
  private static final long LOAD_CHECK_MS = 200;
  /** How long stop() lets a running load finish before it interrupts it. */
  private static final Duration STOP_WAIT = Duration.ofSeconds(30);

  private final SinkTaskContext context;
  private final ErrantRecordReporter errantReporter;
  private final TableRouter router;
  private final RecordConverter converter;
  private final Stager stager;
  private final SpillSpace spillSpace;
  private final StreamTables tables;
  private final boolean typed;
  private final boolean evolve;
  private final FlushPolicy policy;
  private final RetryPolicy retry;
  private final SyncMode syncMode;
  private final boolean purge;
  private final String deployment;
  private final LoadObserver observer;
  private final Clock clock;

  private final Map<TableId, TableBuffer> buffers = new LinkedHashMap<>();
  /** Sealed buffers whose load is under way, or failed and waits for its retry; one per table at most. */
  private final Map<TableId, Load> loads = new LinkedHashMap<>();
  private final ExecutorService loader;
  private boolean pausedForLoads;
  /** Next offset to accept per owned partition; -1 while any offset is new. */
  private final Map<TopicPartition, Long> nextOffsets = new HashMap<>();
  /** Owned partitions whose table could not be asked yet where they resume. */
  private final Set<TopicPartition> unrecovered = new LinkedHashSet<>();
  /** Tables known to exist; loader threads add to it too. */
  private final Set<TableId> readyTables = ConcurrentHashMap.newKeySet();
  /** Typed columns per table, and the version of them each table was last altered to. */
  private final Map<TableId, TypedTable> typedTables = new HashMap<>();
  private final Map<TableId, Long> evolvedVersions = new HashMap<>();
  /** A final load failure met in preCommit, where Connect would only log it; put() fails the task with it. */
  private ConnectException deferredFailure;
  private long failingSinceMs = -1;
  private int failedAttempts;
  /** No new attempt before this time: Connect cuts context.timeout short at every offset commit. */
  private long nextAttemptMs;
  private String lastFailure;
  private long tombstones;
  private long errant;

  SinkWriter(DatabricksSinkConfig config, SinkTaskContext context, ErrantRecordReporter errantReporter,
      RecordConverter converter, SpillSpace spillSpace, Stager stager, StreamTables tables, LoadObserver observer,
      Clock clock) {
    this.context = context;
    this.errantReporter = errantReporter;
    this.router = new TableRouter(config.catalog(), config.schema(), config.topicToTable());
    this.converter = converter;
    this.typed = config.rowShape() == RowShape.TYPED;
    this.evolve = config.schemaEvolution();
    this.spillSpace = spillSpace;
    this.stager = stager;
    this.tables = tables;
    this.policy = new FlushPolicy(config.maxRecords(), config.maxBytes(), config.flushIntervalMs(),
        config.totalMaxBytes());
    this.retry = config.retryPolicy();
    this.syncMode = config.syncMode();
    this.purge = config.stagingPurge();
    this.deployment = config.connectorName();
    this.observer = observer;
    this.clock = clock;
    String threadName = "databricks-sink-load-" + config.connectorName() + "-" + config.taskIndex();
    this.loader = Executors.newFixedThreadPool(config.loadConcurrency(), runnable -> {
      Thread thread = new Thread(runnable, threadName);
      thread.setDaemon(true);
      return thread;
    });
  }

  /** A table's sealed buffer on its way into the table, with the columns it is staged with. */
  private static final class Load {
    final TableId table;
    final TableBuffer buffer;
    final List<Column> columns;
    /** The typed columns the table is altered to first, or null; and their version. */
    final List<Column> evolveTo;
    final long typedVersion;
    /** Under way on a loader thread; null once it failed for a passing reason and awaits its retry. */
    Future<?> running;

    Load(TableId table, TableBuffer buffer, List<Column> columns, List<Column> evolveTo, long typedVersion) {
      this.table = table;
      this.buffer = buffer;
      this.columns = columns;
      this.evolveTo = evolveTo;
      this.typedVersion = typedVersion;
    }
  }

  void open(Collection<TopicPartition> partitions) {
    unrecovered.addAll(partitions);
    try {
      recover();
    } catch (RetriableException e) {
      // A rebalance must not fail the task; put() asks the table again before it accepts records.
      log.warn("Could not read where {} resume, will retry before accepting their records: {}", unrecovered,
          e.getMessage());
    }
  }

  /**
   * Asks each unrecovered partition's table for the highest offset it holds, and resumes after it. A few
   * statements serve any number of tables: which exist, then their offsets, many tables per statement.
   */
  private void recover() {
    Map<TableId, String> topics = new LinkedHashMap<>();
    Map<TableId, List<TopicPartition>> owned = new LinkedHashMap<>();
    for (TopicPartition tp : unrecovered) {
      TableId table = router.route(tp.topic());
      topics.put(table, tp.topic());
      owned.computeIfAbsent(table, t -> new ArrayList<>()).add(tp);
    }
    Map<TableId, String> withOffsets = new LinkedHashMap<>();
    if (syncMode == SyncMode.APPEND) {
      // A table that does not exist yet holds no offsets; its first load creates it.
      readyTables.addAll(tables.existing(topics.keySet().stream().filter(t -> !readyTables.contains(t)).toList()));
      topics.forEach((table, topic) -> {
        if (readyTables.contains(table)) {
          withOffsets.put(table, topic);
        }
      });
    } else {
      topics.forEach((table, topic) -> {
        if (prepareRefresh(table, owned.get(table))) {
          withOffsets.put(table, topic);
        }
      });
    }
    Map<TableId, Map<Integer, Long>> held = tables.maxOffsets(withOffsets);
    owned.forEach((table, partitions) -> {
      for (TopicPartition tp : partitions) {
        Long max = held.getOrDefault(table, Map.of()).get(tp.partition());
        if (max != null) {
          // The table, not Kafka's committed offset, says where this partition resumes.
          context.offset(tp, max + 1);
          nextOffsets.put(tp, max + 1);
          log.info("{} resumes at offset {}: table {} holds offsets up to {}", tp, max + 1, table, max);
        } else {
          nextOffsets.put(tp, -1L);
        }
        unrecovered.remove(tp);
      }
    });
  }

  /**
   * Under full refresh, makes the table exist, replacing it first when this task owns partition 0 of its
   * topic. Answers whether the table's offsets belong to this deployment.
   */
  private boolean prepareRefresh(TableId table, List<TopicPartition> owned) {
    if (readyTables.contains(table)) {
      return true;
    }
    String location = stager.tableLocation(table);
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
    if (deferredFailure != null) {
      throw deferredFailure;
    }
    long now = clock.millis();
    if (now < nextAttemptMs) {
      context.timeout(nextAttemptMs - now);
      throw new RetriableException("Backing off until the next attempt; last failure: " + lastFailure);
    }
    collectFinishedLoads();
    if (!unrecovered.isEmpty()) {
      retrying(this::recover, "reading where partitions " + unrecovered + " resume");
    }
    retryFailedLoads();
    if (typed) {
      // Before any offset moves: a failure here must leave the whole batch to be handed back.
      Set<TableId> batchTables = new HashSet<>();
      records.forEach(r -> batchTables.add(router.route(r.originalTopic())));
      retrying(() -> batchTables.forEach(this::typedTable), "reading the columns of " + batchTables);
    }
    Set<TableId> touched = new HashSet<>();
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
      TableId table = router.route(tp.topic());
      try {
        row = converter.convert(record, typed ? typedTable(table) : null);
      } catch (ConversionException e) {
        reportErrant(record, e);
        continue;
      }
      buffers.computeIfAbsent(table, t -> new TableBuffer(spillSpace)).add(tp, row, now);
      touched.add(table);
    }
    touched.forEach(table -> observer.reached(LoadStep.BUFFERED, table));
    startDueLoads(now);
  }

  /** Seals the due buffers of tables that have no load under way and starts their loads. */
  private void startDueLoads(long now) {
    for (TableId table : policy.due(buffers, now, loadingBytes())) {
      if (loads.containsKey(table)) {
        continue; // its next load starts when this one is done, so the table's loads stay in offset order
      }
      Load load = seal(table, buffers.remove(table));
      loads.put(table, load);
      load.running = loader.submit(() -> runLoad(load));
    }
    paceConsumption();
  }

  private Load seal(TableId table, TableBuffer buffer) {
    buffer.seal();
    if (!typed) {
      return new Load(table, buffer, StreamSchema.RAW, null, 0);
    }
    TypedTable typedTable = typedTable(table);
    List<Column> typedColumns = List.copyOf(typedTable.columns());
    List<Column> columns = new ArrayList<>(StreamSchema.RAW);
    columns.addAll(typedColumns);
    boolean evolved = typedTable.version() == evolvedVersions.getOrDefault(table, 0L);
    return new Load(table, buffer, columns, evolved ? null : typedColumns, typedTable.version());
  }

  private long loadingBytes() {
    return loads.values().stream().mapToLong(l -> l.buffer.bytes()).sum();
  }

  /**
   * While loads are under way, asks Connect to call again soon so that their outcome is taken in promptly;
   * and pauses consumption while all buffers, under load or not, take more than the task's budget.
   */
  private void paceConsumption() {
    long loading = loadingBytes();
    long total = loading + buffers.values().stream().mapToLong(TableBuffer::bytes).sum();
    boolean pause = !loads.isEmpty() && policy.overBudget(total);
    if (pause != pausedForLoads) {
      TopicPartition[] assigned = context.assignment().toArray(new TopicPartition[0]);
      if (pause) {
        context.pause(assigned);
        log.info("Pausing consumption until loads finish: {} bytes buffered, {} of them in {} loads under way "
            + "(buffer.total.max.bytes)", total, loading, loads.size());
      } else {
        context.resume(assigned);
        log.info("Resuming consumption: {} bytes buffered", total);
      }
      pausedForLoads = pause;
    }
    if (!loads.isEmpty() && nextAttemptMs == 0) {
      context.timeout(LOAD_CHECK_MS);
    }
  }

  /** Takes in the outcome of the loads that finished on loader threads. */
  private void collectFinishedLoads() {
    for (Load load : List.copyOf(loads.values())) {
      if (load.running != null && load.running.isDone()) {
        collect(load);
      }
    }
  }

  /**
   * Waits for a load's outcome: a loaded buffer is let go; one that failed for a passing reason is kept for
   * its retry; any other failure fails the task.
   */
  private void collect(Load load) {
    try {
      load.running.get();
      loaded(load);
    } catch (ExecutionException e) {
      load.running = null;
      if (e.getCause() instanceof RetriableException passing) {
        log.warn("Loading {} records into {} failed for a passing reason; retrying: {}", load.buffer.records(),
            load.table, passing.getMessage());
        return;
      }
      deferredFailure = e.getCause() instanceof ConnectException fatal ? fatal
          : new ConnectException("Loading records into " + load.table + " failed: " + e.getCause(), e.getCause());
      throw deferredFailure;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ConnectException("Interrupted while waiting for the load into " + load.table, e);
    }
  }

  /** Lets go of a load's buffer once its rows are in the table. */
  private void loaded(Load load) {
    load.buffer.clear();
    loads.remove(load.table);
    if (load.evolveTo != null) {
      evolvedVersions.put(load.table, load.typedVersion);
    }
  }

  /** Loads again, on the task's thread, the buffers whose load failed for a passing reason. */
  private void retryFailedLoads() {
    List<Load> failed = loads.values().stream().filter(l -> l.running == null).toList();
    if (failed.isEmpty()) {
      return;
    }
    long records = failed.stream().mapToLong(l -> l.buffer.records()).sum();
    retrying(() -> failed.forEach(load -> {
      runLoad(load);
      loaded(load);
    }), "loading " + records + " records into " + failed.stream().map(l -> l.table).toList());
  }

  /**
   * Runs work that may fail for a passing reason. On such a failure within the retry timeout it asks
   * Connect to hand the same records back after a backoff; after it, the task fails naming the cause.
   */
  private void retrying(Runnable work, String what) {
    try {
      work.run();
      if (failingSinceMs >= 0) {
        log.info("Succeeded {} after {} failed attempts over {} ms", what, failedAttempts,
            clock.millis() - failingSinceMs);
      }
      failingSinceMs = -1;
      failedAttempts = 0;
      nextAttemptMs = 0;
    } catch (RetriableException e) {
      long now = clock.millis();
      if (failingSinceMs < 0) {
        failingSinceMs = now;
      }
      failedAttempts++;
      long failingFor = now - failingSinceMs;
      if (failingFor >= retry.maxTotal().toMillis()) {
        throw new ConnectException("Gave up " + what + " after " + failedAttempts + " attempts over " + failingFor
            + " ms (retry.timeout.ms=" + retry.maxTotal().toMillis() + "); last failure: " + e.getMessage(), e);
      }
      Duration backoff = retry.backoff(failedAttempts);
      log.warn("Waiting {} ms before retrying {} (attempt {}, failing for {} ms, buffer kept, consumption "
          + "paused): {}", backoff.toMillis(), what, failedAttempts, failingFor, e.getMessage());
      context.timeout(backoff.toMillis());
      nextAttemptMs = now + backoff.toMillis();
      lastFailure = e.getMessage();
      throw e;
    }
  }

  /** The table's typed columns, read from the table the first time; an append table is created for it. */
  private TypedTable typedTable(TableId table) {
    return typedTables.computeIfAbsent(table, t -> {
      if (syncMode == SyncMode.APPEND) {
        ensureTable(t);
      }
      return new TypedTable(tables.typedColumns(t), evolve);
    });
  }

  /**
   * Makes the table ready to load: an append table is created unless it exists; a full-refresh table is
   * awaited until the task that owns its topic's partition 0 has replaced it.
   */
  private void ensureTable(TableId table) {
    if (readyTables.contains(table)) {
      return;
    }
    if (syncMode == SyncMode.APPEND) {
      tables.create(table, stager.tableLocation(table));
    } else {
      tables.awaitRefresh(table, deployment, REFRESH_WAIT);
    }
    readyTables.add(table);
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

  /**
   * Takes in finished loads and starts those of due buffers, then answers the offsets whose records are
   * all durable in the tables. Buffers that are not due wait for their own trigger: loading everything at
   * each offset commit made loads of a few hundred rows back to back whenever a load outlasted the commit
   * interval (seen in the soak). A load that failed is left for put() to retry: its offsets are held back.
   */
  Map<TopicPartition, OffsetAndMetadata> preCommit(Map<TopicPartition, OffsetAndMetadata> current) {
    try {
      collectFinishedLoads();
      if (clock.millis() >= nextAttemptMs) {
        startDueLoads(clock.millis());
      }
    } catch (ConnectException e) {
      log.error("Loading buffered records failed; no offsets are committed and the task fails", e);
      deferredFailure = e;
      return Map.of();
    }
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
    if (unrecovered.contains(tp)) {
      return -1;
    }
    // A sealed buffer holds older rows of its partitions than the table's open buffer.
    for (Load load : loads.values()) {
      long first = load.buffer.firstOffset(tp);
      if (first >= 0) {
        return first;
      }
    }
    for (TableBuffer buffer : buffers.values()) {
      long first = buffer.firstOffset(tp);
      if (first >= 0) {
        return first;
      }
    }
    return nextOffsets.getOrDefault(tp, -1L);
  }

  /**
   * Stages a sealed buffer and loads it into its table; on a loader thread, or on the task's thread for a
   * retry. The buffer is let go by the task's thread once this returned.
   */
  private void runLoad(Load load) {
    TableId table = load.table;
    TableBuffer buffer = load.buffer;
    ensureTable(table);
    if (load.evolveTo != null) {
      tables.evolve(table, load.evolveTo);
    }
    Map<TopicPartition, Long> firstOffsets = new LinkedHashMap<>();
    buffer.partitions().forEach(tp -> firstOffsets.put(tp, buffer.firstOffset(tp)));
    long started = clock.millis();
    StagedTable staged;
    try (TableBuffer.RowReader rows = buffer.read()) {
      staged = stager.stage(table, load.columns, rows,
          () -> observer.reached(LoadStep.DATA_FILES_UPLOADED, table));
    } catch (IOException | UncheckedIOException e) {
      throw new RetriableException("Staging " + buffer.records() + " rows for " + table + " failed: "
          + e.getMessage(), e);
    }
    observer.reached(LoadStep.STAGED, table);
    long stagedAt = clock.millis();
    long inserted;
    try {
      inserted = tables.load(table, load.columns, staged, firstOffsets);
    } catch (ConnectException e) {
      // The buffer is kept and staged again on the next attempt; this staging table would only be litter,
      // unless its data is what failed: then it is the evidence, and the exception names it.
      if (purge && !(e instanceof StagedDataUnreadableException)) {
        purgeQuietly(staged);
      }
      throw e;
    }
    observer.reached(LoadStep.LOADED, table);
    if (purge) {
      purgeQuietly(staged);
    }
    long loadedAt = clock.millis();
    log.info("Loaded {} of {} staged rows into {} in {} ms (staging {} ms, insert {} ms; tombstones skipped so far: "
        + "{}, sent to DLQ: {})", inserted, staged.rows(), table, loadedAt - started, stagedAt - started,
        loadedAt - stagedAt, tombstones, errant);
  }

  /** A leftover staging table costs storage, not correctness, so a failed purge is only logged. */
  private void purgeQuietly(StagedTable staged) {
    try {
      stager.purge(staged);
    } catch (IOException | ConnectException e) {
      log.warn("Could not purge staging table {}: {}", staged.location(), e.getMessage());
    }
  }

  void close(Collection<TopicPartition> partitions) {
    // Their new owner asks the table where they resume, so a load of their rows must be done by then.
    for (Load load : List.copyOf(loads.values())) {
      if (load.running != null && !Collections.disjoint(load.buffer.partitions(), partitions)) {
        try {
          collect(load);
        } catch (ConnectException e) {
          log.error("Loading into {} failed while its partitions were being closed; the task fails", load.table, e);
        }
      }
    }
    for (Load load : List.copyOf(loads.values())) {
      if (load.running == null) {
        load.buffer.drop(partitions);
        if (load.buffer.isEmpty()) {
          loads.remove(load.table);
        }
      }
    }
    buffers.values().forEach(b -> b.drop(partitions));
    partitions.forEach(tp -> {
      nextOffsets.remove(tp);
      unrecovered.remove(tp);
    });
  }

  /** Gives a running load a bounded time to finish, then stops the loader threads. */
  void stop() {
    loader.shutdown();
    try {
      if (!loader.awaitTermination(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
        log.warn("A load was still running {} s after the task was asked to stop; interrupting it. Its rows, if "
            + "the warehouse commits them, are skipped by the next load as already in the table",
            STOP_WAIT.toSeconds());
        loader.shutdownNow();
      }
    } catch (InterruptedException e) {
      loader.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
