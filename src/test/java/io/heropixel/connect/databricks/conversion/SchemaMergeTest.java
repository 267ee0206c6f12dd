package io.heropixel.connect.databricks.conversion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.heropixel.connect.databricks.conversion.DataType.Primitive;
import java.util.List;
import java.util.Set;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.junit.jupiter.api.Test;

class SchemaMergeTest {

  private static DataType.Struct struct(Column... columns) {
    return new DataType.Struct(List.of(columns));
  }

  private static Column col(String name, DataType type) {
    return new Column(name, type, true);
  }

  @Test
  void newFieldsAndWiderTypesNeedEvolution() {
    DataType.Struct table = struct(col("id", Primitive.INT), col("name", Primitive.STRING));
    DataType.Struct record = struct(col("id", Primitive.BIGINT), col("name", Primitive.STRING),
        col("email", Primitive.STRING));
    assertEquals(struct(col("id", Primitive.BIGINT), col("name", Primitive.STRING), col("email", Primitive.STRING)),
        SchemaMerge.merge(table, record, true));
    ConversionException off = assertThrows(ConversionException.class, () -> SchemaMerge.merge(table, record, false));
    assertTrue(off.getMessage().contains("`id`") && off.getMessage().contains("schema.evolution.enabled"),
        off.getMessage());
  }

  @Test
  void narrowerAndMissingFieldsFitAsTheyAre() {
    DataType.Struct table = struct(col("id", Primitive.BIGINT), col("score", Primitive.DOUBLE),
        col("gone", Primitive.STRING));
    DataType.Struct record = struct(col("ID", Primitive.INT), col("score", Primitive.FLOAT));
    assertEquals(table, SchemaMerge.merge(table, record, false));
  }

  @Test
  void incompatibleChangesAreErrorsEvenWithEvolution() {
    DataType.Struct table = struct(col("n", Primitive.STRING));
    ConversionException e = assertThrows(ConversionException.class,
        () -> SchemaMerge.merge(table, struct(col("n", Primitive.INT)), true));
    assertEquals("Column `n` is STRING in the table but INT in the record, an incompatible change", e.getMessage());
    assertThrows(ConversionException.class,
        () -> SchemaMerge.merge(struct(col("n", Primitive.BIGINT)), struct(col("n", Primitive.DOUBLE)), true));
  }

  @Test
  void nestedStructsGrowFieldByField() {
    DataType.Struct table = struct(col("a", struct(col("x", Primitive.INT))));
    DataType.Struct record = struct(col("a", struct(col("x", Primitive.INT), col("y", Primitive.STRING))));
    assertEquals(record, SchemaMerge.merge(table, record, true));
    assertThrows(ConversionException.class, () -> SchemaMerge.merge(table, record, false));
  }

  @Test
  void connectSchemasBecomeColumns() {
    Schema schema = SchemaBuilder.struct()
        .field("id", Schema.INT64_SCHEMA)
        .field("first name", Schema.OPTIONAL_STRING_SCHEMA)
        .field("ID", Schema.INT32_SCHEMA)
        .field("_airbyte_data", Schema.STRING_SCHEMA)
        .field("price", Decimal.builder(2).parameter("connect.decimal.precision", "10").build())
        .field("tags", SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.INT16_SCHEMA).build())
        .build();
    DataType.Struct columns = ConnectTypes.struct(schema, Set.of("_airbyte_data"));
    assertEquals(List.of(col("id", Primitive.BIGINT), col("first_name", Primitive.STRING), col("ID_1", Primitive.INT),
        col("_airbyte_data_1", Primitive.STRING), col("price", new DataType.Decimal(10, 2)),
        col("tags", new DataType.Map(Primitive.SMALLINT))), columns.fields());
  }

  @Test
  void describedTypesAreReadBack() {
    assertEquals(struct(col("a b", new DataType.Array(Primitive.INT)), col("c", new DataType.Decimal(10, 2)),
            col("m", new DataType.Map(Primitive.BIGINT))),
        TypeParser.parse("struct<`a b`:array<int>,c:decimal(10,2),m:map<string,bigint>>"));
    assertEquals(Primitive.TIMESTAMP, TypeParser.parse("timestamp"));
    assertThrows(IllegalArgumentException.class, () -> TypeParser.parse("struct<a:int"));
  }
}
