package io.heropixel.connect.databricks.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The throughput table: one line per record size and sink, with the ratios the goals are about. */
final class ThroughputReport {

  /** One timed run; {@code failure} is null when the sink committed every record in time. */
  record Line(BenchRecords size, String sink, long records, long payloadBytes, double seconds, double loadBefore,
      double loadMax, String failure) {
    double recordsPerSecond() {
      return records / seconds;
    }

    double megabytesPerSecond() {
      return payloadBytes / seconds / 1_000_000.0;
    }
  }

  private final List<Line> lines = new ArrayList<>();

  void add(Line line) {
    lines.add(line);
  }

  String render(String header) {
    StringBuilder out = new StringBuilder(header).append("\n\n");
    out.append("| records | sink | count | seconds | records/s | MB/s | ours / iceberg | ours / lower bound | load before / max |\n");
    out.append("|---|---|---:|---:|---:|---:|---:|---:|---|\n");
    for (Line l : lines) {
      if (l.failure() != null) {
        out.append(String.format(Locale.ROOT, "| %s | %s | %,d | - | - | - | - | - | %.2f / %.2f | FAILED: %s%n",
            l.size().label(), l.sink(), l.records(), l.loadBefore(), l.loadMax(), l.failure()));
        continue;
      }
      boolean ours = l.sink().startsWith("connector");
      out.append(String.format(Locale.ROOT, "| %s | %s | %,d | %.1f | %,.0f | %.2f | %s | %s | %.2f / %.2f |%n",
          l.size().label(), l.sink(), l.records(), l.seconds(), l.recordsPerSecond(), l.megabytesPerSecond(),
          ours ? ratio(l, "iceberg") : "", ours ? ratio(l, "parquet-avro lower bound") : "", l.loadBefore(),
          l.loadMax()));
    }
    out.append("\nMB/s counts the records' JSON values (payload, without JsonConverter's schema envelope), 10^6 bytes.\n");
    return out.toString();
  }

  /** This line's records/s over those of the other sink on the same records, when it ran. */
  private String ratio(Line l, String other) {
    return lines.stream().filter(o -> o.size() == l.size() && o.sink().equals(other) && o.failure() == null)
        .findFirst().map(o -> String.format(Locale.ROOT, "%.2fx", l.recordsPerSecond() / o.recordsPerSecond()))
        .orElse("-");
  }
}
