package io.heropixel.connect.databricks.buffering;

/** When a table's buffer is due to be loaded: enough records, enough bytes, or old enough. */
public record FlushPolicy(int maxRecords, long maxBytes, long intervalMs) {

  public boolean isDue(TableBuffer buffer, long nowMs) {
    return !buffer.isEmpty() && (buffer.records() >= maxRecords || buffer.bytes() >= maxBytes
        || nowMs - buffer.firstArrivalMs() >= intervalMs);
  }
}
