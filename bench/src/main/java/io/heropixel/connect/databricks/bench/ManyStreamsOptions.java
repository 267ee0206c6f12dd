package io.heropixel.connect.databricks.bench;

import java.time.Duration;
import java.util.Map;

/** bench/many-streams' knobs, from {@code --name value} arguments. */
record ManyStreamsOptions(int streams, int partitions, int recordsPerStream, int recordBytes, String heap,
    long flushMs, int tasks, int fetchMaxBytes, Duration timeout, Duration stall) {

  static final String USAGE = """
      usage: bench/many-streams [--streams N] [--partitions N] [--records-per-stream N] [--record-bytes N]
                                [--heap SIZE] [--flush-ms N] [--tasks N] [--fetch-max-bytes N]
                                [--timeout-min N] [--stall-min N]
        --streams             topics, each loaded into its own table (1000)
        --partitions          partitions of each topic (2)
        --records-per-stream  records produced to each topic, round-robin over its partitions (500)
        --record-bytes        size of each record's JSON value (1000)
        --heap                the Connect worker's -Xmx (256m); the worker is restarted with it
        --flush-ms            buffer.flush.interval.ms: long enough for every record to be buffered before
                              the first table is due, so the buffered heap is measured and each table loads
                              once (300000)
        --tasks               tasks.max (1: one task, one consumer, all partitions)
        --fetch-max-bytes     consumer.override.fetch.max.bytes (8388608; the default 50 MiB fetch alone
                              would take a fifth of a 256 MiB heap)
        --timeout-min         minutes to wait for every table to be loaded (120)
        --stall-min           give up waiting when no table has been loaded for this long (10)
      """;

  static ManyStreamsOptions parse(String[] args) {
    int streams = 1000;
    int partitions = 2;
    int recordsPerStream = 500;
    int recordBytes = 1000;
    String heap = "256m";
    long flushMs = 300_000;
    int tasks = 1;
    int fetchMaxBytes = 8 * 1024 * 1024;
    long timeoutMin = 120;
    long stallMin = 10;
    for (Map.Entry<String, String> option : BenchMain.pairs(args).entrySet()) {
      String value = option.getValue();
      switch (option.getKey()) {
        case "--streams" -> streams = Integer.parseInt(value);
        case "--partitions" -> partitions = Integer.parseInt(value);
        case "--records-per-stream" -> recordsPerStream = Integer.parseInt(value);
        case "--record-bytes" -> recordBytes = Integer.parseInt(value);
        case "--heap" -> heap = value;
        case "--flush-ms" -> flushMs = Long.parseLong(value);
        case "--tasks" -> tasks = Integer.parseInt(value);
        case "--fetch-max-bytes" -> fetchMaxBytes = Integer.parseInt(value);
        case "--timeout-min" -> timeoutMin = Long.parseLong(value);
        case "--stall-min" -> stallMin = Long.parseLong(value);
        default -> throw new IllegalArgumentException("unknown option " + option.getKey());
      }
    }
    if (streams < 1 || streams > 9999 || partitions < 1 || recordsPerStream < 1 || recordBytes < 64
        || !heap.matches("\\d+[kmgKMG]?") || flushMs < 1 || tasks < 1 || fetchMaxBytes < 1024 || timeoutMin < 1
        || stallMin < 1) {
      throw new IllegalArgumentException("option out of range");
    }
    return new ManyStreamsOptions(streams, partitions, recordsPerStream, recordBytes, heap, flushMs, tasks,
        fetchMaxBytes, Duration.ofMinutes(timeoutMin), Duration.ofMinutes(stallMin));
  }

  long records() {
    return (long) streams * recordsPerStream;
  }
}
