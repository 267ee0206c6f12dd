package io.heropixel.connect.databricks.staging;

import io.heropixel.connect.databricks.conversion.Column;
import io.heropixel.connect.databricks.conversion.StreamRow;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;

/** How a staging table's files are written: Parquet plus a Delta log, or CSV. */
public interface StagingFormat {

  /** How the warehouse reads a staging table. */
  enum Kind {
    /** A Delta table, read in place as {@code delta.`location`}. */
    DELTA,
    /** CSV files with a header, read through a staging table created over them. */
    CSV
  }

  Kind kind();

  /** The {@code {format_extension}} of data files, with its dot. */
  String extension();

  /** Writes rows to a local data file; returns its size in bytes. */
  long write(Path file, List<Column> columns, Iterator<StreamRow> rows) throws IOException;

  /** Uploads what completes the table once its data files are uploaded, such as a transaction log. */
  void complete(StagingStore store, String prefix, List<Column> columns, List<DeltaLog.DataFile> files,
      long nowMillis) throws IOException;
}
