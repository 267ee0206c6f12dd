package io.heropixel.connect.databricks.warehouse;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** Exponential backoff with full jitter, bounded by a number of attempts and a total time. */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration maxTotal) {

  public static final RetryPolicy DEFAULT =
      new RetryPolicy(30, Duration.ofMillis(250), Duration.ofSeconds(15), Duration.ofMinutes(10));

  /** How long to wait before the given retry (1 = first retry). */
  public Duration backoff(int retry) {
    long cap = Math.min(maxBackoff.toMillis(), initialBackoff.toMillis() << Math.min(retry - 1, 20));
    return Duration.ofMillis(cap / 2 + ThreadLocalRandom.current().nextLong(cap / 2 + 1));
  }
}
