package io.heropixel.connect.databricks.it;

import io.heropixel.connect.databricks.LoadObserver;
import io.heropixel.connect.databricks.LoadStep;
import io.heropixel.connect.databricks.routing.TableId;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.connect.errors.ConnectException;

/**
 * Holds a table's load at a step until another table's records reach a step of their own. Were loads run
 * inline by the task, or one at a time, the awaited step could never come while the load waits: the gate
 * then gives up and fails the task, so the test fails.
 */
public class GatedLoadObserver implements LoadObserver {

  static final Duration PATIENCE = Duration.ofSeconds(90);

  private record Gate(LoadStep holdAt, String awaitedTable, LoadStep awaitedStep, CountDownLatch opened) {}

  private static final Map<String, Gate> GATES = new ConcurrentHashMap<>();
  private static final Set<String> HELD = ConcurrentHashMap.newKeySet();
  private static final Set<String> PASSED = ConcurrentHashMap.newKeySet();

  /** Arms a one-shot gate: {@code table}'s load waits at {@code holdAt} until {@code awaitedTable} reaches its step. */
  static void arm(String table, LoadStep holdAt, String awaitedTable, LoadStep awaitedStep) {
    GATES.put(table, new Gate(holdAt, awaitedTable, awaitedStep, new CountDownLatch(1)));
  }

  /** Whether the table's load is waiting at its gate now. */
  static boolean held(String table) {
    return HELD.contains(table);
  }

  /** Whether the table's load went through its gate after the awaited step came. */
  static boolean passed(String table) {
    return PASSED.contains(table);
  }

  @Override
  public void reached(LoadStep step, TableId table) {
    GATES.values().stream()
        .filter(g -> g.awaitedTable().equals(table.table()) && g.awaitedStep() == step)
        .forEach(g -> g.opened().countDown());
    Gate gate = GATES.get(table.table());
    if (gate == null || gate.holdAt() != step) {
      return;
    }
    HELD.add(table.table());
    try {
      if (!gate.opened().await(PATIENCE.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new ConnectException("Gate: the load into " + table + " waited " + PATIENCE.toSeconds() + " s at "
            + step + " for " + gate.awaitedTable() + " to reach " + gate.awaitedStep() + ", which never came");
      }
      GATES.remove(table.table(), gate);
      PASSED.add(table.table());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ConnectException("Interrupted at the gate of " + table, e);
    } finally {
      HELD.remove(table.table());
    }
  }
}
