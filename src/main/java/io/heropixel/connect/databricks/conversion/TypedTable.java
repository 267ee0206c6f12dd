package io.heropixel.connect.databricks.conversion;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;

/**
 * The typed columns of one table as this task knows them, grown by the records it converts. The first
 * record of a table without typed columns lays them out; later records are merged by {@link SchemaMerge}.
 */
public final class TypedTable {

  /** The connector's own columns: a field of one of these names gets a suffix. */
  private static final Set<String> RESERVED = StreamSchema.RAW.stream()
      .map(c -> c.name().toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());

  /** What a record schema becomes: its columns, and the table columns it was last found to fit. */
  private static final class Shape {
    final DataType.Struct columns;
    final List<String> names;
    DataType.Struct fits;

    Shape(DataType.Struct columns) {
      this.columns = columns;
      this.names = columns.fields().stream().map(Column::name).toList();
    }
  }

  private final boolean evolve;
  /** Converters reuse one Schema object per schema version, so shapes are kept by identity. */
  private final Map<Schema, Shape> shapes = new IdentityHashMap<>();
  private DataType.Struct columns;
  private long version;

  public TypedTable(List<Column> columns, boolean evolve) {
    this.columns = new DataType.Struct(columns);
    this.evolve = evolve;
  }

  /** The typed columns: those the table had, and those records added since. */
  public List<Column> columns() {
    return columns.fields();
  }

  /** Grows with every change of {@link #columns()}, so callers can tell when to alter the table. */
  public long version() {
    return version;
  }

  /**
   * @throws ConversionException when the value's fields do not fit the table's columns
   */
  public StreamRow.Fields fields(Struct value) {
    Shape shape = shapes.computeIfAbsent(value.schema(), s -> new Shape(ConnectTypes.struct(s, RESERVED)));
    if (shape.fits != columns) {
      DataType.Struct merged = columns.fields().isEmpty() ? shape.columns
          : SchemaMerge.merge(columns, shape.columns, evolve);
      if (!merged.equals(columns)) {
        columns = merged;
        version++;
      }
      shape.fits = columns;
    }
    return new StreamRow.Fields(shape.names, TypedValues.of(value, shape.columns));
  }
}
