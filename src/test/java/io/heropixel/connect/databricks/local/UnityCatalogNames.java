package io.heropixel.connect.databricks.local;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Unity Catalog's naming rules, and how its names are kept in the Hive metastore underneath, which
 * takes only {@code [a-z0-9_]}: every Unity Catalog schema becomes one metastore database named
 * {@code uc__<catalog>__<schema>}, each part encoded (a-z and 0-9 kept, any other byte {@code _xx} in hex);
 * a table name outside {@code [a-z0-9_]}, or holding "__", is encoded behind {@code u__}.
 */
final class UnityCatalogNames {

  /** Unity Catalog's limit for catalog, schema, table and volume names. */
  static final int MAX_LENGTH = 255;

  private static final String SCHEMA_PREFIX = "uc__";
  private static final String TABLE_PREFIX = "u__";
  private static final Pattern PLAIN = Pattern.compile("[a-z0-9_]+");
  private static final String ENCODED = "(?:[a-z0-9]|_[0-9a-f]{2})+";
  private static final Pattern STORED_SCHEMA =
      Pattern.compile("(?:`?spark_catalog`?\\.)?`?" + SCHEMA_PREFIX + "(" + ENCODED + ")__(" + ENCODED + ")`?");

  private UnityCatalogNames() {}

  /**
   * Checks a catalog, schema, table or volume name as Unity Catalog does: at most 255 characters, none
   * of space, '.', '/', an ASCII control character or DEL. Answers the name lower-cased, as Unity Catalog
   * stores it.
   */
  static String check(String kind, String name) {
    if (name.isEmpty() || name.length() > MAX_LENGTH) {
      throw invalid(kind, name, "it must have 1 to " + MAX_LENGTH + " characters");
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c == ' ' || c == '.' || c == '/' || c < 0x20 || c == 0x7F) {
        throw invalid(kind, name, "it contains a space, '.', '/', a control character or DEL");
      }
    }
    return name.toLowerCase(Locale.ROOT);
  }

  private static DatabricksError invalid(String kind, String name, String why) {
    return new DatabricksError("INVALID_SCHEMA_OR_RELATION_NAME", "42602",
        "`" + name + "` is not a valid name for a Unity Catalog " + kind + ": " + why + ".");
  }

  /** The metastore database that holds a Unity Catalog schema. */
  static String storedSchema(String catalog, String schema) {
    return SCHEMA_PREFIX + encode(catalog.toLowerCase(Locale.ROOT)) + "__" + encode(schema.toLowerCase(Locale.ROOT));
  }

  /** The prefix of every metastore database of a catalog. */
  static String storedSchemaPrefix(String catalog) {
    return SCHEMA_PREFIX + encode(catalog.toLowerCase(Locale.ROOT)) + "__";
  }

  static String schemaOf(String storedSchema, String catalog) {
    return decode(storedSchema.substring(storedSchemaPrefix(catalog).length()));
  }

  static String storedTable(String table) {
    String lower = table.toLowerCase(Locale.ROOT);
    return PLAIN.matcher(lower).matches() && !lower.contains("__") ? lower : TABLE_PREFIX + encode(lower);
  }

  static String tableOf(String storedTable) {
    return storedTable.startsWith(TABLE_PREFIX) ? decode(storedTable.substring(TABLE_PREFIX.length())) : storedTable;
  }

  /** Puts the Unity Catalog names back into an engine message that quotes metastore databases. */
  static String readable(String message) {
    Matcher m = STORED_SCHEMA.matcher(message);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement("`" + decode(m.group(1)) + "`.`" + decode(m.group(2)) + "`"));
    }
    return m.appendTail(out).toString();
  }

  private static String encode(String name) {
    StringBuilder out = new StringBuilder();
    for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
      if (b >= 'a' && b <= 'z' || b >= '0' && b <= '9') {
        out.append((char) b);
      } else {
        out.append('_').append(String.format("%02x", b & 0xFF));
      }
    }
    return out.toString();
  }

  private static String decode(String encoded) {
    byte[] bytes = new byte[encoded.length()];
    int n = 0;
    for (int i = 0; i < encoded.length(); i++) {
      char c = encoded.charAt(i);
      if (c == '_') {
        bytes[n++] = (byte) Integer.parseInt(encoded.substring(i + 1, i + 3), 16);
        i += 2;
      } else {
        bytes[n++] = (byte) c;
      }
    }
    return new String(bytes, 0, n, StandardCharsets.UTF_8);
  }
}
