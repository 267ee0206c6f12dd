package io.heropixel.connect.databricks.staging;

import io.heropixel.connect.databricks.routing.TableId;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Where things live in the staging storage, as the product doc lays them out: staging tables at
 * {@code <path>/<uuid>/<stream>}, the data of unmanaged stream tables at {@code <path>/<schema>/<stream>}.
 */
public final class StagingLayout {

  private final String basePath;

  public StagingLayout(String basePath) {
    this.basePath = Arrays.stream(basePath.split("/")).filter(s -> !s.isBlank()).collect(Collectors.joining("/"));
  }

  /** The key prefix of one staging table, without a trailing slash. */
  public String stagingTable(String batchId, TableId table) {
    return join(batchId, table.table());
  }

  /** The key prefix of a stream table's data, without a trailing slash. */
  public String tableData(TableId table) {
    return join(table.schema(), table.table());
  }

  /** A key for the small object that checks the storage is writable, unique per call. */
  public String probe() {
    return join("_heropixel_probe", java.util.UUID.randomUUID().toString());
  }

  private String join(String first, String second) {
    return (basePath.isEmpty() ? "" : basePath + "/") + first + "/" + second;
  }
}
