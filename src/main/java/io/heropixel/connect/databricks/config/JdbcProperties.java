package io.heropixel.connect.databricks.config;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/** Extra driver properties written as {@code key=value;key=value}. */
final class JdbcProperties {

  static final ConfigDef.Validator VALIDATOR = (name, value) -> {
    try {
      parse((String) value);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(name, value, e.getMessage());
    }
  };

  private JdbcProperties() {}

  static Map<String, String> parse(String text) {
    Map<String, String> props = new LinkedHashMap<>();
    if (text == null) {
      return props;
    }
    for (String pair : text.split(";")) {
      if (pair.isBlank()) {
        continue;
      }
      int eq = pair.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException("'" + pair.trim() + "' is not of the form key=value");
      }
      props.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
    }
    return props;
  }
}
