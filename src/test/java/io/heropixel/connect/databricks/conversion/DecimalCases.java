package io.heropixel.connect.databricks.conversion;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;

/**
 * Connect Decimals of every precision Databricks has (1 to 38), each with scale 0, 2 and the precision itself,
 * as fields of one struct, and records whose fields take each precision's edge values.
 */
public final class DecimalCases {

  /** The values each record puts in every field: zero, the largest, its negative, minus one unit, one unit. */
  public static final int RECORDS = 5;

  public static final List<DataType.Decimal> TYPES = types();
  public static final Schema SCHEMA = schema();

  private DecimalCases() {}

  private static List<DataType.Decimal> types() {
    List<DataType.Decimal> types = new ArrayList<>();
    for (int p = 1; p <= DataType.Decimal.MAX_PRECISION; p++) {
      for (int s : new int[] {0, 2, p}) {
        DataType.Decimal type = new DataType.Decimal(p, Math.min(s, p));
        if (!types.contains(type)) {
          types.add(type);
        }
      }
    }
    return List.copyOf(types);
  }

  public static String field(DataType.Decimal type) {
    return "d" + type.precision() + "_" + type.scale();
  }

  /** A Connect Decimal declaring its precision as Debezium's and the Avro converters' schemas do. */
  public static Schema connectSchema(DataType.Decimal type) {
    return Decimal.builder(type.scale()).parameter("connect.decimal.precision", Integer.toString(type.precision()))
        .optional().build();
  }

  private static Schema schema() {
    SchemaBuilder builder = SchemaBuilder.struct().name("decimals");
    for (DataType.Decimal type : TYPES) {
      builder.field(field(type), connectSchema(type));
    }
    return builder.build();
  }

  /** Record {@code n}'s value of a decimal type, computed from the precision alone. */
  public static BigDecimal value(DataType.Decimal type, int n) {
    BigInteger largest = BigInteger.TEN.pow(type.precision()).subtract(BigInteger.ONE);
    BigInteger unscaled = switch (n) {
      case 0 -> BigInteger.ZERO;
      case 1 -> largest;
      case 2 -> largest.negate();
      case 3 -> BigInteger.ONE.negate();
      case 4 -> BigInteger.ONE;
      default -> throw new IllegalArgumentException("record " + n);
    };
    return new BigDecimal(unscaled, type.scale());
  }

  public static Struct record(int n) {
    Struct struct = new Struct(SCHEMA);
    for (DataType.Decimal type : TYPES) {
      struct.put(field(type), value(type, n));
    }
    return struct;
  }
}
