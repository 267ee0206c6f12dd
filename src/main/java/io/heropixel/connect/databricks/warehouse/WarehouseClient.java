package io.heropixel.connect.databricks.warehouse;

import com.databricks.internal.apache.thrift.transport.TTransportException;
import com.databricks.internal.sdk.core.DatabricksError;
import com.databricks.jdbc.exception.DatabricksRateLimitException;
import io.heropixel.connect.databricks.config.RetryPolicy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.SQLTransientException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs SQL on the warehouse over JDBC connections kept for reuse, one per thread that runs a statement at
 * the time (the task's thread and its loads), replacing a connection when it breaks and retrying statements
 * that failed for a passing reason (expired session, conflicting Delta commit) a few times. Only idempotent
 * statements are sent through it, so a retry is always safe. A passing failure that outlasts these quick
 * retries (a warehouse starting up, an outage) is thrown as a {@link RetriableException}: the caller
 * decides how long to keep trying; any other failure is a {@link ConnectException}.
 */
public class WarehouseClient implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(WarehouseClient.class);
  /** HTTP answers of a warehouse that is starting, overloaded or behind a failing gateway. */
  private static final Set<Integer> PASSING_HTTP_STATUSES = Set.of(429, 502, 503, 504);
  /** Thrift transport failures of a connection, not of a request: the next connection may not meet them. */
  private static final Set<Integer> PASSING_TRANSPORT_FAILURES =
      Set.of(TTransportException.NOT_OPEN, TTransportException.TIMED_OUT, TTransportException.END_OF_FILE);
  /** A status in a message, not three digits of a file name or id that a message quotes. */
  private static final Pattern HTTP_503 = Pattern.compile("\\b503\\b");
  private static final String FAILED_READ_FILE = "FAILED_READ_FILE";
  private static final Pattern FILE_READ = Pattern.compile("reading file (\\S+?)\\.?(?:\\s|$)");

  /** A query's rows, mapped one at a time. */
  public interface RowMapper<T> {
    T map(ResultSet rs) throws SQLException;
  }

  private final JdbcUrl url;
  private final RetryPolicy retry;
  /** Connections not in use; a thread takes one for a statement and puts it back after. */
  private final Deque<Connection> idle = new ConcurrentLinkedDeque<>();
  private volatile boolean closed;

  public WarehouseClient(JdbcUrl url, RetryPolicy retry) {
    this.url = url;
    this.retry = retry;
  }

  /** Runs a statement and returns its update count (rows inserted for an INSERT). */
  public long execute(String sql) {
    return withRetries(sql, c -> {
      try (Statement st = c.createStatement()) {
        st.execute(sql);
        return Math.max(0L, st.getLargeUpdateCount());
      }
    });
  }

  public <T> List<T> query(String sql, RowMapper<T> mapper) {
    return withRetries(sql, c -> {
      try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
        List<T> rows = new ArrayList<>();
        while (rs.next()) {
          rows.add(mapper.map(rs));
        }
        return rows;
      }
    });
  }

  private interface Work<T> {
    T run(Connection c) throws SQLException;
  }

  private <T> T withRetries(String sql, Work<T> work) {
    long deadline = System.nanoTime() + retry.maxTotal().toNanos();
    for (int attempt = 1; ; attempt++) {
      Connection connection = null;
      boolean reusable = false;
      try {
        connection = take();
        T result = work.run(connection);
        reusable = true;
        return result;
      } catch (SQLException e) {
        String failure = "Databricks statement failed (SQLSTATE " + e.getSQLState() + "): " + e.getMessage()
            + " -- statement: " + abbreviate(sql);
        if (!isTransient(e)) {
          reusable = true;
          throw new ConnectException(failure, e);
        }
        if (attempt >= retry.maxAttempts() || System.nanoTime() > deadline) {
          throw new RetriableException(failure, e);
        }
        Duration wait = retry.backoff(attempt);
        log.warn("Databricks statement failed for a passing reason (attempt {} of {}), retrying in {} ms: {}",
            attempt, retry.maxAttempts(), wait.toMillis(), e.getMessage());
        if (connection != null) {
          closeQuietly(connection);
          connection = null;
        }
        sleep(wait);
      } finally {
        if (connection != null) {
          give(connection, reusable);
        }
      }
    }
  }

  private Connection take() throws SQLException {
    for (Connection c = idle.poll(); c != null; c = idle.poll()) {
      if (!c.isClosed()) {
        return c;
      }
    }
    return DriverManager.getConnection(url.url(), url.properties());
  }

  /** Puts a connection back for reuse; one that failed for a passing reason, or came after close, is closed. */
  private void give(Connection connection, boolean reusable) {
    if (reusable && !closed) {
      idle.push(connection);
      if (closed && idle.remove(connection)) {
        closeQuietly(connection);
      }
    } else {
      closeQuietly(connection);
    }
  }

  /**
   * Failures that a later attempt may not meet: broken or expired connections, cold starts, write conflicts.
   * In its Statement Execution API mode the driver gives up on an HTTP 503 after a few retries of its own
   * and raises a SQLException with SQLSTATE EXECUTE_STATEMENT_FAILED or CONNECTION_ERROR whose message does
   * not name the status: only the SDK error in its causes does. In Thrift mode (all-purpose clusters) a
   * passing failure arrives as a DatabricksHttpException over the driver's retry handler (an IOException),
   * a Thrift transport failure or a rate limit.
   */
  static boolean isTransient(SQLException e) {
    if (e instanceof SQLTransientException || (e.getSQLState() != null && e.getSQLState().startsWith("08"))) {
      return true;
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      String message = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
      if (t instanceof java.io.IOException
          || t instanceof DatabricksError error && PASSING_HTTP_STATUSES.contains(error.getStatusCode())
          || t instanceof DatabricksRateLimitException
          || t instanceof TTransportException transport && PASSING_TRANSPORT_FAILURES.contains(transport.getType())
          || message.contains("temporarily_unavailable") || HTTP_503.matcher(message).find()
          || message.contains("invalid sessionhandle") || message.contains("session") && message.contains("expired")
          || message.contains("connection refused") || message.contains("timed out")
          || message.contains("concurrent") && (message.contains("delta") || message.contains("conflict"))) {
        return true;
      }
    }
    return false;
  }

  /**
   * For a failure to read a data file (error class FAILED_READ_FILE, as Databricks and Spark both raise it:
   * "... reading file PATH."), the file, or "a file" where the message does not name it; null for any other.
   */
  static String unreadableFile(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      String message = String.valueOf(t.getMessage());
      if (message.contains(FAILED_READ_FILE)) {
        Matcher m = FILE_READ.matcher(message.substring(message.indexOf(FAILED_READ_FILE)));
        return m.find() ? m.group(1) : "a file";
      }
    }
    return null;
  }

  private static String abbreviate(String sql) {
    return sql.length() <= 400 ? sql : sql.substring(0, 400) + "...";
  }

  /** Waits between attempts at the warehouse; an interrupt ends the wait and the work waiting on it. */
  static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ConnectException("Interrupted while waiting to try the warehouse again", e);
    }
  }

  private static void closeQuietly(Connection connection) {
    try {
      connection.close();
    } catch (SQLException ignored) {
      // The connection failed or is no longer needed; its close failing says nothing new.
    }
  }

  @Override
  public void close() {
    closed = true;
    for (Connection c = idle.poll(); c != null; c = idle.poll()) {
      closeQuietly(c);
    }
  }
}
