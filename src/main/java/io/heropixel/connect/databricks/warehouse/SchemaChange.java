package io.heropixel.connect.databricks.warehouse;

import io.heropixel.connect.databricks.conversion.Column;
import io.heropixel.connect.databricks.conversion.DataType;
import io.heropixel.connect.databricks.conversion.SchemaMerge;
import java.util.ArrayList;
import java.util.List;

/** A change that brings a table's columns to what its records need: a new column or a wider type. */
public sealed interface SchemaChange {

  /** The column's path: a top-level name, then nested field names ({@code element}/{@code value} inside arrays and maps). */
  List<String> path();

  DataType type();

  record AddColumn(List<String> path, DataType type) implements SchemaChange {}

  record WidenColumn(List<String> path, DataType type) implements SchemaChange {}

  /** The changes that turn the actual columns into the wanted ones; wanted columns only ever add or widen. */
  static List<SchemaChange> between(List<Column> actual, List<Column> wanted) {
    List<SchemaChange> changes = new ArrayList<>();
    diff(new DataType.Struct(actual), new DataType.Struct(wanted), List.of(), changes);
    return changes;
  }

  private static void diff(DataType actual, DataType wanted, List<String> path, List<SchemaChange> changes) {
    if (actual.equals(wanted)) {
      return;
    }
    if (actual instanceof DataType.Struct a && wanted instanceof DataType.Struct w) {
      for (Column field : w.fields()) {
        List<String> fieldPath = append(path, field.name());
        Column existing = a.field(field.name());
        if (existing == null) {
          changes.add(new AddColumn(fieldPath, field.type()));
        } else {
          diff(existing.type(), field.type(), fieldPath, changes);
        }
      }
    } else if (actual instanceof DataType.Array a && wanted instanceof DataType.Array w) {
      diff(a.element(), w.element(), append(path, "element"), changes);
    } else if (actual instanceof DataType.Map a && wanted instanceof DataType.Map w) {
      diff(a.value(), w.value(), append(path, "value"), changes);
    } else if (SchemaMerge.holds(wanted, actual)) {
      changes.add(new WidenColumn(path, wanted));
    }
    // Otherwise the table is already wider (another task widened it): its values hold ours.
  }

  private static List<String> append(List<String> path, String name) {
    List<String> longer = new ArrayList<>(path);
    longer.add(name);
    return List.copyOf(longer);
  }
}
