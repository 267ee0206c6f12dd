package io.heropixel.connect.databricks.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Runs {@link LocalWarehouseMain} in its own JVM (Spark allows one SparkContext per JVM): checks
 * the printed connection lines, a clean stop on SIGTERM, and that schemas, tables and data survive
 * a restart over the same data directory.
 */
class LocalWarehouseMainTest {

  private static final Path ROOT = Path.of("target", "local-infra", "main-test").toAbsolutePath();

  @Test
  void restartOverTheSameDataDirectoryKeepsTables() throws Exception {
    DataDirs.wipe(ROOT);
    Process first = start();
    try {
      Map<String, String> info = readUntilReady(first);
      assertEquals("127.0.0.1", info.get("WAREHOUSE_HOST"));
      assertEquals("/sql/1.0/warehouses/" + LocalWarehouse.WAREHOUSE_ID, info.get("WAREHOUSE_HTTP_PATH"));
      assertTrue(info.get("WAREHOUSE_JDBC_URL").contains(":" + info.get("WAREHOUSE_PORT") + "/"));
      try (Connection c = connect(info);
          Statement st = c.createStatement()) {
        st.execute("CREATE SCHEMA IF NOT EXISTS main.kept");
        st.execute("CREATE TABLE main.kept.t (id BIGINT, v STRING) USING DELTA");
        assertEquals(2, st.executeUpdate("INSERT INTO main.kept.t VALUES (1, 'a'), (2, 'b')"));
        st.execute("CREATE EXTERNAL LOCATION kept_location URL 's3://kept/data' WITH (STORAGE CREDENTIAL "
            + UnityCatalogs.STORAGE_CREDENTIAL + ")");
      }
    } finally {
      stop(first);
    }

    Process second = start();
    try {
      Map<String, String> info = readUntilReady(second);
      try (Connection c = connect(info);
          Statement st = c.createStatement();
          ResultSet rs = st.executeQuery("SELECT count(*), max(v) FROM main.kept.t")) {
        assertTrue(rs.next());
        assertEquals(2, rs.getLong(1));
        assertEquals("b", rs.getString(2));
        try (ResultSet locations = st.executeQuery("SHOW EXTERNAL LOCATIONS")) {
          assertTrue(locations.next());
          assertEquals("kept_location", locations.getString("name"));
          assertEquals("s3://kept/data", locations.getString("url"));
        }
      }
    } finally {
      stop(second);
    }
  }

  private static Process start() throws IOException {
    java.nio.file.Files.createDirectories(ROOT);
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    // The same JVM options as this test JVM: Spark needs its --add-opens.
    for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (arg.startsWith("--add-opens") || arg.startsWith("-Djdk.reflect") || arg.startsWith("-Dio.netty")) {
        command.add(arg);
      }
    }
    command.addAll(
        List.of(
            "-cp",
            System.getProperty("java.class.path"),
            LocalWarehouseMain.class.getName(),
            "--data-dir",
            ROOT.resolve("warehouse").toString(),
            "--token",
            "main-test-token",
            "--catalog",
            "main",
            "--s3-data-dir",
            ROOT.resolve("s3").toString()));
    return new ProcessBuilder(command)
        .redirectError(ProcessBuilder.Redirect.appendTo(ROOT.resolve("stderr.log").toFile()))
        .start();
  }

  private static Map<String, String> readUntilReady(Process process) throws IOException {
    Map<String, String> info = new HashMap<>();
    BufferedReader out =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    for (String line = out.readLine(); line != null; line = out.readLine()) {
      if (line.equals("READY")) {
        return info;
      }
      int eq = line.indexOf('=');
      if (eq > 0) {
        info.put(line.substring(0, eq), line.substring(eq + 1));
      }
    }
    throw new IllegalStateException("Warehouse process ended before READY; see " + ROOT.resolve("stderr.log"));
  }

  private static Connection connect(Map<String, String> info) throws SQLException {
    assertEquals("main-test-token", info.get("WAREHOUSE_TOKEN"));
    return DriverManager.getConnection(
        info.get("WAREHOUSE_JDBC_URL"), "token", info.get("WAREHOUSE_TOKEN"));
  }

  /** SIGTERM, then the shutdown hook must stop Spark and exit within the timeout. */
  private static void stop(Process process) throws InterruptedException {
    process.destroy();
    boolean exited = process.waitFor(60, TimeUnit.SECONDS);
    if (!exited) {
      process.destroyForcibly();
    }
    assertTrue(exited, "warehouse process did not stop on SIGTERM");
  }
}
