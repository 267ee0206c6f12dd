package io.heropixel.connect.databricks.bench;

import java.time.Duration;
import java.util.Map;

/** The soak's knobs, from {@code --name value} arguments. */
record SoakOptions(long records, int partitions, int kills, int tasks, Duration minKillDelay,
    Duration maxKillDelay, long rate, long flushIntervalMs, Duration timeout, Duration stall, long seed) {

  static final String USAGE = """
      usage: bench/soak [--records N] [--partitions N] [--kills N] [--tasks N] [--min-delay S] [--max-delay S]
                        [--rate N] [--flush-ms N] [--timeout-min N] [--stall-min N] [--seed N]
        --records      records to produce (1000000)
        --partitions   partitions of the topic (8)
        --kills        hard kills of the Connect worker (10)
        --tasks        tasks.max of the connector (2)
        --min-delay    seconds between a resumed worker and the next kill, at least (5)
        --max-delay    ... and at most (30)
        --rate         records per second to produce, 0 for as fast as Kafka takes them (default: spread
                       production over the expected time of the kills, so they land while records flow)
        --flush-ms     buffer.flush.interval.ms (2000)
        --timeout-min  minutes to wait for the table after the last kill (60)
        --stall-min    give up waiting when the row count has not moved for this long (10)
        --seed         seed of the kill delays (random)
      """;

  /** Roughly how long a killed worker takes until its consumers own their partitions again. */
  private static final Duration RECOVERY_ESTIMATE = Duration.ofSeconds(10);

  /** Records per second to produce; 0 for unthrottled. */
  long productionRate() {
    if (rate >= 0) {
      return rate;
    }
    if (kills == 0) {
      return 0;
    }
    long meanCycleMs = (minKillDelay.toMillis() + maxKillDelay.toMillis()) / 2 + RECOVERY_ESTIMATE.toMillis();
    return Math.max(1, records * 1000 / (kills * meanCycleMs));
  }

  static SoakOptions parse(String[] args) {
    long records = 1_000_000;
    int partitions = 8;
    int kills = 10;
    int tasks = 2;
    long minDelay = 5;
    long maxDelay = 30;
    long rate = -1;
    long flushMs = 2000;
    long timeoutMin = 60;
    long stallMin = 10;
    long seed = System.nanoTime();
    for (Map.Entry<String, String> option : BenchMain.pairs(args).entrySet()) {
      long value = Long.parseLong(option.getValue());
      switch (option.getKey()) {
        case "--records" -> records = value;
        case "--partitions" -> partitions = Math.toIntExact(value);
        case "--kills" -> kills = Math.toIntExact(value);
        case "--tasks" -> tasks = Math.toIntExact(value);
        case "--min-delay" -> minDelay = value;
        case "--max-delay" -> maxDelay = value;
        case "--rate" -> rate = value;
        case "--flush-ms" -> flushMs = value;
        case "--timeout-min" -> timeoutMin = value;
        case "--stall-min" -> stallMin = value;
        case "--seed" -> seed = value;
        default -> throw new IllegalArgumentException("unknown option " + option.getKey());
      }
    }
    if (records < 1 || partitions < 1 || kills < 0 || tasks < 1 || minDelay < 0 || maxDelay < minDelay
        || rate < -1 || timeoutMin < 1 || stallMin < 1) {
      throw new IllegalArgumentException("option out of range");
    }
    return new SoakOptions(records, partitions, kills, tasks, Duration.ofSeconds(minDelay),
        Duration.ofSeconds(maxDelay), rate, flushMs, Duration.ofMinutes(timeoutMin), Duration.ofMinutes(stallMin),
        seed);
  }
}
