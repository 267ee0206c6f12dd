package io.heropixel.connect.databricks.local;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.catalyst.plans.logical.V2WriteCommand;
import org.apache.spark.sql.execution.CommandResultExec;
import org.apache.spark.sql.execution.SparkPlan;
import org.apache.spark.sql.execution.datasources.v2.DataSourceV2Relation;
import org.apache.spark.sql.execution.metric.SQLMetric;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Gives INSERT the result Databricks returns ({@code num_affected_rows}, {@code
 * num_inserted_rows}); the driver sums {@code num_affected_rows} for {@code executeUpdate}.
 * Open-source Spark returns no rows for INSERT, so the count comes from the write's metrics: the
 * file-writing command's {@code numOutputRows}, or for Delta tables the commit's operation metrics.
 * UPDATE, DELETE and MERGE on Delta already return {@code num_affected_rows}.
 */
final class AffectedRows {

  static final StructType INSERT_SCHEMA =
      new StructType()
          .add("num_affected_rows", DataTypes.LongType)
          .add("num_inserted_rows", DataTypes.LongType);

  private AffectedRows() {}

  /** The Databricks-style result for a write command without own result rows, if it is one. */
  static Optional<StatementResult> ofInsert(SparkSession session, Dataset<Row> executed) {
    LogicalPlan analyzed = executed.queryExecution().analyzed();
    Optional<Long> count =
        analyzed instanceof V2WriteCommand write
            ? deltaCommitRows(session, write)
            : writtenRows(executed.queryExecution().executedPlan());
    return count.map(n -> new StatementResult(INSERT_SCHEMA, List.of(RowFactory.create(n, n))));
  }

  /** V1 file-source writes (e.g. parquet tables) count rows in the command's metrics. */
  private static Optional<Long> writtenRows(SparkPlan plan) {
    if (!(plan instanceof CommandResultExec result)) {
      return Optional.empty();
    }
    Map<String, SQLMetric> metrics =
        CollectionConverters.asJava(result.commandPhysicalPlan().metrics());
    SQLMetric rows = metrics.get("numOutputRows");
    return rows == null ? Optional.empty() : Optional.of(rows.value());
  }

  /** Delta writes record {@code numOutputRows} in the commit they make; read the latest one. */
  private static Optional<Long> deltaCommitRows(SparkSession session, V2WriteCommand write) {
    if (!(write.table() instanceof DataSourceV2Relation relation)
        || !relation.table().getClass().getSimpleName().equals("DeltaTableV2")) {
      return Optional.empty();
    }
    List<Row> history =
        session.sql("DESCRIBE HISTORY " + relation.table().name() + " LIMIT 1")
            .select("operationMetrics")
            .collectAsList();
    if (history.isEmpty()) {
      return Optional.empty();
    }
    Map<String, String> metrics = history.get(0).getJavaMap(0);
    String rows = metrics == null ? null : metrics.get("numOutputRows");
    return rows == null ? Optional.empty() : Optional.of(Long.parseLong(rows));
  }
}
