package io.heropixel.connect.databricks.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/** Reads the soak table back through the Databricks JDBC driver, as a user of the warehouse would. */
final class TableCheck {

  /** What the table holds for one Kafka partition. */
  record PartitionRows(int partition, long rows, long distinctOffsets, long minOffset, long maxOffset) {}

  /** The whole table's counts, plus where duplicates and gaps are, when there are any. */
  record Contents(long rows, long distinctCoordinates, long distinctIds, long distinctSeqs,
      List<PartitionRows> partitions, List<String> duplicates, List<String> gaps) {}

  private static final int DETAIL_LIMIT = 50;

  private final String url;
  private final Properties credentials = new Properties();
  private final String table;

  TableCheck(String jdbcUrl, String token, String table) {
    this.url = jdbcUrl;
    this.table = table;
    credentials.put("UID", "token");
    credentials.put("PWD", token);
  }

  /** Row count, or -1 while the table does not exist or the warehouse does not answer. */
  long count() {
    try (Connection c = DriverManager.getConnection(url, credentials); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM " + table)) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException notThereYet) {
      return -1;
    }
  }

  /** Runs one statement, e.g. DDL the benchmark needs before a connector starts. */
  void execute(String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(url, credentials); Statement st = c.createStatement()) {
      st.execute(sql);
    }
  }

  Contents contents() throws SQLException {
    try (Connection c = DriverManager.getConnection(url, credentials)) {
      long[] totals = new long[4];
      query(c, "SELECT COUNT(*), COUNT(DISTINCT _kafka_partition, _kafka_offset), COUNT(DISTINCT _airbyte_ab_id), "
          + "COUNT(DISTINCT get_json_object(_airbyte_data, '$.seq')) FROM " + table, rs -> {
            for (int i = 0; i < totals.length; i++) {
              totals[i] = rs.getLong(i + 1);
            }
          });
      List<PartitionRows> partitions = new ArrayList<>();
      query(c, "SELECT _kafka_partition, COUNT(*), COUNT(DISTINCT _kafka_offset), MIN(_kafka_offset), "
          + "MAX(_kafka_offset) FROM " + table + " GROUP BY _kafka_partition ORDER BY _kafka_partition",
          rs -> partitions.add(new PartitionRows(rs.getInt(1), rs.getLong(2), rs.getLong(3), rs.getLong(4),
              rs.getLong(5))));
      List<String> duplicates = new ArrayList<>();
      if (totals[0] != totals[1]) {
        duplicates.addAll(duplicates(c));
      }
      return new Contents(totals[0], totals[1], totals[2], totals[3], partitions, duplicates, gaps(c));
    }
  }

  /** Per partition: how many offsets are held more than once, where, and when the copies were emitted. */
  private List<String> duplicates(Connection c) throws SQLException {
    List<String> lines = new ArrayList<>();
    String dups = "SELECT _kafka_partition AS p, _kafka_offset AS o, COUNT(*) AS n, MIN(_airbyte_emitted_at) AS first, "
        + "MAX(_airbyte_emitted_at) AS last FROM " + table + " GROUP BY _kafka_partition, _kafka_offset HAVING COUNT(*) > 1";
    query(c, "SELECT p, COUNT(*), SUM(n - 1), MIN(o), MAX(o), MIN(first), MAX(last) FROM (" + dups + ") d GROUP BY p "
        + "ORDER BY p", rs -> lines.add(String.format("partition %d: %d offsets held more than once (%d extra rows), "
            + "offsets %d..%d, emitted %s .. %s", rs.getInt(1), rs.getLong(2), rs.getLong(3), rs.getLong(4),
            rs.getLong(5), rs.getString(6), rs.getString(7))));
    query(c, dups + " ORDER BY p, o LIMIT " + DETAIL_LIMIT, rs -> lines.add(String.format(
        "  partition %d offset %d: %d copies, emitted %s and %s", rs.getInt(1), rs.getLong(2), rs.getLong(3),
        rs.getString(4), rs.getString(5))));
    return lines;
  }

  /** Offset ranges missing between the lowest and highest offset of each partition. */
  private List<String> gaps(Connection c) throws SQLException {
    List<String> lines = new ArrayList<>();
    query(c, "SELECT p, prev + 1, o - 1 FROM (SELECT _kafka_partition AS p, _kafka_offset AS o, LAG(_kafka_offset) "
        + "OVER (PARTITION BY _kafka_partition ORDER BY _kafka_offset) AS prev FROM " + table + ") g "
        + "WHERE o > prev + 1 ORDER BY p, o LIMIT " + DETAIL_LIMIT,
        rs -> lines.add(String.format("partition %d: offsets %d..%d missing (%d)", rs.getInt(1), rs.getLong(2),
            rs.getLong(3), rs.getLong(3) - rs.getLong(2) + 1)));
    return lines;
  }

  private interface RowReader {
    void read(ResultSet rs) throws SQLException;
  }

  private static void query(Connection c, String sql, RowReader reader) throws SQLException {
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      while (rs.next()) {
        reader.read(rs);
      }
    } catch (SQLException e) {
      throw new SQLException(e.getMessage() + " in: " + sql, e);
    }
  }
}
