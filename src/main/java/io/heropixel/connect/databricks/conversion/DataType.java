package io.heropixel.connect.databricks.conversion;

import io.heropixel.connect.databricks.routing.Identifiers;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;

/**
 * A column type of a stream table, with its names in Databricks SQL, in the Delta log's schema and in
 * the Avro schema the staging Parquet files are written with: the one place these three agree.
 */
public sealed interface DataType {

  /** The type in Databricks SQL DDL, e.g. {@code STRUCT<`a`: INT>}. */
  String sql();

  /** The type as JSON in a Delta log schema: a quoted name, or an object for nested types. */
  String deltaJson();

  /**
   * The Avro schema of a value of this type (without nullability).
   *
   * @param path a name unique within the row, for the Avro names of nested records
   */
  Schema avro(String path);

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
    public Schema avro(String path) {
      return switch (this) {
        case BOOLEAN -> Schema.create(Schema.Type.BOOLEAN);
        case TINYINT, SMALLINT, INT -> Schema.create(Schema.Type.INT);
        case BIGINT -> Schema.create(Schema.Type.LONG);
        case FLOAT -> Schema.create(Schema.Type.FLOAT);
        case DOUBLE -> Schema.create(Schema.Type.DOUBLE);
        case STRING -> Schema.create(Schema.Type.STRING);
        case BINARY -> Schema.create(Schema.Type.BYTES);
        case DATE -> LogicalTypes.date().addToSchema(Schema.create(Schema.Type.INT));
        case TIMESTAMP -> LogicalTypes.timestampMicros().addToSchema(Schema.create(Schema.Type.LONG));
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

  record Decimal(int precision, int scale) implements DataType {
    @Override
    public String sql() {
      return "DECIMAL(" + precision + "," + scale + ")";
    }

    @Override
    public String deltaJson() {
      return "\"decimal(" + precision + "," + scale + ")\"";
    }

    @Override
    public Schema avro(String path) {
      return LogicalTypes.decimal(precision, scale).addToSchema(Schema.create(Schema.Type.BYTES));
    }
  }

  record Array(DataType element) implements DataType {
    @Override
    public String sql() {
      return "ARRAY<" + element.sql() + ">";
    }

    @Override
    public String deltaJson() {
      return "{\"type\":\"array\",\"elementType\":" + element.deltaJson() + ",\"containsNull\":true}";
    }

    @Override
    public Schema avro(String path) {
      return Schema.createArray(nullable(element.avro(path + "_e")));
    }
  }

  /** Maps have string keys in Avro, and so here. */
  record Map(DataType value) implements DataType {
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
    public Schema avro(String path) {
      return Schema.createMap(nullable(value.avro(path + "_v")));
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
    public Schema avro(String path) {
      List<Schema.Field> avroFields = fields.stream()
          .map(f -> new Schema.Field(f.name(), nullable(f.type().avro(path + "_" + f.name())), null,
              Schema.Field.NULL_DEFAULT_VALUE))
          .toList();
      return Schema.createRecord(avroName(path), null, "io.heropixel.row", false, avroFields);
    }

    /** The field of this name, compared as Databricks does, without regard to case. */
    public Column field(String name) {
      return fields.stream().filter(f -> f.name().equalsIgnoreCase(name)).findFirst().orElse(null);
    }
  }

  static Schema nullable(Schema schema) {
    return Schema.createUnion(Schema.create(Schema.Type.NULL), schema);
  }

  /** Avro names allow only [A-Za-z0-9_]; field names may hold anything, so record names are derived. */
  private static String avroName(String path) {
    return "r" + path.replaceAll("[^A-Za-z0-9_]", "_");
  }
}
