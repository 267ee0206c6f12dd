package io.heropixel.connect.databricks.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** bench/throughput's knobs, from {@code --name value} arguments. */
record ThroughputOptions(long records, List<BenchRecords> sizes, List<String> sinks, int partitions, int tasks,
    long flushMs, long warmupRecords, Duration timeout) {

  static final String USAGE = """
      usage: bench/throughput [--records N] [--sizes 100b,1kb] [--sinks raw,typed,iceberg,parquet] [--partitions N]
                              [--tasks N] [--flush-ms N] [--warmup N] [--timeout-min N]
        --records      records per size (1000000)
        --sizes        record sizes: 100b (flat JSON) and/or 1kb (nested JSON)
        --sinks        what to run: raw and typed (this connector's row shapes), iceberg, parquet (the lower bound)
        --partitions   partitions of each topic (4)
        --tasks        tasks.max of the connectors (2)
        --flush-ms     buffer.flush.interval.ms, and Iceberg's iceberg.control.commit.interval-ms (10000)
        --warmup       records (1kb) each Kafka sink loads untimed before the timed runs, 0 for none (5000)
        --timeout-min  minutes a sink may take for its records (30)
      """;

  static ThroughputOptions parse(String[] args) {
    long records = 1_000_000;
    List<BenchRecords> sizes = List.of(BenchRecords.SMALL, BenchRecords.LARGE);
    List<String> sinks = List.of("raw", "typed", "iceberg", "parquet");
    int partitions = 4;
    int tasks = 2;
    long flushMs = 10_000;
    long warmup = 5000;
    long timeoutMin = 30;
    for (Map.Entry<String, String> option : BenchMain.pairs(args).entrySet()) {
      String value = option.getValue();
      switch (option.getKey()) {
        case "--records" -> records = Long.parseLong(value);
        case "--sizes" -> {
          List<BenchRecords> list = new ArrayList<>();
          for (String label : value.split(",")) {
            list.add(BenchRecords.ofLabel(label.trim()));
          }
          sizes = list;
        }
        case "--sinks" -> {
          sinks = List.of(value.split(","));
          if (!List.of("raw", "typed", "iceberg", "parquet").containsAll(sinks)) {
            throw new IllegalArgumentException("--sinks takes raw, typed, iceberg and parquet");
          }
        }
        case "--partitions" -> partitions = Integer.parseInt(value);
        case "--tasks" -> tasks = Integer.parseInt(value);
        case "--flush-ms" -> flushMs = Long.parseLong(value);
        case "--warmup" -> warmup = Long.parseLong(value);
        case "--timeout-min" -> timeoutMin = Long.parseLong(value);
        default -> throw new IllegalArgumentException("unknown option " + option.getKey());
      }
    }
    if (records < 1 || partitions < 1 || tasks < 1 || flushMs < 1 || timeoutMin < 1 || warmup < 0) {
      throw new IllegalArgumentException("option out of range");
    }
    return new ThroughputOptions(records, sizes, sinks, partitions, tasks, flushMs, warmup, Duration.ofMinutes(timeoutMin));
  }
}
