package io.heropixel.connect.databricks.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Enum-valued keys: parsed without regard to case, and an unknown value is an error, never a default. */
final class ConfigEnums {

  private ConfigEnums() {}

  static <E extends Enum<E>> E parse(Class<E> type, String value, String what) {
    try {
      return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new IllegalArgumentException("Unknown " + what + " '" + value + "'; expected one of " + names(type));
    }
  }

  /** The values as users write them: lower case, except where the doc spells them upper case. */
  static <E extends Enum<E>> String names(Class<E> type) {
    return Arrays.stream(type.getEnumConstants()).map(ConfigEnums::configValue).collect(Collectors.joining(", "));
  }

  static String configValue(Enum<?> value) {
    return value instanceof DataSourceType ? value.name() : value.name().toLowerCase(Locale.ROOT);
  }
}
