package io.heropixel.connect.databricks.config;

import static io.heropixel.connect.databricks.config.DatabricksSinkConfig.AZURE_ACCOUNT;
import static io.heropixel.connect.databricks.config.DatabricksSinkConfig.AZURE_CONTAINER;
import static io.heropixel.connect.databricks.config.DatabricksSinkConfig.AZURE_ENDPOINT;
import static io.heropixel.connect.databricks.config.DatabricksSinkConfig.AZURE_SAS_TOKEN;
import static io.heropixel.connect.databricks.config.DatabricksSinkConfig.CATALOG;
import static io.heropixel.connect.databricks.config.DatabricksSinkConfig.DATA_SOURCE;
import static io.heropixel.connect.databricks.config.DatabricksSinkConfig.HIVE_METASTORE;
import static io.heropixel.connect.databricks.config.DatabricksSinkConfig.OAUTH_CLIENT_ID;
import static io.heropixel.connect.databricks.config.DatabricksSinkConfig.OAUTH_CLIENT_SECRET;
import static io.heropixel.connect.databricks.config.DatabricksSinkConfig.S3_ACCESS_KEY;
import static io.heropixel.connect.databricks.config.DatabricksSinkConfig.S3_BUCKET;
import static io.heropixel.connect.databricks.config.DatabricksSinkConfig.S3_ENDPOINT;
import static io.heropixel.connect.databricks.config.DatabricksSinkConfig.S3_SECRET_KEY;
import static io.heropixel.connect.databricks.config.DatabricksSinkConfig.TERMS_ACCEPTED;
import static io.heropixel.connect.databricks.config.DatabricksSinkConfig.TOKEN;

import io.heropixel.connect.databricks.routing.Identifiers;
import io.heropixel.connect.databricks.routing.TableRouter;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.common.config.types.Password;

/**
 * Rules that span several keys, in one place: the connector's {@code validate()} attaches their errors
 * to the fields involved, and the configuration's constructor refuses to start with any of them.
 */
public final class ConfigValidator {

  private static final Pattern AZURE_ACCOUNT_NAME = Pattern.compile("[a-z0-9]{3,24}");
  private static final Pattern AZURE_CONTAINER_NAME = Pattern.compile("(?=.{3,63}$)[a-z0-9]+(-[a-z0-9]+)*");

  private ConfigValidator() {}

  /** The largest batch MANAGED_TABLES stages: well below the Files API's 5 GiB per file. */
  static final long MANAGED_MAX_BATCH_BYTES = 1L << 30;

  /** Errors by key, for a configuration whose single-key checks passed. */
  static Map<String, List<String>> crossFieldErrors(DatabricksSinkConfig config) {
    Map<String, ?> values = config.values();
    return crossFieldErrors(key -> values.containsKey(key) ? values.get(key) : config.originals().get(key));
  }

  /** Adds the cross-field errors to the result of {@code ConfigDef.validate}. */
  public static Config validate(Map<String, String> props) {
    List<ConfigValue> values = DatabricksSinkConfig.CONFIG_DEF.validate(props);
    Map<String, ConfigValue> byName = new LinkedHashMap<>();
    values.forEach(v -> byName.put(v.name(), v));
    boolean singleKeyErrors = values.stream().anyMatch(v -> !v.errorMessages().isEmpty());
    Function<String, Object> value = key -> byName.containsKey(key) ? byName.get(key).value() : props.get(key);
    if (!singleKeyErrors) {
      crossFieldErrors(value).forEach((key, errors) -> errors.forEach(byName.get(key)::addErrorMessage));
    } else {
      // Still report the rules that need no parsed value of a broken key.
      requiredSecretsAndTerms(value).forEach((key, errors) -> errors.forEach(byName.get(key)::addErrorMessage));
    }
    return new Config(values);
  }

  private static Map<String, List<String>> crossFieldErrors(Function<String, Object> value) {
    Map<String, List<String>> errors = requiredSecretsAndTerms(value);
    if (RowShape.parse((String) value.apply(DatabricksSinkConfig.ROW_SHAPE)) == RowShape.TYPED) {
      String schemaless = schemalessConverter(value);
      if (schemaless != null) {
        add(errors, DatabricksSinkConfig.ROW_SHAPE, "Typed rows need value schemas, but " + schemaless
            + ". Use a converter that carries schemas (JsonConverter with schemas.enable=true, Avro, Protobuf), or "
            + "row.shape=raw. Column types are not inferred from schemaless data: what the first records happen "
            + "to hold would fix them.");
      }
    }
    DataSourceType source = DataSourceType.parse((String) value.apply(DATA_SOURCE));
    nameErrors(value, source, errors);
    if (source == DataSourceType.AZURE_BLOB
        && RowShape.parse((String) value.apply(DatabricksSinkConfig.ROW_SHAPE)) == RowShape.TYPED) {
      add(errors, DatabricksSinkConfig.ROW_SHAPE, "Typed rows are not supported with " + DATA_SOURCE
          + "=AZURE_BLOB: it stages CSV, which cannot carry typed columns faithfully (CSV has no form for "
          + "STRUCT, ARRAY, MAP or BINARY columns, which Spark's CSV reader cannot read). Use row.shape=raw, or " + DATA_SOURCE
          + "=MANAGED_TABLES or S3, which stage Delta (Parquet).");
    }
    switch (source) {
      case S3 -> {
        requireNonBlank(errors, value, S3_BUCKET, "The S3 bucket name is required when " + DATA_SOURCE + " is S3");
        requireNonBlank(errors, value, S3_ACCESS_KEY, "The S3 access key id is required when " + DATA_SOURCE + " is S3");
        if (secret(value, S3_SECRET_KEY).isEmpty()) {
          add(errors, S3_SECRET_KEY, "The S3 secret access key is required when " + DATA_SOURCE + " is S3");
        }
        requireHttpUrlIfSet(errors, value, S3_ENDPOINT);
      }
      case AZURE_BLOB -> {
        requireMatch(errors, value, AZURE_ACCOUNT, AZURE_ACCOUNT_NAME,
            "The storage account name is required when " + DATA_SOURCE + " is AZURE_BLOB: 3 to 24 lower-case "
                + "letters and digits");
        requireMatch(errors, value, AZURE_CONTAINER, AZURE_CONTAINER_NAME,
            "The container name is required when " + DATA_SOURCE + " is AZURE_BLOB: 3 to 63 lower-case letters, "
                + "digits and single hyphens, starting with a letter or digit");
        if (secret(value, AZURE_SAS_TOKEN).isEmpty()) {
          add(errors, AZURE_SAS_TOKEN, "The SAS token is required when " + DATA_SOURCE + " is AZURE_BLOB");
        }
        requireHttpUrlIfSet(errors, value, AZURE_ENDPOINT);
      }
      case MANAGED_TABLES -> {
        // Staging goes to a volume of the configured catalog over the warehouse's own host and credentials.
        if (HIVE_METASTORE.equalsIgnoreCase(String.valueOf(value.apply(CATALOG)).strip())) {
          add(errors, CATALOG, DATA_SOURCE + "=MANAGED_TABLES stages in a Unity Catalog volume, and volumes exist "
              + "only in Unity Catalog catalogs, never in " + HIVE_METASTORE + ". Set " + CATALOG + " to a Unity "
              + "Catalog catalog (for example main), or keep " + HIVE_METASTORE + " with " + DATA_SOURCE
              + "=S3 or AZURE_BLOB");
        }
        // A staged file holds at most one batch, about its buffered size; the Files API takes up to 5 GiB a file.
        Object maxBytes = value.apply(DatabricksSinkConfig.MAX_BYTES);
        if (maxBytes instanceof Long bytes && bytes > MANAGED_MAX_BATCH_BYTES) {
          add(errors, DatabricksSinkConfig.MAX_BYTES, DATA_SOURCE + "=MANAGED_TABLES uploads staged files over the "
              + "Files API, which takes files of up to 5 GiB: keep " + DatabricksSinkConfig.MAX_BYTES + " at most "
              + MANAGED_MAX_BATCH_BYTES + " (1 GiB), so that no staged file comes near the limit");
        }
      }
    }
    return errors;
  }

  /**
   * The default schema and the tables of topic2table.map by the rules of the catalog they go to. An unset
   * catalog is hive_metastore for S3 and Azure, and a Unity Catalog one (the warehouse's) for MANAGED_TABLES.
   */
  private static void nameErrors(Function<String, Object> value, DataSourceType source,
      Map<String, List<String>> errors) {
    Object configured = value.apply(CATALOG);
    String catalog = configured == null ? "" : configured.toString().strip();
    if (catalog.isEmpty()) {
      catalog = source == DataSourceType.MANAGED_TABLES ? "the_warehouse_default" : HIVE_METASTORE;
    }
    String schema = String.valueOf(value.apply(DatabricksSinkConfig.SCHEMA));
    try {
      Identifiers.validate(catalog, schema);
    } catch (IllegalArgumentException e) {
      add(errors, DatabricksSinkConfig.SCHEMA, e.getMessage());
      return;
    }
    try {
      new TableRouter(catalog, schema, TableRouter.parseMap(
          DatabricksSinkConfig.listOf(value.apply(DatabricksSinkConfig.TOPIC_TO_TABLE))));
    } catch (IllegalArgumentException e) {
      add(errors, DatabricksSinkConfig.TOPIC_TO_TABLE, e.getMessage());
    }
  }

  private static void requireMatch(Map<String, List<String>> errors, Function<String, Object> value, String key,
      Pattern pattern, String message) {
    Object v = value.apply(key);
    if (v == null || !pattern.matcher(v.toString()).matches()) {
      add(errors, key, message + (v == null || v.toString().isBlank() ? "" : "; got '" + v + "'"));
    }
  }

  private static void requireHttpUrlIfSet(Map<String, List<String>> errors, Function<String, Object> value,
      String key) {
    String endpoint = (String) value.apply(key);
    if (endpoint != null && !endpoint.isBlank() && !isHttpUrl(endpoint)) {
      add(errors, key, "'" + endpoint + "' is not an http:// or https:// URL");
    }
  }

  /** What makes the connector's value converter schemaless, or null; keys are Connect's own, not in our ConfigDef. */
  private static String schemalessConverter(Function<String, Object> value) {
    Object converter = value.apply("value.converter");
    if (converter == null) {
      return null; // the worker's default, which the connector cannot see
    }
    String name = converter.toString();
    if (name.endsWith(".StringConverter") || name.endsWith(".ByteArrayConverter")) {
      return "value.converter is " + name;
    }
    if (name.endsWith(".JsonConverter") && "false".equalsIgnoreCase(String.valueOf(value.apply(
        "value.converter.schemas.enable")))) {
      return "value.converter.schemas.enable is false";
    }
    return null;
  }

  private static Map<String, List<String>> requiredSecretsAndTerms(Function<String, Object> value) {
    Map<String, List<String>> errors = new LinkedHashMap<>();
    boolean token = !secret(value, TOKEN).isEmpty();
    boolean clientId = !secret(value, OAUTH_CLIENT_ID).isEmpty();
    boolean clientSecret = !secret(value, OAUTH_CLIENT_SECRET).isEmpty();
    if (token && (clientId || clientSecret)) {
      add(errors, TOKEN, "Give either a personal access token or an OAuth service principal (" + OAUTH_CLIENT_ID
          + " and " + OAUTH_CLIENT_SECRET + "), not both: leave one of them empty");
    } else if (!token && !clientId && !clientSecret) {
      add(errors, TOKEN, "Credentials are required: a personal access token here, or an OAuth service principal ("
          + OAUTH_CLIENT_ID + " and " + OAUTH_CLIENT_SECRET + "), as Databricks recommends for production");
    } else if (!token && !clientSecret) {
      add(errors, OAUTH_CLIENT_SECRET, "The service principal's OAuth secret is required with " + OAUTH_CLIENT_ID);
    } else if (!token && !clientId) {
      add(errors, OAUTH_CLIENT_ID, "The service principal's client id is required with " + OAUTH_CLIENT_SECRET);
    }
    if (!Boolean.TRUE.equals(value.apply(TERMS_ACCEPTED))) {
      add(errors, TERMS_ACCEPTED, "You must agree to the Databricks JDBC Driver Terms & Conditions "
          + "(https://www.databricks.com/legal/jdbc-odbc-driver-license): set " + TERMS_ACCEPTED + "=true");
    }
    return errors;
  }

  private static String secret(Function<String, Object> value, String key) {
    Object v = value.apply(key);
    String text = v instanceof Password p ? p.value() : (String) v;
    return text == null ? "" : text.trim();
  }

  private static void requireNonBlank(Map<String, List<String>> errors, Function<String, Object> value, String key,
      String message) {
    Object v = value.apply(key);
    if (v == null || v.toString().isBlank()) {
      add(errors, key, message);
    }
  }

  private static boolean isHttpUrl(String text) {
    try {
      URI uri = URI.create(text);
      return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static void add(Map<String, List<String>> errors, String key, String message) {
    errors.computeIfAbsent(key, k -> new ArrayList<>()).add(message);
  }
}
