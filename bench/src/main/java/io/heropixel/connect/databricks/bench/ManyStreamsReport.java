package io.heropixel.connect.databricks.bench;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** bench/many-streams' figures and verdict. */
final class ManyStreamsReport {

  static final double MIB = 1024.0 * 1024;
  static final String NO_CONNECTOR = "no connector";
  static final String IDLE = "connector running, every partition assigned, idle";
  static final String BUFFERED = "every record buffered";
  static final String LOADED = "after the loads";

  /** One heap reading, with the spill directory's size on disk at that moment. */
  record Phase(String name, WorkerHeap.Reading heap, long spillBytes, Duration at) {}

  private final ManyStreamsOptions options;
  private final Instant at;
  private final String args;
  private final List<Phase> phases = new ArrayList<>();
  private final List<String> problems = new ArrayList<>();
  private final List<String> incidents = new ArrayList<>();
  private long producedBytes;
  private long loadsBeforeBuffered = -1;
  private Duration loading;
  private long loads;
  private long loadMillis;
  private int tablesExpected;
  private int tablesChecked;
  private int tablesComplete;
  private long rowsExpected;
  private long rows;
  private long duplicates;
  private boolean workerChecked;
  private boolean workerAlive;
  private int outOfMemoryLines;
  private int warehouseOutOfMemoryLines;
  private Duration wall;

  ManyStreamsReport(ManyStreamsOptions options, Instant at, String args) {
    this.options = options;
    this.at = at;
    this.args = args;
  }

  void phase(String name, WorkerHeap.Reading heap, long spillBytes, Duration when) {
    phases.add(new Phase(name, heap, spillBytes, when));
  }

  String last() {
    Phase p = phases.get(phases.size() - 1);
    return String.format(Locale.ROOT, "%.1f MiB used of %.0f MiB committed, metaspace %.1f MiB, spill %.1f MiB",
        p.heap().usedBytes() / MIB, p.heap().committedBytes() / MIB, p.heap().metaspaceBytes() / MIB,
        p.spillBytes() / MIB);
  }

  void produced(long valueBytes) {
    this.producedBytes = valueBytes;
  }

  void loadsBeforeBufferedReading(long loads) {
    this.loadsBeforeBuffered = loads;
  }

  void loading(Duration wait, long loads, long loadMillis) {
    this.loading = wait;
    this.loads = loads;
    this.loadMillis = loadMillis;
  }

  void incident(String incident) {
    incidents.add(incident);
  }

  /** Compares what the tables hold with what Kafka's logs hold, table by table. */
  void tables(Map<String, Long> expected, Map<String, TableCounts.Counts> counts) {
    tablesExpected = expected.size();
    tablesChecked = counts.size();
    rowsExpected = expected.values().stream().mapToLong(Long::longValue).sum();
    List<String> wrong = new ArrayList<>();
    for (Map.Entry<String, Long> e : expected.entrySet()) {
      TableCounts.Counts c = counts.get(e.getKey());
      if (c == null) {
        continue;
      }
      rows += c.rows();
      duplicates += c.rows() - c.distinctCoordinates();
      if (c.rows() == e.getValue() && c.distinctCoordinates() == e.getValue()) {
        tablesComplete++;
      } else {
        wrong.add(e.getKey() + ": " + c.rows() + " rows, " + c.distinctCoordinates() + " distinct (partition, offset); "
            + "Kafka holds " + e.getValue());
      }
    }
    if (tablesComplete != tablesExpected) {
      problems.add(tablesComplete + " of " + tablesExpected + " tables hold each of their records once");
    }
    wrong.stream().sorted().limit(20).forEach(problems::add);
  }

  void worker(boolean alive, List<String> outOfMemory, List<String> warehouseOutOfMemory, Optional<String> failedTask) {
    workerChecked = true;
    workerAlive = alive;
    outOfMemoryLines = outOfMemory.size();
    warehouseOutOfMemoryLines = warehouseOutOfMemory.size();
    if (!alive) {
      problems.add("the Connect worker is not alive");
    }
    if (!outOfMemory.isEmpty()) {
      problems.add(outOfMemory.size() + " OutOfMemoryError lines in the worker's log, first: " + outOfMemory.get(0));
    }
    failedTask.ifPresent(t -> problems.add("FAILED " + t.lines().findFirst().orElse("")));
  }

  void wall(Duration wall) {
    this.wall = wall;
  }

  boolean passed() {
    return problems.isEmpty() && incidents.isEmpty() && workerChecked;
  }

  String render() {
    StringBuilder out = new StringBuilder();
    out.append(String.format(Locale.ROOT, "many-streams %s: %s%n", at.truncatedTo(ChronoUnit.SECONDS), Machine.describe()));
    out.append(String.format(Locale.ROOT, "%,d streams x %d partitions, %,d records of %d bytes a stream, worker -Xmx%s, "
        + "tasks.max=%d, buffer.flush.interval.ms=%d, MANAGED_TABLES%n", options.streams(), options.partitions(),
        options.recordsPerStream(), options.recordBytes(), options.heap(), options.tasks(), options.flushMs()));
    out.append("command: bench/many-streams ").append(args).append("\n\n");
    out.append("| phase | heap used after full GC (MiB) | heap committed (MiB) | metaspace (MiB) | spill on disk (MiB) | at (s) |\n");
    out.append("|---|---:|---:|---:|---:|---:|\n");
    for (Phase p : phases) {
      out.append(String.format(Locale.ROOT, "| %s | %.1f | %.0f | %.1f | %.1f | %.0f |%n", p.name(),
          p.heap().usedBytes() / MIB, p.heap().committedBytes() / MIB, p.heap().metaspaceBytes() / MIB,
          p.spillBytes() / MIB, p.at().toMillis() / 1000.0));
    }
    out.append('\n');
    Optional<Phase> none = phase(NO_CONNECTOR);
    Optional<Phase> idle = phase(IDLE);
    Optional<Phase> buffered = phase(BUFFERED);
    if (none.isPresent() && idle.isPresent()) {
      long delta = idle.get().heap().usedBytes() - none.get().heap().usedBytes();
      row(out, "heap per idle stream", String.format(Locale.ROOT, "%.1f KiB (%.1f MiB for %,d streams, %,d partitions)",
          delta / 1024.0 / options.streams(), delta / MIB, options.streams(), options.streams() * options.partitions()));
    }
    if (idle.isPresent() && buffered.isPresent() && producedBytes > 0) {
      long delta = buffered.get().heap().usedBytes() - idle.get().heap().usedBytes();
      row(out, "heap per buffered MiB", String.format(Locale.ROOT, "%.1f KiB (%.1f MiB for %.1f MiB of record values; "
          + "%.1f MiB on disk)", delta / 1024.0 / (producedBytes / MIB), delta / MIB, producedBytes / MIB,
          buffered.get().spillBytes() / MIB));
    }
    if (loadsBeforeBuffered >= 0) {
      row(out, "loads before the buffered reading", loadsBeforeBuffered + (loadsBeforeBuffered > 0
          ? " (some tables had loaded: the reading holds less than every record)" : ""));
    }
    if (loading != null) {
      row(out, "loading", String.format(Locale.ROOT, "%.0f s from the buffered reading to the last load; %d loads, "
          + "%.1f s each on average", loading.toMillis() / 1000.0, loads, loads == 0 ? 0 : loadMillis / 1000.0 / loads));
    }
    if (tablesExpected > 0) {
      row(out, "tables", String.format(Locale.ROOT, "%,d of %,d hold each of their records once (%,d checked)",
          tablesComplete, tablesExpected, tablesChecked));
      row(out, "rows", String.format(Locale.ROOT, "%,d in the checked tables, %,d in Kafka; %,d duplicates", rows,
          rowsExpected, duplicates));
    }
    if (workerChecked) {
      row(out, "worker alive", workerAlive ? "yes" : "NO");
      row(out, "OutOfMemoryError", outOfMemoryLines == 0 ? "none in the worker's log" : outOfMemoryLines + " lines");
      if (warehouseOutOfMemoryLines > 0) {
        row(out, "the warehouse's OutOfMemoryError", warehouseOutOfMemoryLines
            + " lines in failed statements the worker logged (the warehouse's heap, not the worker's)");
      }
    }
    if (wall != null) {
      row(out, "wall time", String.format(Locale.ROOT, "%.0f s", wall.toMillis() / 1000.0));
    }
    row(out, "verdict", passed() ? "PASS: every record landed once, no OutOfMemoryError" : "FAIL");
    incidents.forEach(i -> out.append("  ! ").append(i).append('\n'));
    problems.forEach(p -> out.append("  ! ").append(p).append('\n'));
    out.append("\nHeap: the worker's whole heap after `jcmd <pid> GC.run` (twice), from `GC.heap_info`; "
        + "MiB = 2^20 bytes; record values counted as produced (UTF-8 JSON).\n");
    return out.toString();
  }

  private Optional<Phase> phase(String name) {
    return phases.stream().filter(p -> p.name().equals(name)).findFirst();
  }

  private static void row(StringBuilder out, String name, Object value) {
    out.append(String.format("  %-34s %s%n", name, value));
  }
}
