package io.heropixel.connect.databricks.routing;

import java.util.Locale;
import java.util.regex.Pattern;

/** The one place that validates, derives and quotes Databricks SQL identifiers. */
public final class Identifiers {

  /** Databricks (Unity Catalog) limits object names to 255 characters. */
  static final int MAX_LENGTH = 255;
  private static final Pattern UNSAFE = Pattern.compile("[^a-z0-9_]");
  private static final Pattern LEGACY = Pattern.compile("[A-Za-z0-9_]+");
  private static final String HIVE_METASTORE = "hive_metastore";

  private Identifiers() {}

  /**
   * Quotes a name with backticks, the way Databricks SQL escapes them: an object's, a column's or a struct
   * field's. Column names may hold spaces; no name may hold a control character, '.' or '/'.
   */
  public static String quote(String identifier) {
    return "`" + check(identifier, false).replace("`", "``") + "`";
  }

  /**
   * Checks an object name given by a user (catalog, schema, table, volume) by Unity Catalog's rules: at
   * most 255 characters, none of space, '.', '/' or a control character. Names are quoted wherever they are
   * used, so only what Databricks itself refuses is refused here.
   */
  public static String validate(String identifier) {
    return check(identifier, true);
  }

  private static String check(String identifier, boolean objectName) {
    if (identifier == null || identifier.isBlank()) {
      throw new IllegalArgumentException("An identifier must not be empty");
    }
    if (identifier.length() > MAX_LENGTH) {
      throw new IllegalArgumentException("Identifier '" + identifier + "' is longer than " + MAX_LENGTH + " characters");
    }
    for (int i = 0; i < identifier.length(); i++) {
      char c = identifier.charAt(i);
      if (Character.isISOControl(c) || c == '.' || c == '/' || objectName && c == ' ') {
        throw new IllegalArgumentException("Identifier '" + identifier + "' holds a character Databricks does not "
            + "allow in " + (objectName ? "the name of a catalog, schema, table or volume (space, " : "a name (")
            + "control character, '.' or '/')");
      }
    }
    return identifier;
  }

  /** Checks a schema or table name of a catalog: {@code hive_metastore} takes only letters, digits and '_'. */
  public static String validate(String catalog, String identifier) {
    validate(identifier);
    if (HIVE_METASTORE.equalsIgnoreCase(catalog) && !LEGACY.matcher(identifier).matches()) {
      throw new IllegalArgumentException("Identifier '" + identifier + "' is not a valid name in " + HIVE_METASTORE
          + ", which takes only letters, digits and '_' (Unity Catalog catalogs take more)");
    }
    return identifier;
  }

  /**
   * Derives a stream (table) name from a topic name: lower case, every character other than a-z, 0-9
   * and '_' replaced by '_', so that the name is also safe in storage paths.
   */
  public static String streamName(String topic) {
    String name = UNSAFE.matcher(topic.toLowerCase(Locale.ROOT)).replaceAll("_");
    if (!name.isEmpty() && Character.isDigit(name.charAt(0))) {
      name = "_" + name;
    }
    return validate(name);
  }
}
