package io.heropixel.connect.databricks.staging;

import io.heropixel.connect.databricks.conversion.Column;
import io.heropixel.connect.databricks.conversion.StreamRow;
import io.heropixel.connect.databricks.routing.TableId;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Writes a batch of rows as a staging Delta table: Parquet files, then the transaction log that names them. */
public final class Stager {

  private final StagingStore store;
  private final StagingLayout layout;
  private final FilenamePattern filenames;
  private final Path localDir;
  private final String syncId;
  private final int maxRowsPerFile;
  private final Clock clock;

  public Stager(StagingStore store, StagingLayout layout, FilenamePattern filenames, Path localDir, String syncId,
      int maxRowsPerFile, Clock clock) {
    this.store = store;
    this.layout = layout;
    this.filenames = filenames;
    this.localDir = localDir;
    this.syncId = syncId;
    this.maxRowsPerFile = maxRowsPerFile;
    this.clock = clock;
  }

  /**
   * @param dataFilesUploaded run once the data files are uploaded and before the log that names them is
   */
  public StagedTable stage(TableId table, List<Column> columns, List<StreamRow> rows, Runnable dataFilesUploaded)
      throws IOException {
    String prefix = layout.stagingTable(UUID.randomUUID().toString(), table);
    ParquetRowWriter writer = new ParquetRowWriter(columns);
    List<DeltaLog.DataFile> files = new ArrayList<>();
    Files.createDirectories(localDir);
    for (int start = 0, part = 0; start < rows.size(); start += maxRowsPerFile, part++) {
      List<StreamRow> slice = rows.subList(start, Math.min(rows.size(), start + maxRowsPerFile));
      String name = filenames.render(new FilenamePattern.Context(Instant.now(clock), part, syncId,
          ParquetRowWriter.EXTENSION));
      Path local = Files.createTempFile(localDir, "stage-", ParquetRowWriter.EXTENSION);
      try {
        long size = writer.write(local, slice);
        store.upload(prefix + "/" + name, local);
        files.add(new DeltaLog.DataFile(name, size, slice.size()));
      } finally {
        Files.deleteIfExists(local);
      }
    }
    dataFilesUploaded.run();
    // The log is written last: a staging table is readable only once every file it names is uploaded.
    store.put(prefix + "/" + DeltaLog.FIRST_COMMIT,
        DeltaLog.firstCommit(columns, files, clock.millis()).getBytes(StandardCharsets.UTF_8));
    return new StagedTable(prefix, store.location(prefix), rows.size());
  }

  public void purge(StagedTable staged) throws IOException {
    store.deletePrefix(staged.prefix() + "/");
  }

  /** The location of a stream table's data, for its CREATE TABLE. */
  public String tableLocation(TableId table) {
    return store.location(layout.tableData(table));
  }
}
