package io.heropixel.connect.databricks.warehouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.heropixel.connect.databricks.config.RetryPolicy;
import io.heropixel.connect.databricks.local.LocalWarehouse;
import io.heropixel.connect.databricks.local.SharedLocalInfra;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;
import org.junit.jupiter.api.Test;

/**
 * How the client classifies what the real Databricks JDBC driver raises when the local warehouse fails
 * the way Databricks does: passing failures are retriable, mistakes are final.
 */
class WarehouseClientFailuresTest {

  private static final RetryPolicy ONE_ATTEMPT =
      new RetryPolicy(1, Duration.ofMillis(10), Duration.ofMillis(10), Duration.ofSeconds(60));
  private static final RetryPolicy QUICK_RETRIES =
      new RetryPolicy(3, Duration.ofMillis(10), Duration.ofMillis(10), Duration.ofSeconds(60));

  private static WarehouseClient client(LocalWarehouse warehouse, String url, RetryPolicy retry) {
    Properties properties = new Properties();
    properties.put("UID", "token");
    properties.put("PWD", warehouse.token());
    return new WarehouseClient(new JdbcUrl(url, properties), retry);
  }

  @Test
  void aStartingWarehouseIsRetriableForStatementsAndNewConnections() {
    LocalWarehouse warehouse = SharedLocalInfra.warehouse();
    try (WarehouseClient client = client(warehouse, warehouse.jdbcUrl(), ONE_ATTEMPT)) {
      assertEquals(1L, client.query("SELECT 1", rs -> rs.getLong(1)).get(0));
      warehouse.unavailable(true);
      // The open session's statement, then (the client closed it) a new session: both answer 503.
      RetriableException statement = assertThrows(RetriableException.class, () -> client.execute("SELECT 1"));
      assertTrue(statement.getMessage().contains("EXECUTE_STATEMENT_FAILED"), statement.getMessage());
      RetriableException connect = assertThrows(RetriableException.class, () -> client.execute("SELECT 1"));
      assertTrue(connect.getMessage().contains("CONNECTION_ERROR"), connect.getMessage());
      warehouse.unavailable(false);
      assertEquals(1L, client.query("SELECT 1", rs -> rs.getLong(1)).get(0));
    } finally {
      warehouse.unavailable(false);
    }
  }

  @Test
  void aWarehouseRefusingNewSessionsIsRetriedThenRetriable() {
    LocalWarehouse warehouse = SharedLocalInfra.warehouse();
    warehouse.unavailable(true);
    try (WarehouseClient client = client(warehouse, warehouse.jdbcUrl(), QUICK_RETRIES)) {
      // No connection to reuse: each attempt opens one, and each is refused.
      RetriableException e = assertThrows(RetriableException.class, () -> client.execute("SELECT 1"));
      assertTrue(e.getMessage().contains("CONNECTION_ERROR"), e.getMessage());
      warehouse.unavailable(false);
      assertEquals(1L, client.query("SELECT 1", rs -> rs.getLong(1)).get(0));
    } finally {
      warehouse.unavailable(false);
    }
  }

  @Test
  void anExpiredSessionIsReplacedByANewOne() {
    LocalWarehouse warehouse = SharedLocalInfra.warehouse();
    try (WarehouseClient client = client(warehouse, warehouse.jdbcUrl(), QUICK_RETRIES)) {
      assertEquals(1L, client.query("SELECT 1", rs -> rs.getLong(1)).get(0));
      warehouse.expireSessions();
      assertEquals(2L, client.query("SELECT 2", rs -> rs.getLong(1)).get(0));
    }
  }

  @Test
  void aSyntaxErrorIsFinal() {
    LocalWarehouse warehouse = SharedLocalInfra.warehouse();
    try (WarehouseClient client = client(warehouse, warehouse.jdbcUrl(), QUICK_RETRIES)) {
      ConnectException e = assertThrows(ConnectException.class, () -> client.execute("SELEC 1"));
      assertTrue(e.getMessage().contains("42601"), e.getMessage());
      assertTrue(!(e instanceof RetriableException));
    }
  }
}
