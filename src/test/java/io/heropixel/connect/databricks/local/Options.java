package io.heropixel.connect.databricks.local;

import java.util.HashMap;
import java.util.Map;

/** The {@code --option value} pairs of the local mains. */
final class Options {

  private final Map<String, String> values;

  private Options(Map<String, String> values) {
    this.values = values;
  }

  static Options parse(String[] args) {
    Map<String, String> options = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      if (!args[i].startsWith("--") || i + 1 >= args.length) {
        throw new IllegalArgumentException("Expected --option value pairs, got: " + args[i]);
      }
      options.put(args[i], args[++i]);
    }
    return new Options(options);
  }

  String get(String name) {
    return values.get(name);
  }

  String getOrDefault(String name, String fallback) {
    return values.getOrDefault(name, fallback);
  }

  boolean has(String name) {
    return values.containsKey(name);
  }

  String required(String name) {
    String value = values.get(name);
    if (value == null) {
      throw new IllegalArgumentException(name + " is required");
    }
    return value;
  }
}
