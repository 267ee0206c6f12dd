package io.heropixel.connect.databricks.it;

import static io.heropixel.connect.databricks.it.EndToEnd.assertOnlyError;
import static io.heropixel.connect.databricks.it.EndToEnd.validationErrors;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * validate() writes a probe file to the staging volume over the Files API and names the setting at fault
 * when it cannot; a volume that does not exist yet is no fault, as the first load creates it.
 */
class ManagedTablesValidateTest {

  private static final ManagedTablesFixture FIXTURE = new ManagedTablesFixture();

  private static Map<String, String> config(String schema, String volume) {
    return EndToEnd.connectorConfig("t", schema, FIXTURE.config(volume));
  }

  @Test
  void anExistingVolumePassesAndTheProbeLeavesNothing() throws SQLException {
    String schema = EndToEnd.unique("validate");
    String volume = EndToEnd.unique("volume");
    try (Connection c = EndToEnd.jdbc(); Statement st = c.createStatement()) {
      st.execute("CREATE SCHEMA IF NOT EXISTS main." + schema);
      st.execute("CREATE VOLUME IF NOT EXISTS main." + schema + "." + volume);
    }
    assertEquals(Map.of(), validationErrors(config(schema, volume)));
    assertEquals(List.of(), FIXTURE.objects(volume));
  }

  @Test
  void aVolumeTheFirstLoadWillCreateIsNoFault() {
    assertEquals(Map.of(), validationErrors(config(EndToEnd.unique("validate"), EndToEnd.unique("volume"))));
  }

  @Test
  void aRefusedTokenIsReportedOnTheToken() {
    Map<String, String> config = config(EndToEnd.unique("validate"), EndToEnd.unique("volume"));
    config.put("databricks.personal.access.token", "dapi-wrong");
    assertOnlyError(validationErrors(config), "databricks.personal.access.token", "HTTP 401");
  }

  @Test
  void anUnreachableWorkspaceIsReportedOnTheHostname() {
    Map<String, String> config = config(EndToEnd.unique("validate"), EndToEnd.unique("volume"));
    config.put("databricks.port", "9");
    assertOnlyError(validationErrors(config), "databricks.server.hostname", "not reachable");
  }

  @Test
  void aWorkspaceThatNeverAnswersIsReportedWithinTheDeadline() throws Exception {
    // Accepts connections and never answers: what a hung proxy or a firewall that swallows packets looks like.
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      Map<String, String> config = config(EndToEnd.unique("validate"), EndToEnd.unique("volume"));
      config.put("databricks.port", Integer.toString(silent.getLocalPort()));
      long started = System.nanoTime();
      Map<String, List<String>> errors = validationErrors(config);
      long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
      assertOnlyError(errors, "databricks.server.hostname", "did not answer within 30 s");
      assertTrue(seconds < 40, "validate() took " + seconds + " s");
    }
  }
}
