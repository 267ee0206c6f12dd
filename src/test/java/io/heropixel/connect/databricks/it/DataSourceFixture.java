package io.heropixel.connect.databricks.it;

import io.heropixel.connect.databricks.staging.StagingFormat;
import java.util.List;
import java.util.Map;

/**
 * What the end-to-end scenarios need to know of one data source. A "space" is a unique name that keeps
 * one test's staging apart from the others': a bucket path, a container or a volume.
 */
interface DataSourceFixture {

  /** The connector keys of the data source, staging in the given space. */
  Map<String, String> config(String space);

  /** The catalog the connector writes to: volumes need a Unity Catalog one; external storage uses hive_metastore. */
  default String catalog() {
    return "hive_metastore";
  }

  /** Keys of everything stored in the space, relative to it. */
  List<String> objects(String space);

  /** How staging tables are written: Parquet with a Delta log, or CSV. */
  StagingFormat.Kind format();

  /** Where an unmanaged table's data lives, as a key relative to the space; null where tables are managed. */
  default String tableData(String schema, String stream) {
    return schema + "/" + stream;
  }

  /** The same, as the location for CREATE TABLE. */
  String tableLocation(String space, String schema, String stream);
}
