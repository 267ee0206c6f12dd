package io.heropixel.connect.databricks.warehouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.heropixel.connect.databricks.config.DatabricksSinkConfig;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JdbcUrlTest {

  private static Map<String, String> config(String httpPath) {
    Map<String, String> props = new HashMap<>();
    props.put(DatabricksSinkConfig.SERVER_HOSTNAME, "abc.cloud.databricks.com");
    props.put(DatabricksSinkConfig.HTTP_PATH, httpPath);
    props.put(DatabricksSinkConfig.TERMS_ACCEPTED, "true");
    props.put(DatabricksSinkConfig.DATA_SOURCE, "MANAGED_TABLES");
    props.put(DatabricksSinkConfig.CATALOG, "main");
    return props;
  }

  @Test
  void aServicePrincipalSignsInWithOAuthMachineToMachineAndItsSecretStaysOutOfTheUrl() {
    Map<String, String> props = config("/sql/1.0/warehouses/abc");
    props.put(DatabricksSinkConfig.OAUTH_CLIENT_ID, "sp-id");
    props.put(DatabricksSinkConfig.OAUTH_CLIENT_SECRET, "dose-secret");
    JdbcUrl url = JdbcUrl.of(new DatabricksSinkConfig(props));

    assertTrue(url.url().contains(";AuthMech=11;Auth_Flow=1;"), url.url());
    assertFalse(url.url().contains("dose-secret") || url.url().contains("sp-id"), url.url());
    assertEquals("sp-id", url.properties().get("OAuth2ClientId"));
    assertEquals("dose-secret", url.properties().get("OAuth2Secret"));
    assertNull(url.properties().get("PWD"));
    assertFalse(url.toString().contains("dose-secret"));
  }

  @Test
  void aTokenGoesInThePropertiesAsPwd() {
    Map<String, String> props = config("/sql/1.0/warehouses/abc");
    props.put(DatabricksSinkConfig.TOKEN, "dapi-secret");
    JdbcUrl url = JdbcUrl.of(new DatabricksSinkConfig(props));
    assertTrue(url.url().contains(";AuthMech=3;"), url.url());
    assertEquals("token", url.properties().get("UID"));
    assertEquals("dapi-secret", url.properties().get("PWD"));
    assertFalse(url.url().contains("dapi-secret"));
  }

  @Test
  void sqlWarehousesGetTheStatementExecutionApiUnlessTheUserSaysOtherwise() {
    Map<String, String> props = config("/sql/1.0/warehouses/abc");
    props.put(DatabricksSinkConfig.TOKEN, "dapi-secret");
    JdbcUrl warehouse = JdbcUrl.of(new DatabricksSinkConfig(props));
    assertTrue(warehouse.url().contains(";UseThriftClient=0"), warehouse.url());
    assertEquals("Statement Execution API (UseThriftClient=0)", warehouse.protocol());

    props.put(DatabricksSinkConfig.JDBC_PROPERTIES, "usethriftclient=1");
    assertEquals("Thrift (UseThriftClient=1)", JdbcUrl.of(new DatabricksSinkConfig(props)).protocol());

    Map<String, String> cluster = config("sql/protocolv1/o/1234567890/0123-456789-abcdefgh");
    cluster.put(DatabricksSinkConfig.TOKEN, "dapi-secret");
    JdbcUrl allPurpose = JdbcUrl.of(new DatabricksSinkConfig(cluster));
    assertFalse(allPurpose.url().toLowerCase().contains("usethriftclient"), allPurpose.url());
    assertTrue(allPurpose.url().contains(";httpPath=/sql/protocolv1/o/"), allPurpose.url());
    assertEquals("Thrift (UseThriftClient=1)", allPurpose.protocol());
  }
}
