package io.heropixel.connect.databricks.local;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs statements on Spark in the background, one isolated SparkSession (current catalog and schema,
 * SQL conf) per API session, all sharing one metastore. Statements are tracked by id until closed.
 */
final class StatementExecutor implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(StatementExecutor.class);
  /** Statements that run longer are logged with their time, to see where a load's time goes. */
  private static final long SLOW_MS = 1000;

  private final SparkSession root;
  private final SqlRewriter rewriter;
  private final UnityCatalogs catalogs;
  private final UnityCatalogStatements unityCatalogStatements;
  private final String defaultCatalog;
  private final Map<String, SparkSession> sessions = new ConcurrentHashMap<>();
  private final Set<String> expired = ConcurrentHashMap.newKeySet();
  private final Map<String, RunningStatement> statements = new ConcurrentHashMap<>();
  private final ExecutorService pool;

  /** @param defaultCatalog the catalog a session starts in unless the client names one, as a workspace's default */
  StatementExecutor(SparkSession root, UnityCatalogs catalogs, LocalVolumes volumes, String defaultCatalog) {
    this.root = root;
    this.catalogs = catalogs;
    this.rewriter = new SqlRewriter(catalogs, volumes);
    this.unityCatalogStatements = new UnityCatalogStatements(catalogs, volumes);
    this.defaultCatalog = defaultCatalog;
    useCatalog(root, defaultCatalog);
    AtomicInteger threads = new AtomicInteger();
    this.pool =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "local-warehouse-statement-" + threads.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
  }

  /** Opens a session, applying the catalog and schema the client asked for, else the default catalog. */
  String openSession(String catalog, String schema) {
    SparkSession session = root.newSession();
    useCatalog(session, catalog == null || catalog.isBlank() ? defaultCatalog : catalog);
    if (schema != null && !schema.isBlank()) {
      session.sql("USE " + quote(schema));
    }
    String id = UUID.randomUUID().toString();
    sessions.put(id, session);
    return id;
  }

  private void useCatalog(SparkSession session, String catalog) {
    registerCatalogs(session, catalogs);
    if (UnityCatalogs.isLegacy(catalog)) {
      session.sql("SET CATALOG " + SqlRewriter.SPARK_CATALOG);
    } else if (catalogs.exists(catalog)) {
      session.sql("SET CATALOG " + quote(catalog.toLowerCase(java.util.Locale.ROOT)));
    } else {
      throw new DatabricksError("NO_SUCH_CATALOG_EXCEPTION", "42704", "Catalog '" + catalog + "' was not found.");
    }
  }

  /** Makes every Unity Catalog catalog known to a session: Spark finds a catalog plugin through the session's conf. */
  static void registerCatalogs(SparkSession session, UnityCatalogs catalogs) {
    for (String catalog : catalogs.catalogs()) {
      String key = "spark.sql.catalog." + catalog;
      if (session.conf().getOption(key).isEmpty()) {
        session.conf().set(key, UnityCatalogStandIn.class.getName());
      }
    }
  }

  boolean hasSession(String sessionId) {
    return sessions.containsKey(sessionId);
  }

  void closeSession(String sessionId) {
    sessions.remove(sessionId);
    expired.remove(sessionId);
  }

  /** Ends every open session as a warehouse does after idling or a restart; clients must open new ones. */
  void expireSessions() {
    for (String id : sessions.keySet()) {
      expired.add(id);
      sessions.remove(id);
    }
  }

  boolean isExpired(String sessionId) {
    return expired.contains(sessionId);
  }

  /** Submits a statement; {@code rowLimit} > 0 caps the rows kept, as the API's row_limit does. */
  RunningStatement submit(
      String sessionId,
      String sql,
      List<StatementParameter> parameters,
      long rowLimit,
      int chunkRowLimit) {
    SparkSession session = sessionId == null ? null : sessions.get(sessionId);
    SparkSession target = session == null ? root : session;
    RunningStatement statement = new RunningStatement(UUID.randomUUID().toString(), chunkRowLimit);
    statements.put(statement.id(), statement);
    statement.attach(pool.submit(() -> run(target, statement, sql, parameters, rowLimit)));
    return statement;
  }

  Optional<RunningStatement> find(String statementId) {
    return Optional.ofNullable(statements.get(statementId));
  }

  void cancel(String statementId) {
    find(statementId)
        .ifPresent(
            statement -> {
              if (statement.cancel()) {
                root.sparkContext().cancelJobGroup(statement.id());
                statement.execution().cancel(true);
              }
            });
  }

  void close(String statementId) {
    cancel(statementId);
    RunningStatement statement = statements.remove(statementId);
    if (statement != null) {
      statement.close();
    }
  }

  private void run(
      SparkSession session,
      RunningStatement statement,
      String sql,
      List<StatementParameter> params,
      long rowLimit) {
    if (!statement.markRunning()) {
      return;
    }
    // Job group = statement id, so a cancel reaches the Spark jobs of this statement only.
    session.sparkContext().setJobGroup(statement.id(), sql, true);
    long started = System.nanoTime();
    try {
      registerCatalogs(session, catalogs);
      Optional<StatementResult> answered = unityCatalogStatements.run(session, sql);
      if (answered.isPresent()) {
        statement.succeed(answered.get());
        return;
      }
      Dataset<Row> frame = ParameterBinder.sql(session, rewriter.rewrite(sql), params);
      List<Row> rows =
          rowLimit > 0 && rowLimit < Integer.MAX_VALUE
              ? frame.limit((int) rowLimit).collectAsList()
              : frame.collectAsList();
      StatementResult result =
          frame.schema().isEmpty()
              ? AffectedRows.ofInsert(session, frame)
                  .orElse(new StatementResult(frame.schema(), rows))
              : new StatementResult(frame.schema(), rows);
      statement.succeed(result);
    } catch (Throwable failure) {
      statement.fail(StatementError.of(failure));
    } finally {
      session.sparkContext().clearJobGroup();
      long ms = (System.nanoTime() - started) / 1_000_000;
      if (ms >= SLOW_MS) {
        log.info("Statement ran {} ms: {}", ms, sql.length() > 120 ? sql.substring(0, 120) + "..." : sql);
      }
    }
  }

  private static String quote(String identifier) {
    return "`" + identifier.replace("`", "``") + "`";
  }

  @Override
  public void close() {
    statements.keySet().forEach(this::close);
    pool.shutdownNow();
  }
}
