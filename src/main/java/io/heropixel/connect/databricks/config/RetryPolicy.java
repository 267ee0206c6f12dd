package io.heropixel.connect.databricks.config;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** Exponential backoff with jitter, bounded by a number of attempts and a total time. */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration maxTotal) {

  /** How long to wait before the given retry (1 = first retry): half the capped exponential, plus up to as much again. */
  public Duration backoff(int retry) {
    long cap = Math.min(maxBackoff.toMillis(), initialBackoff.toMillis() << Math.min(retry - 1, 20));
    return Duration.ofMillis(cap / 2 + ThreadLocalRandom.current().nextLong(cap / 2 + 1));
  }
}
