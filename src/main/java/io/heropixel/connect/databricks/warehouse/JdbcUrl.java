package io.heropixel.connect.databricks.warehouse;

import io.heropixel.connect.databricks.config.DatabricksSinkConfig;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;

/** The Databricks JDBC driver's URL and connection properties for a configuration; the token never goes in the URL. */
public record JdbcUrl(String url, Properties properties) {

  public static JdbcUrl of(DatabricksSinkConfig config) {
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("transportMode", "http");
    settings.put("ssl", "1");
    settings.put("AuthMech", "3");
    String path = config.httpPath().strip();
    settings.put("httpPath", path.startsWith("/") ? path : "/" + path);
    settings.putAll(config.jdbcProperties());
    String url = "jdbc:databricks://" + config.serverHostname().strip() + ":" + config.port() + "/default;"
        + settings.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(";"));
    Properties properties = new Properties();
    properties.put("UID", "token");
    if (config.token() != null) {
      properties.put("PWD", config.token().value());
    }
    return new JdbcUrl(url, properties);
  }

  @Override
  public String toString() {
    return url;
  }
}
