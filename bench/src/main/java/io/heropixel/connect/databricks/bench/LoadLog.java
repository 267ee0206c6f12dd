package io.heropixel.connect.databricks.bench;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Follows the Connect worker's log: the connector's "Loaded N of M staged rows into TABLE" lines (rows per
 * table, as offsets are committed only after a whole put() of loads, they show progress sooner) and the
 * worker's own OutOfMemoryErrors: one the warehouse reports back in a failed statement's message is not the
 * worker's (seen: the local warehouse's Spark ran out of heap after some 1,900 tables).
 */
final class LoadLog {

  /** A log event's first line; the lines up to the next one (stack traces, messages) belong to it. */
  private static final Pattern EVENT = Pattern.compile("^\\[\\d{4}-\\d{2}-\\d{2} ");
  /** What the Databricks JDBC driver says of a statement the warehouse failed. */
  private static final String STATEMENT_FAILED = "Statement execution failed";
  private static final Pattern LOADED = Pattern.compile("Loaded (\\d+) of \\d+ staged rows into (\\S+) in (\\d+) ms");

  private final Path file;
  private long position;
  private final Map<String, Long> rows = new HashMap<>();
  private final List<String> outOfMemory = new ArrayList<>();
  private long loads;
  private long loadMillis;
  private boolean inStatementFailure;
  private final List<String> warehouseOutOfMemory = new ArrayList<>();

  LoadLog(Path file) {
    this.file = file;
  }

  /** Reads what the worker logged since the last call. */
  void read() throws IOException {
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
      if (f.length() < position) {
        position = 0; // rotated: the worker restarted
      }
      f.seek(position);
      byte[] bytes = new byte[(int) Math.min(Integer.MAX_VALUE - 8, f.length() - position)];
      f.readFully(bytes);
      String text = new String(bytes, StandardCharsets.UTF_8);
      int end = text.lastIndexOf('\n') + 1; // a line being written waits for the next call
      position += text.substring(0, end).getBytes(StandardCharsets.UTF_8).length;
      for (String line : text.substring(0, end).split("\n")) {
        Matcher m = LOADED.matcher(line);
        if (m.find()) {
          rows.merge(m.group(2), Long.parseLong(m.group(1)), Long::sum);
          loads++;
          loadMillis += Long.parseLong(m.group(3));
        }
        if (EVENT.matcher(line).find()) {
          inStatementFailure = false;
        }
        inStatementFailure |= line.contains(STATEMENT_FAILED);
        if (line.contains("OutOfMemoryError")) {
          (inStatementFailure ? warehouseOutOfMemory : outOfMemory).add(line);
        }
      }
    }
  }

  /** Rows loaded per table ("catalog.schema.table"), as the connector logged them. */
  Map<String, Long> rows() {
    return rows;
  }

  long loads() {
    return loads;
  }

  /** The loads' own time (stage, upload, INSERT), summed. */
  long loadMillis() {
    return loadMillis;
  }

  /** The worker's own OutOfMemoryError lines. */
  List<String> outOfMemory() {
    return outOfMemory;
  }

  /** OutOfMemoryError lines inside a statement failure the warehouse reported: the warehouse's, not the worker's. */
  List<String> warehouseOutOfMemory() {
    return warehouseOutOfMemory;
  }
}
