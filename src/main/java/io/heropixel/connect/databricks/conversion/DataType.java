package io.heropixel.connect.databricks.conversion;

import io.heropixel.connect.databricks.routing.Identifiers;
import java.math.BigInteger;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;

/**
 * A column type of a stream table, with its names in Databricks SQL, in the Delta log's schema and in
 * the schema of the staging Parquet files: the one place these three agree.
 */
public sealed interface DataType {

  /** The type in Databricks SQL DDL, e.g. {@code STRUCT<`a`: INT>}. */
  String sql();

  /** The type as JSON in a Delta log schema: a quoted name, or an object for nested types. */
  String deltaJson();

  /** The optional Parquet field of this type, named {@code name}, as Spark writes and reads it. */
  Type parquet(String name);

  /** Types without parameters or children. */
  enum Primitive implements DataType {
    BOOLEAN("boolean"),
    TINYINT("byte"),
    SMALLINT("short"),
    INT("integer"),
    BIGINT("long"),
    FLOAT("float"),
    DOUBLE("double"),
    STRING("string"),
    BINARY("binary"),
    DATE("date"),
    TIMESTAMP("timestamp");

    private final String delta;

    Primitive(String delta) {
      this.delta = delta;
    }

    @Override
    public String sql() {
      return name();
    }

    @Override
    public String deltaJson() {
      return "\"" + delta + "\"";
    }

    @Override
    public Type parquet(String name) {
      return switch (this) {
        case BOOLEAN -> Types.optional(PrimitiveTypeName.BOOLEAN).named(name);
        case TINYINT -> Types.optional(PrimitiveTypeName.INT32).as(LogicalTypeAnnotation.intType(8, true)).named(name);
        case SMALLINT -> Types.optional(PrimitiveTypeName.INT32).as(LogicalTypeAnnotation.intType(16, true))
            .named(name);
        case INT -> Types.optional(PrimitiveTypeName.INT32).named(name);
        case BIGINT -> Types.optional(PrimitiveTypeName.INT64).named(name);
        case FLOAT -> Types.optional(PrimitiveTypeName.FLOAT).named(name);
        case DOUBLE -> Types.optional(PrimitiveTypeName.DOUBLE).named(name);
        case STRING -> Types.optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(name);
        case BINARY -> Types.optional(PrimitiveTypeName.BINARY).named(name);
        case DATE -> Types.optional(PrimitiveTypeName.INT32).as(LogicalTypeAnnotation.dateType()).named(name);
        case TIMESTAMP -> Types.optional(PrimitiveTypeName.INT64)
            .as(LogicalTypeAnnotation.timestampType(true, LogicalTypeAnnotation.TimeUnit.MICROS)).named(name);
      };
    }

    /** Reads a type name as Databricks and Spark print it ({@code int}, {@code bigint}, {@code long}...). */
    static Primitive parse(String name) {
      return switch (name.toLowerCase(Locale.ROOT)) {
        case "boolean" -> BOOLEAN;
        case "tinyint", "byte" -> TINYINT;
        case "smallint", "short" -> SMALLINT;
        case "int", "integer" -> INT;
        case "bigint", "long" -> BIGINT;
        case "float", "real" -> FLOAT;
        case "double" -> DOUBLE;
        case "string" -> STRING;
        case "binary" -> BINARY;
        case "date" -> DATE;
        case "timestamp" -> TIMESTAMP;
        default -> throw new IllegalArgumentException("Unsupported column type '" + name + "'");
      };
    }
  }

  /**
   * In Parquet, in the physical form Spark writes and every reader reads: INT32 up to 9 digits, INT64 up to
   * 18, and above that a fixed-length array of the fewest bytes that hold the precision. Spark's vectorized
   * reader keeps a decimal of 18 digits or fewer in a long-backed vector and cannot fill it from BINARY.
   */
  record Decimal(int precision, int scale) implements DataType {
    public static final int MAX_PRECISION = 38;
    public static final int MAX_INT_DIGITS = 9;
    public static final int MAX_LONG_DIGITS = 18;

    public Decimal {
      if (precision < 1 || precision > MAX_PRECISION || scale < 0 || scale > precision) {
        throw new IllegalArgumentException("DECIMAL(" + precision + "," + scale + ") is not a Databricks decimal");
      }
    }

    /** By precision, the fewest bytes that hold every unscaled value of that precision, sign included. */
    private static final int[] FIXED_LENGTHS = new int[MAX_PRECISION + 1];

    static {
      for (int p = 1; p <= MAX_PRECISION; p++) {
        FIXED_LENGTHS[p] = BigInteger.TEN.pow(p).subtract(BigInteger.ONE).bitLength() / 8 + 1;
      }
    }

    /** The length of this decimal's FIXED_LEN_BYTE_ARRAY in Parquet (for more than 18 digits). */
    public int fixedLength() {
      return FIXED_LENGTHS[precision];
    }

    @Override
    public String sql() {
      return "DECIMAL(" + precision + "," + scale + ")";
    }

    @Override
    public String deltaJson() {
      return "\"decimal(" + precision + "," + scale + ")\"";
    }

    @Override
    public Type parquet(String name) {
      LogicalTypeAnnotation decimal = LogicalTypeAnnotation.decimalType(scale, precision);
      if (precision <= MAX_INT_DIGITS) {
        return Types.optional(PrimitiveTypeName.INT32).as(decimal).named(name);
      }
      if (precision <= MAX_LONG_DIGITS) {
        return Types.optional(PrimitiveTypeName.INT64).as(decimal).named(name);
      }
      return Types.optional(PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY).length(fixedLength()).as(decimal).named(name);
    }
  }

  /** In Parquet, a list of three levels: the optional list, a repeated group, the optional element. */
  record Array(DataType element) implements DataType {
    public static final String REPEATED = "list";
    public static final String ELEMENT = "element";

    @Override
    public String sql() {
      return "ARRAY<" + element.sql() + ">";
    }

    @Override
    public String deltaJson() {
      return "{\"type\":\"array\",\"elementType\":" + element.deltaJson() + ",\"containsNull\":true}";
    }

    @Override
    public Type parquet(String name) {
      return Types.optionalGroup().as(LogicalTypeAnnotation.listType())
          .addField(Types.repeatedGroup().addField(element.parquet(ELEMENT)).named(REPEATED))
          .named(name);
    }
  }

  /**
   * Maps have string keys, as JSON objects do. In Parquet: the optional map, a repeated group of key and
   * value, the required key, the optional value.
   */
  record Map(DataType value) implements DataType {
    public static final String REPEATED = "key_value";
    public static final String KEY = "key";
    public static final String VALUE = "value";

    @Override
    public String sql() {
      return "MAP<STRING, " + value.sql() + ">";
    }

    @Override
    public String deltaJson() {
      return "{\"type\":\"map\",\"keyType\":\"string\",\"valueType\":" + value.deltaJson()
          + ",\"valueContainsNull\":true}";
    }

    @Override
    public Type parquet(String name) {
      return Types.optionalGroup().as(LogicalTypeAnnotation.mapType())
          .addField(Types.repeatedGroup()
              .addField(Types.required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(KEY))
              .addField(value.parquet(VALUE))
              .named(REPEATED))
          .named(name);
    }
  }

  record Struct(List<Column> fields) implements DataType {
    public Struct {
      fields = List.copyOf(fields);
    }

    @Override
    public String sql() {
      return "STRUCT<" + fields.stream().map(f -> Identifiers.quote(f.name()) + ": " + f.type().sql())
          .collect(Collectors.joining(", ")) + ">";
    }

    @Override
    public String deltaJson() {
      return "{\"type\":\"struct\",\"fields\":[" + fields.stream().map(Column::deltaJson)
          .collect(Collectors.joining(",")) + "]}";
    }

    @Override
    public GroupType parquet(String name) {
      return new GroupType(Type.Repetition.OPTIONAL, name, fields.stream().map(Column::parquet).toList());
    }

    /** The field of this name, compared as Databricks does, without regard to case. */
    public Column field(String name) {
      return fields.stream().filter(f -> f.name().equalsIgnoreCase(name)).findFirst().orElse(null);
    }
  }
}
