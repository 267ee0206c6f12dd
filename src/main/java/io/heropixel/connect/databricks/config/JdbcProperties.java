package io.heropixel.connect.databricks.config;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/** Extra driver properties written as {@code key=value;key=value}. */
final class JdbcProperties {

  /** Its errors never quote the value, which may hold a secret the user should not have put there. */
  static final ConfigDef.Validator VALIDATOR = (name, value) -> {
    try {
      parse((String) value);
    } catch (IllegalArgumentException e) {
      throw new ConfigException("Invalid value for configuration " + name + ": " + e.getMessage());
    }
  };

  /**
   * Driver properties that carry secrets: PWD, passwords and passphrases (key stores, token caches),
   * secrets (OAuth2Secret) and tokens given directly (Auth_AccessToken, OAuthRefreshToken, ...).
   */
  private static final Pattern SECRET_KEY =
      Pattern.compile("password|passphrase|pwd$|secret|token$|credential", Pattern.CASE_INSENSITIVE);

  private JdbcProperties() {}

  static Map<String, String> parse(String text) {
    Map<String, String> props = new LinkedHashMap<>();
    if (text == null) {
      return props;
    }
    String[] pairs = text.split(";");
    for (int i = 0; i < pairs.length; i++) {
      String pair = pairs[i];
      if (pair.isBlank()) {
        continue;
      }
      int eq = pair.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException("setting " + (i + 1) + " of the ';'-separated list is not of the form "
            + "key=value");
      }
      String key = pair.substring(0, eq).trim();
      if (SECRET_KEY.matcher(key).find()) {
        throw new IllegalArgumentException("'" + key + "' holds a secret, and this setting is a plain string that "
            + "Connect logs and shows in its REST API: give the personal access token in "
            + DatabricksSinkConfig.TOKEN + ", or the service principal's secret in "
            + DatabricksSinkConfig.OAUTH_CLIENT_SECRET + " (both are hidden)");
      }
      props.put(key, pair.substring(eq + 1).trim());
    }
    return props;
  }
}
