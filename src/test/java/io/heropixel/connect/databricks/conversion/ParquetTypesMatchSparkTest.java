package io.heropixel.connect.databricks.conversion;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.execution.datasources.parquet.SparkToParquetSchemaConverter;
import org.apache.spark.sql.internal.SQLConf;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.junit.jupiter.api.Test;

/**
 * Each column type's staging Parquet field is the field Spark 4 itself writes for the column's Delta type
 * (read from {@link DataType#deltaJson()}), in its standard layout with timestamps as TIMESTAMP_MICROS: the
 * form every Parquet reader reads. (Spark's own default for timestamps is the deprecated INT96.)
 */
class ParquetTypesMatchSparkTest {

  private static final DataType.Struct POINT = new DataType.Struct(List.of(
      new Column("x", DataType.Primitive.DOUBLE, true),
      new Column("amount", new DataType.Decimal(7, 2), true),
      new Column("tags", new DataType.Array(DataType.Primitive.STRING), true),
      new Column("counts", new DataType.Map(DataType.Primitive.BIGINT), true)));

  @Test
  void everyColumnTypeIsStagedAsSparkWritesIt() {
    SQLConf conf = new SQLConf();
    conf.setConfString("spark.sql.parquet.outputTimestampType", "TIMESTAMP_MICROS");
    conf.setConfString("spark.sql.parquet.writeLegacyFormat", "false");
    SparkToParquetSchemaConverter spark = new SparkToParquetSchemaConverter(conf);

    List<DataType> types = new ArrayList<>(List.of(DataType.Primitive.values()));
    types.addAll(DecimalCases.TYPES);
    types.add(new DataType.Array(new DataType.Decimal(12, 2)));
    types.add(new DataType.Array(new DataType.Array(DataType.Primitive.INT)));
    types.add(new DataType.Array(POINT));
    types.add(new DataType.Map(new DataType.Decimal(30, 5)));
    types.add(new DataType.Map(POINT));
    types.add(POINT);
    for (DataType type : types) {
      StructField field = new StructField("c", org.apache.spark.sql.types.DataType.fromJson(type.deltaJson()), true,
          Metadata.empty());
      assertEquals(spark.convertField(field), type.parquet("c"), type.sql());
    }
  }
}
