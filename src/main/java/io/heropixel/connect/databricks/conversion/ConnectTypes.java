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
      return decimal(schema);
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

  /**
   * A Connect Decimal of scale s and precision p (38 when the schema does not say). A negative scale (values
   * such as 1E+3) has no Databricks form; its values are whole numbers of up to p - s digits, so it becomes
   * DECIMAL(p - s, 0).
   */
  private static DataType.Decimal decimal(Schema schema) {
    int scale;
    int precision;
    try {
      scale = Integer.parseInt(schema.parameters().get(Decimal.SCALE_FIELD));
      String declared = schema.parameters().get(PRECISION_PARAMETER);
      precision = declared == null ? DataType.Decimal.MAX_PRECISION : Integer.parseInt(declared);
      if (scale < 0) {
        precision = declared == null ? DataType.Decimal.MAX_PRECISION : precision - scale;
        scale = 0;
      }
    } catch (NumberFormatException e) {
      throw new ConversionException("The Decimal schema's parameters are not numbers: " + schema.parameters());
    }
    if (precision < 1 || precision > DataType.Decimal.MAX_PRECISION || scale > precision) {
      throw new ConversionException("Decimal(" + precision + "," + scale + ") does not fit Databricks' DECIMAL "
          + "(precision 1 to " + DataType.Decimal.MAX_PRECISION + ", scale 0 to the precision)");
    }
    return new DataType.Decimal(precision, scale);
  }
}
