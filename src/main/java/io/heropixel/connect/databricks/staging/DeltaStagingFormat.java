package io.heropixel.connect.databricks.staging;

import io.heropixel.connect.databricks.conversion.Column;
import io.heropixel.connect.databricks.conversion.StreamRow;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;

/** Staging as the doc's S3 layout: a Delta table of Parquet files and a one-commit transaction log. */
public final class DeltaStagingFormat implements StagingFormat {

  @Override
  public Kind kind() {
    return Kind.DELTA;
  }

  @Override
  public String extension() {
    return ParquetRowWriter.EXTENSION;
  }

  @Override
  public long write(Path file, List<Column> columns, Iterator<StreamRow> rows) throws IOException {
    return new ParquetRowWriter(columns).write(file, rows);
  }

  @Override
  public void complete(StagingStore store, String prefix, List<Column> columns, List<DeltaLog.DataFile> files,
      long nowMillis) throws IOException {
    // The log is written last: a staging table is readable only once every file it names is uploaded.
    store.put(prefix + "/" + DeltaLog.FIRST_COMMIT,
        DeltaLog.firstCommit(columns, files, nowMillis).getBytes(StandardCharsets.UTF_8));
  }
}
