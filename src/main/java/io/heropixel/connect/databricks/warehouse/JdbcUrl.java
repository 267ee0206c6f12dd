package io.heropixel.connect.databricks.warehouse;

import io.heropixel.connect.databricks.config.DatabricksSinkConfig;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;

/** The Databricks JDBC driver's URL and connection properties for a configuration; secrets never go in the URL. */
public record JdbcUrl(String url, Properties properties) {

  private static final String WAREHOUSE_PATH = "/sql/1.0/warehouses/";
  private static final String THRIFT = "UseThriftClient";

  public static JdbcUrl of(DatabricksSinkConfig config) {
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("transportMode", "http");
    settings.put("ssl", "1");
    Properties properties = new Properties();
    if (config.oauthClientId() != null) {
      // OAuth machine-to-machine: the driver gets tokens for the service principal and renews them itself.
      settings.put("AuthMech", "11");
      settings.put("Auth_Flow", "1");
      properties.put("OAuth2ClientId", config.oauthClientId());
      properties.put("OAuth2Secret", config.oauthClientSecret().value());
    } else {
      settings.put("AuthMech", "3");
      properties.put("UID", "token");
      properties.put("PWD", config.token().value());
    }
    if (!config.catalog().isEmpty()) {
      // The session's catalog: Databricks judges a path read (delta.`s3://...`) by it, and names resolve in it.
      properties.put("ConnCatalog", config.catalog());
    }
    String path = config.httpPath().strip();
    path = path.startsWith("/") ? path : "/" + path;
    settings.put("httpPath", path);
    if (path.startsWith(WAREHOUSE_PATH)) {
      // SQL warehouses serve the Statement Execution API, the protocol every test here runs.
      settings.put(THRIFT, "0");
    }
    settings.putAll(config.jdbcProperties());
    String url = "jdbc:databricks://" + config.serverHostname().strip() + ":" + config.port() + "/default;"
        + settings.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(";"));
    return new JdbcUrl(url, properties);
  }

  /** Which protocol the driver speaks with this URL, for the log: it reads keys in any case, the last one wins. */
  public String protocol() {
    String thrift = "1";
    for (String setting : url.split(";")) {
      if (setting.regionMatches(true, 0, THRIFT + "=", 0, THRIFT.length() + 1)) {
        thrift = setting.substring(THRIFT.length() + 1).strip();
      }
    }
    return thrift.equals("0") ? "Statement Execution API (" + THRIFT + "=0)" : "Thrift (" + THRIFT + "=" + thrift + ")";
  }

  @Override
  public String toString() {
    return url;
  }
}
