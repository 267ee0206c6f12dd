package io.heropixel.connect.databricks.local;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Struct;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Talks to the shared local warehouse only through the Databricks JDBC driver and java.sql. */
class LocalWarehouseTest {

  private static LocalWarehouse warehouse;

  @BeforeAll
  static void startWarehouse() {
    warehouse = SharedLocalInfra.warehouse();
    Runtime rt = Runtime.getRuntime();
    System.out.printf(
        "Local warehouse started in %d ms, heap used %d MiB%n",
        warehouse.startupTime().toMillis(),
        (rt.totalMemory() - rt.freeMemory()) / (1024 * 1024));
  }

  @AfterEach
  void restoreLimits() {
    warehouse.chunkRowLimit(20_000);
    warehouse.maxWait(Duration.ofSeconds(50));
  }

  private static Connection connect() throws SQLException {
    return DriverManager.getConnection(warehouse.jdbcUrl(), "token", warehouse.token());
  }

  private static long count(Statement st, String sql) throws SQLException {
    try (ResultSet rs = st.executeQuery(sql)) {
      assertTrue(rs.next());
      return rs.getLong(1);
    }
  }

  @Test
  void hiveMetastoreAndUnityCatalogCatalogsAreSeparate() throws SQLException {
    try (Connection c = connect();
        Statement st = c.createStatement()) {
      st.execute("CREATE SCHEMA IF NOT EXISTS main.names");
      st.execute("CREATE SCHEMA IF NOT EXISTS `hive_metastore`.`names`");
      st.execute("CREATE TABLE hive_metastore.names.t (id BIGINT) USING DELTA");
      st.execute("CREATE TABLE `main`.`names`.`t` (id BIGINT) USING DELTA");
      st.executeUpdate("INSERT INTO `main`.`names`.`t` VALUES (1), (2)");
      st.executeUpdate("INSERT INTO hive_metastore . names . t VALUES (3)");
      assertEquals(2, count(st, "SELECT count(*) FROM MAIN.names.t"));
      assertEquals(1, count(st, "SELECT count(*) FROM `hive_metastore`.names.`t`"));
      st.execute("USE CATALOG main");
      st.execute("USE SCHEMA names");
      assertEquals(2, count(st, "SELECT count(*) FROM t WHERE 'hive_metastore.names.t' <> ''"));
      assertTrue(strings(st, "SHOW SCHEMAS IN main").containsAll(List.of("default", "names")));
      assertFalse(strings(st, "SHOW SCHEMAS IN main").contains("uc__main__names"));
      assertEquals("main", strings(st, "SELECT current_catalog()").get(0));

      st.execute("CREATE CATALOG IF NOT EXISTS sales");
      st.execute("CREATE TABLE sales.default.t (id BIGINT) USING DELTA");
      assertEquals(0, count(st, "SELECT count(*) FROM sales.default.t"));
      assertTrue(strings(st, "SHOW CATALOGS").containsAll(List.of("hive_metastore", "main", "sales")));
      assertRefused(st, "SELECT * FROM sales.names.t", "`sales`.`names`");
    }
  }

  @Test
  void namesFollowTheRulesOfTheirCatalog() throws SQLException {
    try (Connection c = connect();
        Statement st = c.createStatement()) {
      // Unity Catalog takes hyphens and non-ASCII letters, and keeps the name lower-cased.
      st.execute("CREATE SCHEMA IF NOT EXISTS main.`web-Events`");
      st.execute("CREATE TABLE main.`web-events`.`Page-Views_ü` (id BIGINT) USING DELTA");
      assertEquals(List.of("page-views_ü"), strings(st, "SHOW TABLES IN main.`web-events`", 2));
      assertEquals(0, count(st, "SELECT count(*) FROM main.`WEB-EVENTS`.`page-views_ü`"));
      for (String refused : List.of("`a b`", "`a/b`", "`a.b`", "`tab\u0001`")) {
        assertRefused(st, "CREATE TABLE main.`web-events`." + refused + " (id INT) USING DELTA",
            "INVALID_SCHEMA_OR_RELATION_NAME");
      }
      assertRefused(st, "CREATE SCHEMA main.`" + "s".repeat(256) + "`", "INVALID_SCHEMA_OR_RELATION_NAME");
      // hive_metastore takes letters, digits and '_' only.
      assertRefused(st, "CREATE SCHEMA hive_metastore.`web-events`", "INVALID_SCHEMA_OR_RELATION_NAME");
    }
  }

  @Test
  void volumesExistOnlyInUnityCatalog() throws SQLException {
    try (Connection c = connect();
        Statement st = c.createStatement()) {
      st.execute("CREATE SCHEMA IF NOT EXISTS hive_metastore.vols");
      assertRefused(st, "CREATE VOLUME IF NOT EXISTS hive_metastore.vols.v",
          "Volumes can only be created in Unity Catalog");
      assertRefused(st, "CREATE VOLUME main.vols_missing.v", "SCHEMA_NOT_FOUND");
      assertRefused(st, "CREATE VOLUME nope.vols.v", "NO_SUCH_CATALOG_EXCEPTION");
      st.execute("CREATE SCHEMA IF NOT EXISTS main.vols");
      st.execute("CREATE VOLUME main.vols.v");
      st.execute("CREATE VOLUME IF NOT EXISTS main.vols.v");
      assertRefused(st, "CREATE VOLUME main.vols.v", "VOLUME_ALREADY_EXISTS");
    }
  }

  @Test
  void unityCatalogReachesCloudStorageOnlyThroughExternalLocations() throws SQLException {
    SharedLocalInfra.s3().createBucket("governed");
    try (Connection c = connect();
        Statement st = c.createStatement()) {
      st.execute("CREATE SCHEMA IF NOT EXISTS main.governed");
      st.execute("CREATE SCHEMA IF NOT EXISTS hive_metastore.governed");
      st.execute("CREATE TABLE hive_metastore.governed.legacy USING DELTA LOCATION 's3://governed/legacy/t'"
          + " AS SELECT id FROM range(3)");
      assertRefused(st, "CREATE TABLE main.governed.t (id BIGINT) USING DELTA LOCATION 's3://governed/uc/t'",
          "NO_PARENT_EXTERNAL_LOCATION_FOR_PATH");
      assertRefused(st, "SELECT count(*) FROM delta.`s3a://governed/legacy/t`", "INSUFFICIENT_PERMISSIONS");

      assertRefused(st, "CREATE EXTERNAL LOCATION governed_uc URL 's3://governed/uc' WITH (STORAGE CREDENTIAL nope)",
          "STORAGE_CREDENTIAL_DOES_NOT_EXIST");
      assertEquals(List.of(UnityCatalogs.STORAGE_CREDENTIAL), strings(st, "SHOW STORAGE CREDENTIALS"));
      st.execute("CREATE EXTERNAL LOCATION governed_uc URL 's3://governed/uc/' WITH (STORAGE CREDENTIAL "
          + UnityCatalogs.STORAGE_CREDENTIAL + ") COMMENT 'tables of main.governed'");
      st.execute("CREATE EXTERNAL LOCATION IF NOT EXISTS governed_uc URL 's3://governed/uc' WITH (CREDENTIAL x)");
      assertRefused(st, "CREATE EXTERNAL LOCATION governed_inner URL 's3a://governed/uc/inner' WITH (STORAGE CREDENTIAL "
              + UnityCatalogs.STORAGE_CREDENTIAL + ")", "LOCATION_OVERLAP");
      assertTrue(strings(st, "SHOW EXTERNAL LOCATIONS").contains("governed_uc"));

      st.execute("CREATE TABLE main.governed.t (id BIGINT) USING DELTA LOCATION 's3://governed/uc/t'");
      assertEquals(2, st.executeUpdate("INSERT INTO main.governed.t VALUES (1), (2)"));
      assertEquals(2, count(st, "SELECT count(*) FROM delta.`s3a://governed/uc/t`"));
      // Outside every external location, hive_metastore reads with the warehouse's own credentials.
      st.execute("USE CATALOG hive_metastore");
      assertEquals(3, count(st, "SELECT count(*) FROM delta.`s3://governed/legacy/t`"));

      st.execute("DROP EXTERNAL LOCATION governed_uc");
      assertFalse(strings(st, "SHOW EXTERNAL LOCATIONS").contains("governed_uc"));
      assertRefused(st, "DROP EXTERNAL LOCATION governed_uc", "EXTERNAL_LOCATION_DOES_NOT_EXIST");
    }
  }

  /** The statement fails, and its error says {@code fragment}. */
  private static void assertRefused(Statement st, String sql, String fragment) {
    SQLException e = assertThrows(SQLException.class, () -> st.execute(sql), sql);
    assertTrue(e.getMessage().contains(fragment), e.getMessage());
  }

  private static List<String> strings(Statement st, String sql) throws SQLException {
    return strings(st, sql, 1);
  }

  private static List<String> strings(Statement st, String sql, int column) throws SQLException {
    List<String> values = new ArrayList<>();
    try (ResultSet rs = st.executeQuery(sql)) {
      while (rs.next()) {
        values.add(rs.getString(column));
      }
    }
    return values;
  }

  @Test
  void dmlReturnsAffectedRowCounts() throws SQLException {
    try (Connection c = connect();
        Statement st = c.createStatement()) {
      st.execute("CREATE SCHEMA IF NOT EXISTS main.dml");
      st.execute("CREATE TABLE main.dml.t (id BIGINT, v STRING) USING DELTA");
      assertEquals(3, st.executeUpdate("INSERT INTO main.dml.t VALUES (1,'a'), (2,'b'), (3,'c')"));
      assertEquals(5, st.executeUpdate("INSERT INTO main.dml.t SELECT id + 10, 'r' FROM range(5)"));
      assertEquals(2, st.executeUpdate("UPDATE main.dml.t SET v = 'u' WHERE id IN (1, 2)"));
      assertEquals(1, st.executeUpdate("DELETE FROM main.dml.t WHERE id = 3"));
      assertEquals(
          2,
          st.executeUpdate(
              "MERGE INTO main.dml.t AS t USING (SELECT 1L AS id, 'm' AS v UNION ALL SELECT 99L, 'n')"
                  + " AS s ON t.id = s.id WHEN MATCHED THEN UPDATE SET * WHEN NOT MATCHED THEN INSERT *"));
      assertEquals(8, count(st, "SELECT count(*) FROM main.dml.t"));
    }
  }

  @Test
  void s3LocationsUseTheLocalS3() throws SQLException {
    SharedLocalInfra.s3().createBucket("lake");
    try (Connection c = connect();
        Statement st = c.createStatement()) {
      st.execute("CREATE EXTERNAL LOCATION IF NOT EXISTS lake URL 's3://lake' WITH (STORAGE CREDENTIAL "
          + UnityCatalogs.STORAGE_CREDENTIAL + ")");
      st.execute("CREATE SCHEMA IF NOT EXISTS main.ext");
      st.execute(
          "CREATE TABLE main.ext.events (id BIGINT, v STRING) USING DELTA"
              + " LOCATION 's3://lake/tables/events'");
      assertEquals(2, st.executeUpdate("INSERT INTO main.ext.events VALUES (1, 'a'), (2, 'b')"));
      assertEquals(2, count(st, "SELECT count(*) FROM delta.`s3://lake/tables/events`"));
      assertEquals(2, count(st, "SELECT count(*) FROM delta.`s3a://lake/tables/events`"));

      st.execute(
          "CREATE TABLE main.ext.staged USING PARQUET LOCATION 's3a://lake/staging/batch1'"
              + " AS SELECT id + 100 AS id, 'p' AS v FROM range(4)");
      assertEquals(4, count(st, "SELECT count(*) FROM parquet.`s3://lake/staging/batch1`"));
      assertEquals(
          4,
          st.executeUpdate(
              "INSERT INTO main.ext.events SELECT * FROM parquet.`s3://lake/staging/batch1`"));
      assertEquals(6, count(st, "SELECT count(*) FROM main.ext.events"));
    }
    assertTrue(
        java.nio.file.Files.isDirectory(
            java.nio.file.Path.of("target/local-infra/shared/s3/lake/tables/events/_delta_log")));
  }

  @Test
  void wrongOrMissingTokenIsRejected() {
    SQLException wrong =
        assertThrows(
            SQLException.class,
            () -> DriverManager.getConnection(warehouse.jdbcUrl(), "token", "not-the-token"));
    assertTrue(
        String.valueOf(wrong.getMessage()).contains("401")
            || String.valueOf(wrong.getMessage()).toLowerCase().contains("token"),
        wrong.getMessage());
    assertThrows(
        SQLException.class,
        () -> DriverManager.getConnection(warehouse.jdbcUrl() + ";UID=token;PWD=wrong").close());
    assertThrows(SQLException.class, () -> DriverManager.getConnection(warehouse.jdbcUrl()).close());
  }

  @Test
  void tokenInUrlIsAccepted() throws SQLException {
    try (Connection c =
            DriverManager.getConnection(
                warehouse.jdbcUrl() + ";UID=token;PWD=" + warehouse.token());
        Statement st = c.createStatement()) {
      assertEquals(1, count(st, "SELECT 1"));
    }
  }

  @Test
  void errorsCarryTheEngineSqlState() throws SQLException {
    try (Connection c = connect();
        Statement st = c.createStatement()) {
      SQLException missing =
          assertThrows(SQLException.class, () -> st.executeQuery("SELECT * FROM main.nope.missing"));
      assertEquals("42P01", missing.getSQLState());
      assertTrue(missing.getMessage().contains("TABLE_OR_VIEW_NOT_FOUND"), missing.getMessage());
      SQLException syntax = assertThrows(SQLException.class, () -> st.execute("SELEC 1"));
      assertEquals("42601", syntax.getSQLState());
    }
  }

  @Test
  void slowStatementsArePolled() throws SQLException {
    warehouse.maxWait(Duration.ZERO);
    try (Connection c = connect();
        Statement st = c.createStatement()) {
      assertEquals(1_000_000, count(st, "SELECT count(*) FROM range(1000000)"));
    }
  }

  @Test
  void runningStatementsCanBeCanceled() throws Exception {
    warehouse.maxWait(Duration.ZERO);
    try (Connection c = connect();
        Statement st = c.createStatement()) {
      long started = System.nanoTime();
      CompletableFuture<Object> running =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  return count(st, "SELECT count(*) FROM range(0, 1000000000000)");
                } catch (SQLException e) {
                  return e;
                }
              });
      Thread.sleep(1500);
      st.cancel();
      Object outcome = running.get(30, TimeUnit.SECONDS);
      assertTrue(outcome instanceof SQLException, "expected a failure, got " + outcome);
      assertTrue(Duration.ofNanos(System.nanoTime() - started).toSeconds() < 30);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (warehouse.sparkSession().sparkContext().statusTracker().getActiveJobIds().length > 0) {
        assertTrue(System.nanoTime() < deadline, "the canceled Spark job still runs");
        Thread.sleep(100);
      }
    }
  }

  @Test
  void largeResultsComeInManyChunks() throws SQLException {
    warehouse.chunkRowLimit(7);
    try (Connection c = connect();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT id, concat('row-', id) AS v FROM range(100)")) {
      List<Long> ids = new ArrayList<>();
      while (rs.next()) {
        ids.add(rs.getLong("id"));
        assertEquals("row-" + rs.getLong(1), rs.getString("v"));
      }
      assertEquals(100, ids.size());
      for (int i = 0; i < 100; i++) {
        assertEquals(i, ids.get(i));
      }
    }
  }

  @Test
  void maxRowsLimitsTheResult() throws SQLException {
    try (Connection c = connect();
        Statement st = c.createStatement()) {
      st.setMaxRows(5);
      try (ResultSet rs = st.executeQuery("SELECT id FROM range(50)")) {
        int rows = 0;
        while (rs.next()) {
          rows++;
        }
        assertEquals(5, rows);
      }
    }
  }

  @Test
  void everyColumnTypeRoundTrips() throws SQLException {
    try (Connection c = connect();
        Statement st = c.createStatement()) {
      st.execute("CREATE SCHEMA IF NOT EXISTS main.types");
      st.execute(
          "CREATE TABLE main.types.t (s STRING, l BIGINT, i INT, d DOUBLE, dec DECIMAL(38,9),"
              + " b BOOLEAN, dt DATE, ts TIMESTAMP, bin BINARY, arr ARRAY<STRING>,"
              + " m MAP<STRING,STRING>, st STRUCT<a: INT, b: STRING>) USING DELTA");
      assertEquals(
          1,
          st.executeUpdate(
              "INSERT INTO main.types.t VALUES ('héllo \"q\"', 9007199254740993, -42, 3.25,"
                  + " 12345678901234567890.123456789, true, DATE'2024-02-29',"
                  + " TIMESTAMP'2024-03-01 12:34:56.789123', X'CAFE00',"
                  + " array('a', 'b,c'), map('k', 'v'), named_struct('a', 7, 'b', 'z'))"));
      try (ResultSet rs = st.executeQuery("SELECT * FROM main.types.t")) {
        assertTrue(rs.next());
        assertEquals("héllo \"q\"", rs.getString("s"));
        assertEquals(9007199254740993L, rs.getLong("l"));
        assertEquals(9007199254740993L, ((Number) rs.getObject("l")).longValue());
        assertEquals(-42, rs.getInt("i"));
        assertEquals(3.25, rs.getDouble("d"));
        assertEquals(new BigDecimal("12345678901234567890.123456789"), rs.getBigDecimal("dec"));
        assertTrue(rs.getBoolean("b"));
        assertEquals(LocalDate.of(2024, 2, 29), rs.getDate("dt").toLocalDate());
        assertEquals(
            LocalDateTime.of(2024, 3, 1, 12, 34, 56, 789_123_000),
            rs.getTimestamp("ts").toLocalDateTime());
        assertArrayEquals(new byte[] {(byte) 0xCA, (byte) 0xFE, 0}, rs.getBytes("bin"));
        assertEquals("[\"a\",\"b,c\"]", rs.getString("arr"));
        assertEquals("{\"k\":\"v\"}", rs.getString("m"));
        assertEquals("{\"a\":7,\"b\":\"z\"}", rs.getString("st"));
        assertEquals(Types.BIGINT, rs.getMetaData().getColumnType(2));
        assertEquals(Types.DECIMAL, rs.getMetaData().getColumnType(5));
        assertEquals(9, rs.getMetaData().getScale(5));
        assertFalse(rs.next());
      }
    }
  }

  @Test
  void complexTypesAreObjectsWithComplexTypeSupport() throws SQLException {
    try (Connection c =
            DriverManager.getConnection(
                warehouse.jdbcUrl() + ";EnableComplexDatatypeSupport=1", "token", warehouse.token());
        Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT array('a', 'b') AS arr, map('k', 'v') AS m,"
                    + " named_struct('a', 7, 'b', 'z') AS st"))  {
      assertTrue(rs.next());
      assertArrayEquals(new Object[] {"a", "b"}, (Object[]) ((Array) rs.getObject("arr")).getArray());
      assertEquals("v", ((Map<?, ?>) rs.getObject("m")).get("k"));
      assertArrayEquals(new Object[] {7, "z"}, ((Struct) rs.getObject("st")).getAttributes());
    }
  }

  @Test
  void preparedStatementsBindParameters() throws SQLException {
    try (Connection c = connect()) {
      try (Statement st = c.createStatement()) {
        st.execute("CREATE SCHEMA IF NOT EXISTS main.prep");
        st.execute(
            "CREATE TABLE main.prep.t (id BIGINT, name STRING, amount DECIMAL(10,2), day DATE,"
                + " at TIMESTAMP, ok BOOLEAN) USING DELTA");
      }
      try (PreparedStatement insert =
          c.prepareStatement("INSERT INTO main.prep.t VALUES (?, ?, ?, ?, ?, ?)")) {
        insert.setLong(1, 1);
        insert.setString(2, "O'Brien; DROP TABLE x --");
        insert.setBigDecimal(3, new BigDecimal("12.34"));
        insert.setDate(4, java.sql.Date.valueOf(LocalDate.of(2024, 1, 2)));
        insert.setTimestamp(5, Timestamp.valueOf(LocalDateTime.of(2024, 1, 2, 3, 4, 5)));
        insert.setBoolean(6, true);
        assertEquals(1, insert.executeUpdate());
        insert.setLong(1, 2);
        insert.setNull(2, Types.VARCHAR);
        insert.setBigDecimal(3, new BigDecimal("-0.5"));
        insert.setNull(4, Types.DATE);
        insert.setNull(5, Types.TIMESTAMP);
        insert.setBoolean(6, false);
        assertEquals(1, insert.executeUpdate());
      }
      try (PreparedStatement select =
          c.prepareStatement("SELECT name, amount, day, at, ok FROM main.prep.t WHERE id = ?")) {
        select.setLong(1, 1);
        try (ResultSet rs = select.executeQuery()) {
          assertTrue(rs.next());
          assertEquals("O'Brien; DROP TABLE x --", rs.getString(1));
          assertEquals(new BigDecimal("12.34"), rs.getBigDecimal(2));
          assertEquals(LocalDate.of(2024, 1, 2), rs.getDate(3).toLocalDate());
          assertEquals(LocalDateTime.of(2024, 1, 2, 3, 4, 5), rs.getTimestamp(4).toLocalDateTime());
          assertTrue(rs.getBoolean(5));
          assertFalse(rs.next());
        }
        select.setLong(1, 2);
        try (ResultSet rs = select.executeQuery()) {
          assertTrue(rs.next());
          assertEquals(null, rs.getString(1));
          assertEquals(new BigDecimal("-0.50"), rs.getBigDecimal(2));
          assertFalse(rs.getBoolean(5));
        }
      }
    }
  }
}
