package io.heropixel.connect.databricks.staging;

import io.heropixel.connect.databricks.conversion.Column;
import io.heropixel.connect.databricks.conversion.StreamRow;
import io.heropixel.connect.databricks.routing.TableId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Writes a batch of rows as a staging table in the store: data files in the format, then what completes them. */
public final class Stager {

  private final StagingStore store;
  private final StagingFormat format;
  private final StagingLayout layout;
  private final FilenamePattern filenames;
  private final Path localDir;
  private final String syncId;
  private final int maxRowsPerFile;
  private final Clock clock;

  public Stager(StagingStore store, StagingFormat format, StagingLayout layout, FilenamePattern filenames,
      Path localDir, String syncId, int maxRowsPerFile, Clock clock) {
    this.store = store;
    this.format = format;
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
    List<DeltaLog.DataFile> files = new ArrayList<>();
    Files.createDirectories(localDir);
    for (int start = 0, part = 0; start < rows.size(); start += maxRowsPerFile, part++) {
      List<StreamRow> slice = rows.subList(start, Math.min(rows.size(), start + maxRowsPerFile));
      String name = filenames.render(new FilenamePattern.Context(Instant.now(clock), part, syncId,
          format.extension()));
      Path local = Files.createTempFile(localDir, "stage-", format.extension());
      try {
        long size = format.write(local, columns, slice);
        store.upload(prefix + "/" + name, local);
        files.add(new DeltaLog.DataFile(name, size, slice.size()));
      } finally {
        Files.deleteIfExists(local);
      }
    }
    dataFilesUploaded.run();
    format.complete(store, prefix, columns, files, clock.millis());
    return new StagedTable(prefix, store.location(prefix), format.kind(), rows.size());
  }

  public void purge(StagedTable staged) throws IOException {
    store.deletePrefix(staged.prefix() + "/");
  }

  /** The location of a stream table's data for its CREATE TABLE, or null where tables are managed. */
  public String tableLocation(TableId table) {
    return store.tableLocation(layout.tableData(table));
  }
}
