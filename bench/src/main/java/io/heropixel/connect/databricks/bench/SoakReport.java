package io.heropixel.connect.databricks.bench;

import io.heropixel.connect.databricks.bench.SoakTopic.Range;
import io.heropixel.connect.databricks.bench.TableCheck.Contents;
import io.heropixel.connect.databricks.bench.TableCheck.PartitionRows;
import io.heropixel.connect.databricks.bench.WorkerKiller.Kill;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Compares the table with Kafka's log and renders the verdict. */
final class SoakReport {

  /** Kill times in the local zone, as the worker log's timestamps are. */
  private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss.SSS")
      .withZone(ZoneId.systemDefault());

  private final SoakOptions options;
  private final String names;
  private final long produced;
  private final Map<Integer, Range> kafka;
  private final Contents table;
  private final List<Kill> kills;
  private final SoakBucket.Leftovers leftovers;
  private final Duration wall;
  private final List<String> incidents;
  private final List<String> problems = new ArrayList<>();
  private final long expected;
  private final long duplicates;
  private final long missing;

  SoakReport(SoakOptions options, String names, long produced, Map<Integer, Range> kafka, Contents table,
      List<Kill> kills, SoakBucket.Leftovers leftovers, Duration wall, List<String> incidents) {
    this.options = options;
    this.names = names;
    this.produced = produced;
    this.kafka = kafka;
    this.table = table;
    this.kills = kills;
    this.leftovers = leftovers;
    this.wall = wall;
    this.incidents = incidents;
    this.expected = kafka.values().stream().mapToLong(Range::size).sum();
    this.duplicates = table.rows() - table.distinctCoordinates();
    // Coordinates outside Kafka's ranges would hide loss here; the per-partition checks catch them.
    this.missing = expected - table.distinctCoordinates();
    check();
  }

  private void check() {
    if (expected != produced) {
      problems.add("Kafka holds " + expected + " records but " + produced + " were produced");
    }
    if (table.rows() != expected) {
      problems.add("the table holds " + table.rows() + " rows, Kafka " + expected + " records");
    }
    if (duplicates != 0) {
      problems.add(duplicates + " rows repeat a (partition, offset) already held");
    }
    if (table.distinctIds() != table.rows()) {
      problems.add((table.rows() - table.distinctIds()) + " rows repeat an _airbyte_ab_id");
    }
    if (table.distinctSeqs() != table.rows()) {
      problems.add((table.rows() - table.distinctSeqs()) + " rows repeat a produced sequence number");
    }
    Map<Integer, PartitionRows> byPartition = new TreeMap<>();
    table.partitions().forEach(p -> byPartition.put(p.partition(), p));
    kafka.forEach((p, range) -> {
      PartitionRows rows = byPartition.get(p);
      if (rows == null) {
        if (range.size() > 0) {
          problems.add("partition " + p + ": no rows, Kafka holds offsets " + range.start() + ".." + (range.end() - 1));
        }
        return;
      }
      if (rows.minOffset() != range.start() || rows.maxOffset() != range.end() - 1
          || rows.distinctOffsets() != range.size() || rows.rows() != range.size()) {
        problems.add(String.format("partition %d: table holds %d rows, %d distinct offsets %d..%d; Kafka holds %d "
            + "offsets %d..%d", p, rows.rows(), rows.distinctOffsets(), rows.minOffset(), rows.maxOffset(),
            range.size(), range.start(), range.end() - 1));
      }
    });
    byPartition.keySet().stream().filter(p -> !kafka.containsKey(p))
        .forEach(p -> problems.add("partition " + p + " is in the table but not in the topic"));
    problems.addAll(incidents);
  }

  boolean passed() {
    return problems.isEmpty();
  }

  String render(Instant at) {
    StringBuilder out = new StringBuilder();
    double secs = WorkerKiller.seconds(wall);
    out.append(String.format("soak %s  %s  seed=%d%n", at, names, options.seed()));
    row(out, "records", produced);
    row(out, "partitions", options.partitions());
    row(out, "tasks", options.tasks());
    row(out, "produce rate", options.productionRate() > 0 ? options.productionRate() + "/s" : "unthrottled");
    row(out, "kills done", kills.size() + " of " + options.kills());
    row(out, "loads cut", leftovers.total() + " (" + leftovers.uploading() + " while uploading, "
        + leftovers.staged() + " staged but not purged: loading or just loaded)");
    row(out, "wall time", String.format("%.1f s", secs));
    row(out, "records/s", String.format("%.0f", produced / secs));
    row(out, "rows in table", table.rows());
    row(out, "duplicates", duplicates);
    row(out, "missing", missing);
    row(out, "verdict", passed() ? "PASS: every record exactly once" : "FAIL");
    problems.forEach(p -> out.append("  ! ").append(p).append('\n'));
    out.append(String.format("%n%-9s %22s %9s %9s %11s %11s%n", "partition", "kafka [start, end)", "rows",
        "distinct", "min offset", "max offset"));
    for (PartitionRows p : table.partitions()) {
      Range r = kafka.get(p.partition());
      out.append(String.format("%-9d %22s %9d %9d %11d %11d%n", p.partition(),
          r == null ? "-" : "[" + r.start() + ", " + r.end() + ")", p.rows(), p.distinctOffsets(), p.minOffset(),
          p.maxOffset()));
    }
    if (!kills.isEmpty()) {
      out.append(String.format("%n%4s %9s %9s %9s %8s %10s  %s%n", "kill", "at", "produced", "in table", "back",
          "consuming", "connector's last log line before the kill"));
      for (Kill k : kills) {
        out.append(String.format("%4d %9s %9d %9d %7.1fs %9.1fs  %s%n", k.number(), CLOCK.format(k.at()),
            k.produced(), k.tableRows(), WorkerKiller.seconds(k.workerBack()), WorkerKiller.seconds(k.consuming()),
            k.lastConnectorLine()));
      }
    }
    if (!table.duplicates().isEmpty()) {
      out.append("\nduplicates:\n");
      table.duplicates().forEach(d -> out.append("  ").append(d).append('\n'));
    }
    if (!table.gaps().isEmpty()) {
      out.append("\ngaps:\n");
      table.gaps().forEach(g -> out.append("  ").append(g).append('\n'));
    }
    return out.toString();
  }

  private static void row(StringBuilder out, String name, Object value) {
    out.append(String.format("  %-14s %s%n", name, value));
  }
}
