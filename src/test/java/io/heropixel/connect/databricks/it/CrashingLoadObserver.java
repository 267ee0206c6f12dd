package io.heropixel.connect.databricks.it;

import io.heropixel.connect.databricks.LoadObserver;
import io.heropixel.connect.databricks.LoadStep;
import io.heropixel.connect.databricks.routing.TableId;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.connect.errors.ConnectException;

/** Crashes the task the first time a table's records reach the step a test armed for that table. */
public class CrashingLoadObserver implements LoadObserver {

  private static final Map<String, LoadStep> ARMED = new ConcurrentHashMap<>();

  static void arm(String table, LoadStep step) {
    ARMED.put(table, step);
  }

  static boolean fired(String table) {
    return !ARMED.containsKey(table);
  }

  @Override
  public void reached(LoadStep step, TableId table) {
    if (ARMED.remove(table.table(), step)) {
      throw new ConnectException("Injected crash at " + step + " for " + table);
    }
  }
}
