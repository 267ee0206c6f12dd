package io.heropixel.connect.databricks.conversion;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Column names from field names. Delta tables without column mapping refuse {@code " ,;{}()\n\t="} in
 * names and Databricks compares names without regard to case, so: those characters and '.' become '_',
 * an empty name becomes '_', and a name equal (ignoring case) to an earlier one, or to one of the
 * connector's own columns, gets the first free suffix {@code _1}, {@code _2}... Reserved words need
 * nothing: every name is quoted.
 */
public final class ColumnNames {

  private static final Pattern REFUSED = Pattern.compile("[ ,;{}()\\n\\t=.]");

  private ColumnNames() {}

  /** The column names of fields in order; {@code reserved} are names already taken (lower case). */
  public static List<String> of(List<String> fieldNames, Set<String> reserved) {
    Set<String> taken = new HashSet<>(reserved);
    List<String> names = new ArrayList<>(fieldNames.size());
    for (String field : fieldNames) {
      String base = REFUSED.matcher(field).replaceAll("_");
      if (base.isEmpty()) {
        base = "_";
      }
      String name = base;
      for (int suffix = 1; !taken.add(name.toLowerCase(Locale.ROOT)); suffix++) {
        name = base + "_" + suffix;
      }
      names.add(name);
    }
    return names;
  }
}
