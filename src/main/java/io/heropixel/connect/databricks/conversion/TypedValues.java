package io.heropixel.connect.databricks.conversion;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;

/**
 * Connect values in neutral Java forms that any later column type can take: integers as Integer or Long,
 * floating point as Float or Double, decimals as BigDecimal, dates as Integer days, timestamps as Long
 * microseconds, times as "HH:mm:ss.SSS" strings, bytes as ByteBuffer, arrays as List, maps and structs as
 * Map keyed by column name. Staging turns them into the table's column types.
 */
public final class TypedValues {

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

  private TypedValues() {}

  /** The values of a struct's fields in field order, for the columns {@code columns} names them. */
  public static Object[] of(Struct struct, DataType.Struct columns) {
    List<Field> fields = struct.schema().fields();
    Object[] values = new Object[fields.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = value(fields.get(i).schema(), struct.get(fields.get(i)), columns.fields().get(i).type());
    }
    return values;
  }

  private static Object value(Schema schema, Object value, DataType type) {
    if (value == null) {
      return null;
    }
    String logical = schema.name();
    if (Decimal.LOGICAL_NAME.equals(logical)) {
      return decimal((BigDecimal) value, (DataType.Decimal) type);
    }
    if (org.apache.kafka.connect.data.Date.LOGICAL_NAME.equals(logical)) {
      return (int) Math.floorDiv(((Date) value).getTime(), 86_400_000L);
    }
    if (Timestamp.LOGICAL_NAME.equals(logical)) {
      return Math.multiplyExact(((Date) value).getTime(), 1000L);
    }
    if (Time.LOGICAL_NAME.equals(logical)) {
      return TIME.format(((Date) value).toInstant());
    }
    return switch (schema.type()) {
      case INT8 -> ((Byte) value).intValue();
      case INT16 -> ((Short) value).intValue();
      case BYTES -> value instanceof byte[] bytes ? ByteBuffer.wrap(bytes) : value;
      case ARRAY -> {
        DataType element = ((DataType.Array) type).element();
        List<Object> list = new ArrayList<>();
        for (Object item : (List<?>) value) {
          list.add(value(schema.valueSchema(), item, element));
        }
        yield list;
      }
      case MAP -> {
        DataType valueType = ((DataType.Map) type).value();
        Map<String, Object> map = new LinkedHashMap<>();
        ((Map<?, ?>) value).forEach((k, v) -> map.put(String.valueOf(k), value(schema.valueSchema(), v, valueType)));
        yield map;
      }
      case STRUCT -> {
        DataType.Struct columns = (DataType.Struct) type;
        Struct struct = (Struct) value;
        Map<String, Object> map = new LinkedHashMap<>();
        List<Field> fields = schema.fields();
        for (int i = 0; i < fields.size(); i++) {
          Column column = columns.fields().get(i);
          map.put(column.name(), value(fields.get(i).schema(), struct.get(fields.get(i)), column.type()));
        }
        yield map;
      }
      default -> value;
    };
  }

  /** The value at its column's scale, which staging writes as the unscaled number; it must fit the precision. */
  private static BigDecimal decimal(BigDecimal value, DataType.Decimal type) {
    BigDecimal scaled;
    try {
      scaled = value.setScale(type.scale(), RoundingMode.UNNECESSARY);
    } catch (ArithmeticException e) {
      throw new ConversionException("Decimal " + value.toPlainString() + " has more than " + type.scale()
          + " digits after the point, so it does not fit " + type.sql());
    }
    if (scaled.precision() > type.precision()) {
      throw new ConversionException("Decimal " + value.toPlainString() + " has more than " + type.precision()
          + " digits, so it does not fit " + type.sql());
    }
    return scaled;
  }
}
