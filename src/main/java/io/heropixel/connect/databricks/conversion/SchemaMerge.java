package io.heropixel.connect.databricks.conversion;

import io.heropixel.connect.databricks.conversion.DataType.Primitive;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How a record's columns fit a table's: the table's columns after the record, or why it cannot fit.
 * A new field becomes a new nullable column and a narrower column is widened only with schema evolution
 * on; a field the table holds in a wider type fits as it is; a field the record lacks loads as NULL; any
 * other change is incompatible. Widenings are those Delta's type widening allows.
 */
public final class SchemaMerge {

  private static final Map<Primitive, Set<Primitive>> WIDER = Map.of(
      Primitive.TINYINT, Set.of(Primitive.SMALLINT, Primitive.INT, Primitive.BIGINT, Primitive.DOUBLE),
      Primitive.SMALLINT, Set.of(Primitive.INT, Primitive.BIGINT, Primitive.DOUBLE),
      Primitive.INT, Set.of(Primitive.BIGINT, Primitive.DOUBLE),
      Primitive.FLOAT, Set.of(Primitive.DOUBLE));

  private SchemaMerge() {}

  /** Whether a column of type {@code to} holds every value of type {@code from}. */
  public static boolean holds(DataType to, DataType from) {
    if (to.equals(from)) {
      return true;
    }
    if (from instanceof Primitive f && to instanceof Primitive t) {
      return WIDER.getOrDefault(f, Set.of()).contains(t);
    }
    return from instanceof DataType.Decimal f && to instanceof DataType.Decimal t
        && f.scale() == t.scale() && f.precision() <= t.precision();
  }

  /**
   * @throws ConversionException naming the column and both types when the record does not fit
   */
  public static DataType.Struct merge(DataType.Struct table, DataType.Struct record, boolean evolve) {
    return (DataType.Struct) merge(table, record, evolve, "");
  }

  private static DataType merge(DataType table, DataType record, boolean evolve, String path) {
    if (holds(table, record)) {
      return table;
    }
    if (holds(record, table)) {
      return evolved(table, record, evolve, path);
    }
    if (table instanceof DataType.Struct t && record instanceof DataType.Struct r) {
      List<Column> fields = new ArrayList<>(t.fields());
      for (Column field : r.fields()) {
        Column existing = t.field(field.name());
        String fieldPath = path.isEmpty() ? field.name() : path + "." + field.name();
        if (existing == null) {
          evolved(null, field.type(), evolve, fieldPath);
          fields.add(new Column(field.name(), field.type(), true));
        } else {
          DataType merged = merge(existing.type(), field.type(), evolve, fieldPath);
          fields.set(fields.indexOf(existing), new Column(existing.name(), merged, existing.nullable()));
        }
      }
      return new DataType.Struct(fields);
    }
    if (table instanceof DataType.Array t && record instanceof DataType.Array r) {
      return new DataType.Array(merge(t.element(), r.element(), evolve, path + ".element"));
    }
    if (table instanceof DataType.Map t && record instanceof DataType.Map r) {
      return new DataType.Map(merge(t.value(), r.value(), evolve, path + ".value"));
    }
    throw new ConversionException("Column `" + path + "` is " + table.sql() + " in the table but " + record.sql()
        + " in the record, an incompatible change");
  }

  private static DataType evolved(DataType table, DataType record, boolean evolve, String path) {
    if (!evolve) {
      throw new ConversionException(table == null
          ? "The record has field `" + path + "` (" + record.sql() + ") that the table lacks, and schema.evolution."
              + "enabled is false"
          : "Column `" + path + "` is " + table.sql() + " in the table but " + record.sql() + " in the record; "
              + "widening it needs schema.evolution.enabled=true");
    }
    return record;
  }
}
