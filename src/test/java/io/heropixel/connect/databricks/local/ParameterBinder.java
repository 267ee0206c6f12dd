package io.heropixel.connect.databricks.local;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Runs a statement with its parameters through Spark's own parameterized SQL, so values are bound
 * as typed literals and never spliced into the SQL text.
 */
final class ParameterBinder {

  private ParameterBinder() {}

  static Dataset<Row> sql(SparkSession session, String sql, List<StatementParameter> parameters) {
    if (parameters.isEmpty()) {
      return session.sql(sql);
    }
    if (parameters.stream().allMatch(p -> p.name() != null && !p.name().isEmpty())) {
      Map<String, Object> named = new LinkedHashMap<>();
      parameters.forEach(p -> named.put(p.name(), toJava(p)));
      return session.sql(sql, named);
    }
    Object[] positional =
        parameters.stream()
            .sorted(Comparator.comparing(StatementParameter::ordinal))
            .map(ParameterBinder::toJava)
            .toArray();
    return session.sql(sql, positional);
  }

  /** Converts the wire string to the Java value Spark turns into a literal of the right type. */
  static Object toJava(StatementParameter p) {
    String value = p.value();
    if (value == null) {
      return null;
    }
    String type = p.type() == null ? "STRING" : p.type().toUpperCase(Locale.ROOT);
    String base = type.contains("(") ? type.substring(0, type.indexOf('(')) : type;
    return switch (base) {
      case "BOOLEAN" -> Boolean.parseBoolean(value);
      case "BYTE", "TINYINT" -> Byte.parseByte(value);
      case "SHORT", "SMALLINT" -> Short.parseShort(value);
      case "INT", "INTEGER" -> Integer.parseInt(value);
      case "LONG", "BIGINT" -> Long.parseLong(value);
      case "FLOAT", "REAL" -> Float.parseFloat(value);
      case "DOUBLE" -> Double.parseDouble(value);
      case "DECIMAL", "NUMERIC", "DEC" -> new BigDecimal(value);
      case "DATE" -> LocalDate.parse(value);
      // Sessions run in UTC, as Databricks SQL warehouses do by default.
      case "TIMESTAMP" -> timestamp(value).toInstant(ZoneOffset.UTC);
      case "TIMESTAMP_NTZ" -> timestamp(value);
      case "BINARY" -> Base64.getDecoder().decode(value);
      case "VOID", "NULL" -> null;
      default -> value;
    };
  }

  private static LocalDateTime timestamp(String value) {
    String text = value.trim();
    return text.indexOf('T') > 0
        ? LocalDateTime.parse(text.endsWith("Z") ? text.substring(0, text.length() - 1) : text)
        : Timestamp.valueOf(text).toLocalDateTime();
  }
}
