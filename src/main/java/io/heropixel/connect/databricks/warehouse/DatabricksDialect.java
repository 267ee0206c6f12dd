package io.heropixel.connect.databricks.warehouse;

import static io.heropixel.connect.databricks.conversion.StreamSchema.KAFKA_OFFSET;
import static io.heropixel.connect.databricks.conversion.StreamSchema.KAFKA_PARTITION;
import static io.heropixel.connect.databricks.conversion.StreamSchema.KAFKA_TOPIC;

import io.heropixel.connect.databricks.conversion.Column;
import io.heropixel.connect.databricks.routing.Identifiers;
import io.heropixel.connect.databricks.routing.TableId;
import io.heropixel.connect.databricks.staging.CsvStagingFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.common.TopicPartition;

/**
 * Every SQL statement the connector sends, in the dialect that Databricks SQL and open-source Spark with
 * Delta Lake both accept. Nothing outside this class writes SQL text.
 */
public final class DatabricksDialect {

  /** The table property that records which deployment last replaced a table (full refresh). */
  public static final String REFRESHED_BY_PROPERTY = "heropixel.sink.refreshed.by";

  public String createSchema(TableId table) {
    return "CREATE SCHEMA IF NOT EXISTS " + table.quotedSchema();
  }

  /**
   * Typed tables allow Delta's type widening, so a column can grow from INT to BIGINT in place.
   *
   * @param location the table's data location; null for a managed table
   */
  public String createTable(TableId table, List<Column> columns, String location, boolean typeWidening) {
    return "CREATE TABLE IF NOT EXISTS " + table.quoted() + " (" + columnDefinitions(columns) + ") USING DELTA"
        + locationClause(location) + properties(typeWidening, null);
  }

  /** Replaces the table's schema and data in one Delta commit, marking it as refreshed by a deployment. */
  public String replaceTable(TableId table, List<Column> columns, String location, boolean typeWidening,
      String deployment) {
    return "CREATE OR REPLACE TABLE " + table.quoted() + " (" + columnDefinitions(columns) + ") USING DELTA"
        + locationClause(location) + properties(typeWidening, deployment);
  }

  private static String properties(boolean typeWidening, String deployment) {
    List<String> properties = new ArrayList<>();
    if (typeWidening) {
      properties.add("'delta.enableTypeWidening' = 'true'");
    }
    if (deployment != null) {
      properties.add(literal(REFRESHED_BY_PROPERTY) + " = " + literal(deployment));
    }
    return properties.isEmpty() ? "" : " TBLPROPERTIES (" + String.join(", ", properties) + ")";
  }

  /** Answers (col_name, data_type, comment) rows, the columns first. */
  public String describeTable(TableId table) {
    return "DESCRIBE TABLE " + table.quoted();
  }

  /** The statements that make the changes: all new columns in one statement, then each widening. */
  public List<String> alterTable(TableId table, List<SchemaChange> changes) {
    List<String> statements = new ArrayList<>();
    String added = changes.stream().filter(c -> c instanceof SchemaChange.AddColumn)
        .map(c -> columnPath(c) + " " + c.type().sql()).collect(Collectors.joining(", "));
    if (!added.isEmpty()) {
      statements.add("ALTER TABLE " + table.quoted() + " ADD COLUMNS (" + added + ")");
    }
    changes.stream().filter(c -> c instanceof SchemaChange.WidenColumn).forEach(c -> statements.add(
        "ALTER TABLE " + table.quoted() + " ALTER COLUMN " + columnPath(c) + " TYPE " + c.type().sql()));
    return statements;
  }

  private static String columnPath(SchemaChange change) {
    return change.path().stream().map(DatabricksDialect::q).collect(Collectors.joining("."));
  }

  /** Answers rows of (key, value); a missing property answers a row whose value says so. */
  public String showTableProperties(TableId table) {
    return "SHOW TBLPROPERTIES " + table.quoted();
  }

  /** Answers one row per table of a schema, the table's name second. */
  public String showTables(TableId anyTableOfTheSchema) {
    return "SHOW TABLES IN " + anyTableOfTheSchema.quotedSchema();
  }

  /**
   * Answers (index, partition, max offset) rows: for each table, by its index in the list, the highest
   * offset of its topic's rows per partition. One statement for many tables keeps a task that owns
   * hundreds of streams from spending minutes of round trips when partitions are assigned.
   */
  public String maxOffsets(List<Map.Entry<TableId, String>> tablesAndTopics) {
    List<String> selects = new ArrayList<>();
    for (int i = 0; i < tablesAndTopics.size(); i++) {
      Map.Entry<TableId, String> entry = tablesAndTopics.get(i);
      selects.add("SELECT " + i + " AS i, " + q(KAFKA_PARTITION) + " AS p, MAX(" + q(KAFKA_OFFSET) + ") AS o FROM "
          + entry.getKey().quoted() + " WHERE " + q(KAFKA_TOPIC) + " = " + literal(entry.getValue())
          + " GROUP BY " + q(KAFKA_PARTITION));
    }
    return String.join(" UNION ALL ", selects);
  }

  public String currentCatalog() {
    return "SELECT current_catalog()";
  }

  /** Creates the Unity Catalog volume that staging files go to, and its schema, unless they exist. */
  public List<String> createVolume(String catalog, String schema, String volume) {
    String quotedSchema = q(catalog) + "." + q(schema);
    return List.of("CREATE SCHEMA IF NOT EXISTS " + quotedSchema,
        "CREATE VOLUME IF NOT EXISTS " + quotedSchema + "." + q(volume));
  }

  /** A staging Delta table read in place, as the source of {@link #insertNewRows}. */
  public String deltaSource(String location) {
    return "delta." + pathIdentifier(location);
  }

  /**
   * A table over staging CSV files as {@code CsvStagingFormat} writes them: a header, every string
   * quoted, quotes doubled, records spanning lines, UTC timestamps with microseconds.
   */
  public String createCsvStagingTable(TableId staging, List<Column> columns, String location) {
    return "CREATE TABLE " + staging.quoted() + " (" + columnDefinitions(columns) + ") USING CSV OPTIONS ("
        + "header 'true', multiLine 'true', quote '\"', escape '\"', encoding 'UTF-8', mode 'FAILFAST', "
        + "timestampFormat " + literal(CsvStagingFormat.TIMESTAMP_PATTERN) + ")"
        + " LOCATION " + literal(location);
  }

  public String dropTable(TableId table) {
    return "DROP TABLE IF EXISTS " + table.quoted();
  }

  /**
   * Inserts the rows of a staging table that are not in the target yet: a row is new when its offset is
   * above the highest offset the target holds for its topic-partition. One INSERT is one Delta commit,
   * so a load is atomic, and running it again adds nothing.
   *
   * <p>Only the target's rows at or above the batch's first offset of each partition are read: the
   * highest offset among them decides exactly as the highest of all would (when the table holds none
   * that high, every staged row is new), and Delta skips the files whose offset statistics lie below, so
   * a load reads what is recent, not the whole table it has grown into.
   *
   * @param source the staging rows: {@link #deltaSource} or a staging table's quoted name
   * @param firstOffsets the lowest staged offset of each topic-partition in the batch
   */
  public String insertNewRows(TableId target, List<Column> columns, String source,
      Map<TopicPartition, Long> firstOffsets) {
    String names = columns.stream().map(c -> q(c.name())).collect(Collectors.joining(", "));
    String selected = columns.stream().map(c -> "s." + q(c.name())).collect(Collectors.joining(", "));
    String recent = firstOffsets.entrySet().stream()
        .map(e -> "(" + q(KAFKA_TOPIC) + " = " + literal(e.getKey().topic()) + " AND " + q(KAFKA_PARTITION) + " = "
            + e.getKey().partition() + " AND " + q(KAFKA_OFFSET) + " >= " + e.getValue() + ")")
        .collect(Collectors.joining(" OR "));
    return "INSERT INTO " + target.quoted() + " (" + names + ")"
        + " SELECT " + selected + " FROM " + source + " AS s"
        + " LEFT JOIN (SELECT " + q(KAFKA_TOPIC) + " AS t, " + q(KAFKA_PARTITION) + " AS p, MAX("
        + q(KAFKA_OFFSET) + ") AS o FROM " + target.quoted()
        + " WHERE " + recent
        + " GROUP BY " + q(KAFKA_TOPIC) + ", " + q(KAFKA_PARTITION) + ") AS w"
        + " ON s." + q(KAFKA_TOPIC) + " = w.t AND s." + q(KAFKA_PARTITION) + " = w.p"
        + " WHERE w.o IS NULL OR s." + q(KAFKA_OFFSET) + " > w.o";
  }

  private static String columnDefinitions(List<Column> columns) {
    return columns.stream()
        .map(c -> q(c.name()) + " " + c.type().sql() + (c.nullable() ? "" : " NOT NULL"))
        .collect(Collectors.joining(", "));
  }

  private static String locationClause(String location) {
    return location == null ? "" : " LOCATION " + literal(location);
  }

  private static String q(String identifier) {
    return Identifiers.quote(identifier);
  }

  /** A path used as a table name, as in {@code delta.`s3://bucket/key`}. */
  private static String pathIdentifier(String location) {
    return "`" + location.replace("`", "``") + "`";
  }

  /** A string literal; Databricks SQL reads backslash escapes inside quotes. */
  static String literal(String value) {
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }
}
