package io.heropixel.connect.databricks.conversion;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;

/**
 * Column types from Connect schemas; only the Connect Schema is read, never a converter's classes, so
 * any converter works (JSON with schemas, Avro, Protobuf, of any vendor). See docs/types.md.
 */
public final class ConnectTypes {

  /** Decimal precision when the schema does not say (Confluent's and Apicurio's converters set this parameter). */
  static final String PRECISION_PARAMETER = "connect.decimal.precision";
  static final int MAX_PRECISION = 38;

  private ConnectTypes() {}

  /** The columns of a struct schema's fields, named by {@link ColumnNames}. */
  public static DataType.Struct struct(Schema schema, Set<String> reservedNames) {
    List<Field> fields = schema.fields();
    List<String> names = ColumnNames.of(fields.stream().map(Field::name).toList(), reservedNames);
    List<Column> columns = new ArrayList<>(fields.size());
    for (int i = 0; i < fields.size(); i++) {
      columns.add(new Column(names.get(i), of(fields.get(i).schema()), true));
    }
    return new DataType.Struct(columns);
  }

  public static DataType of(Schema schema) {
    String logical = schema.name();
    if (Decimal.LOGICAL_NAME.equals(logical)) {
      int scale = Integer.parseInt(schema.parameters().get(Decimal.SCALE_FIELD));
      String precision = schema.parameters() == null ? null : schema.parameters().get(PRECISION_PARAMETER);
      int p = precision == null ? MAX_PRECISION : Integer.parseInt(precision);
      if (p > MAX_PRECISION || scale > p) {
        throw new ConversionException("Decimal(" + p + "," + scale + ") does not fit Databricks' DECIMAL (precision "
            + "at most " + MAX_PRECISION + ", scale at most the precision)");
      }
      return new DataType.Decimal(p, scale);
    }
    if (Date.LOGICAL_NAME.equals(logical)) {
      return DataType.Primitive.DATE;
    }
    if (Timestamp.LOGICAL_NAME.equals(logical)) {
      return DataType.Primitive.TIMESTAMP;
    }
    if (Time.LOGICAL_NAME.equals(logical)) {
      return DataType.Primitive.STRING; // Databricks has no time-of-day type: HH:mm:ss.SSS
    }
    return switch (schema.type()) {
      case INT8 -> DataType.Primitive.TINYINT;
      case INT16 -> DataType.Primitive.SMALLINT;
      case INT32 -> DataType.Primitive.INT;
      case INT64 -> DataType.Primitive.BIGINT;
      case FLOAT32 -> DataType.Primitive.FLOAT;
      case FLOAT64 -> DataType.Primitive.DOUBLE;
      case BOOLEAN -> DataType.Primitive.BOOLEAN;
      case STRING -> DataType.Primitive.STRING;
      case BYTES -> DataType.Primitive.BINARY;
      case ARRAY -> new DataType.Array(of(schema.valueSchema()));
      case MAP -> new DataType.Map(of(schema.valueSchema()));
      case STRUCT -> struct(schema, Set.of());
    };
  }
}
