package io.heropixel.connect.databricks.local;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** One submitted statement: its state, and its result or error once it is done. */
final class RunningStatement {

  private final String id;
  private final int chunkRowLimit;
  private final CountDownLatch done = new CountDownLatch(1);
  private volatile StatementState state = StatementState.PENDING;
  private volatile StatementResult result;
  private volatile StatementError error;
  private volatile Future<?> execution;

  RunningStatement(String id, int chunkRowLimit) {
    this.id = id;
    this.chunkRowLimit = chunkRowLimit;
  }

  /** Rows per result chunk, fixed at submission so every chunk request agrees with the manifest. */
  int chunkRowLimit() {
    return chunkRowLimit;
  }

  String id() {
    return id;
  }

  StatementState state() {
    return state;
  }

  StatementResult result() {
    return result;
  }

  StatementError error() {
    return error;
  }

  void attach(Future<?> execution) {
    this.execution = execution;
  }

  Future<?> execution() {
    return execution;
  }

  synchronized boolean markRunning() {
    if (state != StatementState.PENDING) {
      return false;
    }
    state = StatementState.RUNNING;
    return true;
  }

  synchronized void succeed(StatementResult value) {
    if (!state.isTerminal()) {
      result = value;
      state = StatementState.SUCCEEDED;
    }
    done.countDown();
  }

  synchronized void fail(StatementError value) {
    if (!state.isTerminal()) {
      error = value;
      state = StatementState.FAILED;
    }
    done.countDown();
  }

  /** Returns true when the statement was still running and is now canceled. */
  synchronized boolean cancel() {
    if (state.isTerminal()) {
      return false;
    }
    state = StatementState.CANCELED;
    done.countDown();
    return true;
  }

  synchronized void close() {
    result = null;
    state = StatementState.CLOSED;
    done.countDown();
  }

  /** Waits up to {@code timeout} for a terminal state; true if reached. */
  boolean await(Duration timeout) throws InterruptedException {
    return timeout.isZero() || timeout.isNegative()
        ? state.isTerminal()
        : done.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }
}
