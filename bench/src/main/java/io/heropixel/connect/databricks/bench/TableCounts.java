package io.heropixel.connect.databricks.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Rows and distinct {@code (_kafka_partition, _kafka_offset)} of many tables through the Databricks JDBC driver,
 * many tables per statement: one statement a table would take many minutes for a thousand tables.
 */
final class TableCounts {

  record Counts(long rows, long distinctCoordinates) {}

  private static final int TABLES_PER_STATEMENT = 50;

  private final String url;
  private final Properties credentials = new Properties();

  TableCounts(String jdbcUrl, String token) {
    this.url = jdbcUrl;
    credentials.put("UID", "token");
    credentials.put("PWD", token);
  }

  /** By table name as given; every table must exist. */
  Map<String, Counts> of(List<String> tables) throws SQLException {
    Map<String, Counts> counts = new HashMap<>();
    try (Connection c = DriverManager.getConnection(url, credentials); Statement st = c.createStatement()) {
      for (int from = 0; from < tables.size(); from += TABLES_PER_STATEMENT) {
        StringBuilder sql = new StringBuilder();
        for (String table : tables.subList(from, Math.min(tables.size(), from + TABLES_PER_STATEMENT))) {
          sql.append(sql.length() == 0 ? "" : " UNION ALL ").append("SELECT '").append(table)
              .append("', COUNT(*), COUNT(DISTINCT _kafka_partition, _kafka_offset) FROM ").append(table);
        }
        try (ResultSet rs = st.executeQuery(sql.toString())) {
          while (rs.next()) {
            counts.put(rs.getString(1), new Counts(rs.getLong(2), rs.getLong(3)));
          }
        }
      }
    }
    return counts;
  }
}
