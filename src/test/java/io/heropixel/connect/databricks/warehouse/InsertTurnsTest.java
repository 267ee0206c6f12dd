package io.heropixel.connect.databricks.warehouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.heropixel.connect.databricks.routing.TableId;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class InsertTurnsTest {

  private static final TableId ORDERS = new TableId("c", "s", "orders");
  private static final TableId USERS = new TableId("c", "s", "users");

  private final ExecutorService threads = Executors.newFixedThreadPool(2);

  @AfterEach
  void stopThreads() {
    threads.shutdownNow();
  }

  @Test
  void aSecondInsertIntoTheSameTableWaitsForTheFirstAndTheTurnIsForgottenAfter() throws Exception {
    CountDownLatch releaseFirst = new CountDownLatch(1);
    CountDownLatch secondRan = new CountDownLatch(1);
    Future<Long> first = insertHoldingTheTurn(ORDERS, releaseFirst);
    Future<Long> second = threads.submit(() -> InsertTurns.take(new TableId("c", "s", "orders"), () -> {
      secondRan.countDown();
      return 2L;
    }));

    assertFalse(secondRan.await(300, TimeUnit.MILLISECONDS), "the second insert ran beside the first");
    assertTrue(InsertTurns.inTurn(ORDERS));
    releaseFirst.countDown();
    assertEquals(1L, first.get(10, TimeUnit.SECONDS));
    assertEquals(2L, second.get(10, TimeUnit.SECONDS));
    assertFalse(InsertTurns.inTurn(ORDERS));
  }

  @Test
  void insertsIntoDifferentTablesRunTogether() throws Exception {
    CountDownLatch bothRunning = new CountDownLatch(2);
    Future<Long> orders = threads.submit(() -> InsertTurns.take(ORDERS, () -> {
      bothRunning.countDown();
      await(bothRunning);
      return 1L;
    }));
    Future<Long> users = threads.submit(() -> InsertTurns.take(USERS, () -> {
      bothRunning.countDown();
      await(bothRunning);
      return 2L;
    }));
    assertEquals(1L, orders.get(10, TimeUnit.SECONDS));
    assertEquals(2L, users.get(10, TimeUnit.SECONDS));
    assertFalse(InsertTurns.inTurn(ORDERS));
    assertFalse(InsertTurns.inTurn(USERS));
  }

  @Test
  void aFailedInsertGivesUpItsTurn() {
    RuntimeException failure = new RuntimeException("statement failed");
    RuntimeException thrown = assertThrows(RuntimeException.class,
        () -> InsertTurns.take(ORDERS, () -> {
          throw failure;
        }));
    assertEquals(failure, thrown);
    assertFalse(InsertTurns.inTurn(ORDERS));
    assertEquals(3L, InsertTurns.take(ORDERS, () -> 3L));
  }

  @Test
  void anInsertWaitsForItsTurnABoundedTimeThenRunsAnyway() throws Exception {
    CountDownLatch releaseFirst = new CountDownLatch(1);
    Future<Long> stuck = insertHoldingTheTurn(ORDERS, releaseFirst);
    assertEquals(2L, InsertTurns.take(ORDERS, Duration.ofMillis(200), () -> 2L));
    releaseFirst.countDown();
    assertEquals(1L, stuck.get(10, TimeUnit.SECONDS));
    assertFalse(InsertTurns.inTurn(ORDERS));
  }

  /** Starts an insert that answers 1 once released, and returns when it runs, holding the table's turn. */
  private Future<Long> insertHoldingTheTurn(TableId table, CountDownLatch release) throws InterruptedException {
    CountDownLatch running = new CountDownLatch(1);
    Future<Long> insert = threads.submit(() -> InsertTurns.take(table, () -> {
      running.countDown();
      await(release);
      return 1L;
    }));
    assertTrue(running.await(10, TimeUnit.SECONDS));
    return insert;
  }

  private static void await(CountDownLatch latch) {
    try {
      if (!latch.await(10, TimeUnit.SECONDS)) {
        throw new IllegalStateException("timed out");
      }
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }
}
