package io.heropixel.connect.databricks.warehouse;

import io.heropixel.connect.databricks.routing.TableId;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.apache.kafka.connect.errors.ConnectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets the tasks of this worker insert into one table one at a time. A load's INSERT reads its target (to
 * skip rows the table holds already), so when two run into one table at once Delta fails the later commit
 * (ConcurrentAppendException) and that INSERT runs again from the start: all its work is lost, and the tasks
 * of a connector load a topic's partitions into the same table. Taking turns loses none. Tasks on other
 * workers can still meet such conflicts; those are retried as passing failures.
 *
 * <p>The turns are per worker because the plugin's classes are loaded once per worker. A table's entry lives
 * only while an INSERT into it runs or waits, so the map stays as small as the inserts in flight.
 *
 * <p>A turn only saves work; Delta's conflict check keeps loads correct without it. So an INSERT waits for
 * its turn a bounded time and then runs anyway: a statement stuck in a stopped task must not stall the rest.
 */
final class InsertTurns {

  private static final Logger log = LoggerFactory.getLogger(InsertTurns.class);
  static final Duration MAX_WAIT = Duration.ofMinutes(1);

  private static final Map<TableId, Turn> TURNS = new HashMap<>();

  private InsertTurns() {}

  private static final class Turn {
    final ReentrantLock lock = new ReentrantLock(true);
    int holders;
  }

  /** Runs {@code insert} once no other INSERT into {@code table} from this worker runs, or after MAX_WAIT. */
  static <T> T take(TableId table, Supplier<T> insert) {
    return take(table, MAX_WAIT, insert);
  }

  static <T> T take(TableId table, Duration maxWait, Supplier<T> insert) {
    Turn turn;
    synchronized (TURNS) {
      turn = TURNS.computeIfAbsent(table, t -> new Turn());
      turn.holders++;
    }
    try {
      boolean inTurn = turn.lock.tryLock(maxWait.toMillis(), TimeUnit.MILLISECONDS);
      if (!inTurn) {
        log.warn("Another INSERT into {} has run for over {} s; this load's INSERT runs beside it", table,
            maxWait.toSeconds());
      }
      try {
        return insert.get();
      } finally {
        if (inTurn) {
          turn.lock.unlock();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ConnectException("Interrupted while waiting for another task's load into " + table, e);
    } finally {
      synchronized (TURNS) {
        if (--turn.holders == 0) {
          TURNS.remove(table);
        }
      }
    }
  }

  /** Whether an INSERT into the table runs or waits, for tests. */
  static boolean inTurn(TableId table) {
    synchronized (TURNS) {
      return TURNS.containsKey(table);
    }
  }
}
