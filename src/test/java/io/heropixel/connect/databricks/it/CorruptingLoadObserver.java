package io.heropixel.connect.databricks.it;

import io.heropixel.connect.databricks.LoadObserver;
import io.heropixel.connect.databricks.LoadStep;
import io.heropixel.connect.databricks.routing.TableId;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Once armed for a table, overwrites the Parquet files of its next staging table on S3 with bytes that are
 * no Parquet, after staging and before the load reads them: staged data the warehouse cannot read.
 */
public class CorruptingLoadObserver implements LoadObserver {

  /** Armed tables, each with the bucket path its connector stages under. */
  private static final Map<String, String> ARMED = new ConcurrentHashMap<>();

  static void arm(String table, String bucketPath) {
    ARMED.put(table, bucketPath);
  }

  /** The staged files that were overwritten. */
  static final List<String> CORRUPTED = new java.util.concurrent.CopyOnWriteArrayList<>();

  @Override
  public void reached(LoadStep step, TableId table) {
    String bucketPath = step == LoadStep.STAGED ? ARMED.remove(table.table()) : null;
    if (bucketPath == null) {
      return;
    }
    for (String key : EndToEnd.objects(bucketPath + "/")) {
      // Staging tables are at <path>/<uuid>/<table>; the table's own data is not written before its first load.
      if (key.endsWith(".parquet") && key.contains("/" + table.table() + "/")) {
        EndToEnd.putObject(key, "these bytes are no Parquet file".getBytes(StandardCharsets.UTF_8));
        CORRUPTED.add(key);
      }
    }
  }
}
