package io.heropixel.connect.databricks.warehouse;

import io.heropixel.connect.databricks.routing.TableId;
import org.apache.kafka.connect.errors.ConnectException;

/**
 * A load failed because the warehouse could not read a staged file: the staged data itself is at fault, so
 * another attempt would fail the same way. The staging table is kept, and the message names it, the file
 * and the target table, so the file can be found and read.
 */
public class StagedDataUnreadableException extends ConnectException {

  StagedDataUnreadableException(TableId table, String stagingLocation, String file, ConnectException cause) {
    super("Databricks could not read the staged file " + file + " of staging table " + stagingLocation
        + " while loading " + table + "; the staging table is kept for inspection. " + cause.getMessage(), cause);
  }
}
