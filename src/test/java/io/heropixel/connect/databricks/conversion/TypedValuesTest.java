package io.heropixel.connect.databricks.conversion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.junit.jupiter.api.Test;

/** Decimal values against their declared precision and scale: a value that does not fit is its record's error. */
class TypedValuesTest {

  private static Object convert(Schema field, Object value) {
    Schema schema = SchemaBuilder.struct().field("v", field).build();
    DataType.Struct columns = ConnectTypes.struct(schema, java.util.Set.of());
    return TypedValues.of(new Struct(schema).put("v", value), columns)[0];
  }

  @Test
  void everyPrecisionTakesItsLargestValueAndRefusesOneDigitMore() {
    for (DataType.Decimal type : DecimalCases.TYPES) {
      Schema schema = DecimalCases.connectSchema(type);
      for (int n = 0; n < DecimalCases.RECORDS; n++) {
        BigDecimal value = DecimalCases.value(type, n);
        assertEquals(value, convert(schema, value), type.sql());
      }
      BigDecimal tooWide = DecimalCases.value(type, 1).add(BigDecimal.ONE.movePointLeft(type.scale()));
      ConversionException e = assertThrows(ConversionException.class, () -> convert(schema, tooWide), type.sql());
      assertEquals("Decimal " + tooWide.toPlainString() + " has more than " + type.precision()
          + " digits, so it does not fit " + type.sql(), e.getMessage());
    }
  }

  @Test
  void aValueWithMoreDecimalPlacesThanTheScaleIsRefusedNotRounded() {
    Schema schema = DecimalCases.connectSchema(new DataType.Decimal(10, 2));
    assertEquals(new BigDecimal("1.50"), convert(schema, new BigDecimal("1.5")));
    ConversionException e = assertThrows(ConversionException.class, () -> convert(schema, new BigDecimal("1.234")));
    assertEquals("Decimal 1.234 has more than 2 digits after the point, so it does not fit DECIMAL(10,2)",
        e.getMessage());
  }

  @Test
  void aNegativeScaleBecomesWholeNumbersWithRoomForItsDigits() {
    Schema schema = Decimal.builder(-3).parameter("connect.decimal.precision", "5").optional().build();
    assertEquals(new DataType.Decimal(8, 0), ConnectTypes.of(schema));
    assertEquals(new BigDecimal("99999000"), convert(schema, new BigDecimal("9.9999E+7")));
    assertEquals(new DataType.Decimal(38, 0), ConnectTypes.of(Decimal.builder(-2).optional().build()));
  }

  @Test
  void aPrecisionDatabricksDoesNotHaveIsTheRecordsError() {
    for (String precision : new String[] {"39", "0", "two"}) {
      Schema schema = Decimal.builder(0).parameter("connect.decimal.precision", precision).optional().build();
      assertThrows(ConversionException.class, () -> ConnectTypes.of(schema), precision);
    }
  }
}
