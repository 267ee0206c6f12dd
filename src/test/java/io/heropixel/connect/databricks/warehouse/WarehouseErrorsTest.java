package io.heropixel.connect.databricks.warehouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.databricks.internal.apache.thrift.transport.TTransportException;
import com.databricks.jdbc.exception.DatabricksHttpException;
import com.databricks.jdbc.exception.DatabricksRateLimitException;
import com.databricks.jdbc.exception.DatabricksRetryHandlerException;
import com.databricks.jdbc.exception.DatabricksSQLException;
import com.databricks.jdbc.exception.DatabricksTimeoutException;
import com.databricks.jdbc.model.telemetry.enums.DatabricksDriverErrorCode;
import java.sql.SQLException;
import org.apache.kafka.connect.errors.ConnectException;
import org.junit.jupiter.api.Test;

/** How statement failures are told apart from their messages alone. */
class WarehouseErrorsTest {

  private static final String STAGED = "s3://lakehouse/p/0f1e2d3c-4503-4a5b-8c7d-6e5f4a3b2c1d/orders/part_0.parquet";

  @Test
  void aFailedReadNamesItsFileInSparksAndDatabricksWording() {
    SQLException spark = new SQLException("[TASK_WRITE_FAILED] Task failed while writing rows to s3://x/t. "
        + "SQLSTATE: 58030\nCaused by: [FAILED_READ_FILE.NO_HINT] Encountered error while reading file " + STAGED
        + ". SQLSTATE: KD001");
    assertEquals(STAGED, WarehouseClient.unreadableFile(new ConnectException("Databricks statement failed", spark)));
    assertEquals(STAGED, WarehouseClient.unreadableFile(new SQLException(
        "[FAILED_READ_FILE.NO_HINT] Error while reading file " + STAGED + ". SQLSTATE: KD001")));
    assertEquals("a file", WarehouseClient.unreadableFile(new SQLException("[FAILED_READ_FILE.NO_HINT] failed")));
    assertNull(WarehouseClient.unreadableFile(new SQLException("[TABLE_OR_VIEW_NOT_FOUND] reading file " + STAGED)));
  }

  @Test
  void threeDigitsOfAnIdOrFileNameAreNoHttpStatus() {
    assertFalse(WarehouseClient.isTransient(new SQLException("[FAILED_READ_FILE.NO_HINT] Error while reading file "
        + STAGED + ". SQLSTATE: KD001", "KD001")));
    assertFalse(WarehouseClient.isTransient(new SQLException("reading part-00503.parquet failed", "KD001")));
    assertTrue(WarehouseClient.isTransient(new SQLException("HTTP 503 Service Unavailable", "HY000")));
    assertTrue(WarehouseClient.isTransient(new SQLException("status code: 503", "HY000")));
  }

  @Test
  void theThriftDriversPassingFailuresAreTransientAndItsRefusalsFinal() {
    DatabricksDriverErrorCode connection = DatabricksDriverErrorCode.CONNECTION_ERROR;
    assertTrue(WarehouseClient.isTransient(new DatabricksHttpException("Request failed", new DatabricksRetryHandlerException(
        "HTTP Response code: 502 after retries", 502), connection)));
    assertTrue(WarehouseClient.isTransient(new DatabricksHttpException("Request failed",
        new TTransportException(TTransportException.END_OF_FILE, "Socket is closed by peer."), connection)));
    assertTrue(WarehouseClient.isTransient(new DatabricksHttpException("Request failed",
        new TTransportException("HTTP Response code: 503, Error message: Service Unavailable"), connection)));
    assertTrue(WarehouseClient.isTransient(new DatabricksRateLimitException("Too many requests", 429)));
    assertTrue(WarehouseClient.isTransient(new DatabricksTimeoutException("Statement timed out", null,
        DatabricksDriverErrorCode.STATEMENT_EXECUTION_TIMEOUT)));

    assertFalse(WarehouseClient.isTransient(new DatabricksHttpException("Request failed",
        new TTransportException("HTTP Response code: 401, Error message: Unauthorized"), DatabricksDriverErrorCode.AUTH_ERROR)));
    assertFalse(WarehouseClient.isTransient(new DatabricksSQLException(
        "[TABLE_OR_VIEW_NOT_FOUND] The table or view `c`.`s`.`t` cannot be found.", "42P01")));
  }
}
