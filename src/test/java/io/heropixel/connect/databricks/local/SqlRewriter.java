package io.heropixel.connect.databricks.local;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Maps Databricks catalog names onto Spark's: {@code hive_metastore} becomes the session catalog
 * {@code spark_catalog}, and a Unity Catalog name is lower-cased (Spark looks catalogs up by their exact
 * name), wherever they are the first part of a qualified name ({@code main.s.t}, {@code `main`.`s`.`t`})
 * or the operand of {@code USE CATALOG}, {@code SET CATALOG} and {@code SHOW SCHEMAS IN}. String literals
 * and comments are left alone. Databricks' {@code USE CATALOG x} becomes Spark's {@code SET CATALOG x}. Volume paths
 * used as table names ({@code delta.`/Volumes/c/s/v/dir`}) become their local directories.
 */
final class SqlRewriter {

  static final String SPARK_CATALOG = "spark_catalog";

  private static final Pattern USE_CATALOG =
      Pattern.compile("^(\\s*)USE(\\s+CATALOG\\s)", Pattern.CASE_INSENSITIVE);

  private final UnityCatalogs catalogs;
  private final LocalVolumes volumes;

  SqlRewriter(UnityCatalogs catalogs, LocalVolumes volumes) {
    this.catalogs = catalogs;
    this.volumes = volumes;
  }

  private String catalogName(String name, String token) {
    if (UnityCatalogs.LEGACY_CATALOG.equalsIgnoreCase(name)) {
      return SPARK_CATALOG;
    }
    return catalogs.exists(name) ? "`" + name.toLowerCase(Locale.ROOT).replace("`", "``") + "`" : token;
  }

  String rewrite(String statement) {
    String sql = USE_CATALOG.matcher(statement).replaceFirst("$1SET$2");
    StringBuilder out = new StringBuilder(sql.length() + 16);
    String previousWord = "";
    String wordBeforePrevious = "";
    char previousSignificant = 0;
    int i = 0;
    int n = sql.length();
    while (i < n) {
      char c = sql.charAt(i);
      int end;
      if (c == '\'' || c == '"') {
        end = skipQuoted(sql, i, c);
      } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
        end = sql.indexOf('\n', i);
        end = end < 0 ? n : end;
      } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
        end = sql.indexOf("*/", i + 2);
        end = end < 0 ? n : end + 2;
      } else if (c == '`' || Character.isLetter(c) || c == '_') {
        end = c == '`' ? skipBackticked(sql, i) : skipWord(sql, i);
        String token = sql.substring(i, end);
        String name = c == '`' ? token.substring(1, token.length() - 1).replace("``", "`") : token;
        if (c == '`' && name.startsWith(LocalVolumes.PREFIX)) {
          token = "`" + volumes.sparkPath(name).replace("`", "``") + "`";
        }
        boolean firstPart = previousSignificant != '.';
        boolean qualifies = firstPart && nextSignificant(sql, end) == '.';
        boolean catalogOperand =
            previousWord.equals("CATALOG")
                || ((previousWord.equals("IN") || previousWord.equals("FROM"))
                    && (wordBeforePrevious.equals("SCHEMAS") || wordBeforePrevious.equals("DATABASES")));
        out.append(qualifies || catalogOperand ? catalogName(name, token) : token);
        wordBeforePrevious = previousWord;
        previousWord = c == '`' ? "" : token.toUpperCase(Locale.ROOT);
        previousSignificant = 'a';
        i = end;
        continue;
      } else {
        end = i + 1;
        if (!Character.isWhitespace(c)) {
          previousSignificant = c;
          previousWord = "";
          wordBeforePrevious = "";
        }
      }
      out.append(sql, i, end);
      i = end;
    }
    return out.toString();
  }

  private static int skipQuoted(String sql, int start, char quote) {
    int i = start + 1;
    while (i < sql.length()) {
      char c = sql.charAt(i);
      if (c == '\\') {
        i += 2;
      } else if (c == quote) {
        return i + 1;
      } else {
        i++;
      }
    }
    return sql.length();
  }

  private static int skipBackticked(String sql, int start) {
    int i = start + 1;
    while (i < sql.length()) {
      if (sql.charAt(i) == '`') {
        if (i + 1 < sql.length() && sql.charAt(i + 1) == '`') {
          i += 2;
          continue;
        }
        return i + 1;
      }
      i++;
    }
    return sql.length();
  }

  private static int skipWord(String sql, int start) {
    int i = start;
    while (i < sql.length() && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '_')) {
      i++;
    }
    return i;
  }

  private static char nextSignificant(String sql, int from) {
    for (int i = from; i < sql.length(); i++) {
      if (!Character.isWhitespace(sql.charAt(i))) {
        return sql.charAt(i);
      }
    }
    return 0;
  }
}
