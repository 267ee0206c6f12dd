package io.heropixel.connect.databricks.routing;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Maps topics to stream tables. A topic listed in the map gets the schema and table named there;
 * any other topic gets the default schema and a table named after the topic. Two topics may never
 * land in one table: each table holds one topic's offsets, which is what recovery relies on.
 */
public final class TableRouter {

  private final String catalog;
  private final String defaultSchema;
  private final Map<String, TableId> explicit;
  private final Map<String, TableId> routed = new ConcurrentHashMap<>();
  private final Map<TableId, String> owners = new ConcurrentHashMap<>();

  public TableRouter(String catalog, String defaultSchema, Map<String, String> topicToTable) {
    this.catalog = Identifiers.validate(catalog);
    this.defaultSchema = Identifiers.validate(catalog, defaultSchema);
    Map<String, TableId> parsed = new LinkedHashMap<>();
    topicToTable.forEach((topic, target) -> parsed.put(topic, parseTarget(topic, target)));
    this.explicit = Map.copyOf(parsed);
  }

  /** Parses {@code topic:table,topic:schema.table}; whitespace around entries is ignored. */
  public static Map<String, String> parseMap(List<String> entries) {
    Map<String, String> map = new HashMap<>();
    for (String entry : entries) {
      String trimmed = entry.trim();
      if (trimmed.isEmpty()) {
        continue;
      }
      int colon = trimmed.lastIndexOf(':');
      if (colon <= 0 || colon == trimmed.length() - 1) {
        throw new IllegalArgumentException("Entry '" + trimmed + "' is not of the form topic:table or topic:schema.table");
      }
      String topic = trimmed.substring(0, colon).trim();
      if (map.put(topic, trimmed.substring(colon + 1).trim()) != null) {
        throw new IllegalArgumentException("Topic '" + topic + "' is mapped more than once");
      }
    }
    return map;
  }

  private TableId parseTarget(String topic, String target) {
    String[] parts = target.split("\\.", -1);
    try {
      return switch (parts.length) {
        case 1 -> new TableId(catalog, defaultSchema, parts[0]);
        case 2 -> new TableId(catalog, parts[0], parts[1]);
        default -> throw new IllegalArgumentException("expected table or schema.table");
      };
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("Bad table '" + target + "' for topic '" + topic + "': " + e.getMessage());
    }
  }

  /**
   * The table of a topic.
   *
   * @throws IllegalArgumentException when the topic's table is already taken by another topic
   */
  public TableId route(String topic) {
    TableId id = routed.get(topic);
    if (id != null) {
      return id;
    }
    TableId candidate = explicit.containsKey(topic)
        ? explicit.get(topic)
        : new TableId(catalog, defaultSchema, Identifiers.streamName(topic));
    String owner = owners.putIfAbsent(key(candidate), topic);
    if (owner != null && !owner.equals(topic)) {
      throw new IllegalArgumentException("Topics '" + owner + "' and '" + topic + "' would both be written to table "
          + candidate + "; map one of them to another table with topic2table.map");
    }
    routed.put(topic, candidate);
    return candidate;
  }

  /** Databricks compares names case-insensitively, so collisions are found on lower-cased names. */
  private static TableId key(TableId id) {
    return new TableId(id.catalog().toLowerCase(Locale.ROOT), id.schema().toLowerCase(Locale.ROOT),
        id.table().toLowerCase(Locale.ROOT));
  }
}
