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
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
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
  public StagedTable stage(TableId table, List<Column> columns, Iterator<StreamRow> rows, Runnable dataFilesUploaded)
      throws IOException {
    String prefix = layout.stagingTable(UUID.randomUUID().toString(), table);
    List<DeltaLog.DataFile> files = new ArrayList<>();
    Files.createDirectories(localDir);
    long total = 0;
    // One data file is written at a time, from rows read one at a time: a load holds no batch in heap.
    for (int part = 0; rows.hasNext(); part++) {
      Slice slice = new Slice(rows, maxRowsPerFile);
      String name = filenames.render(new FilenamePattern.Context(Instant.now(clock), part, syncId,
          format.extension()));
      Path local = Files.createTempFile(localDir, "stage-", format.extension());
      try {
        long size = format.write(local, columns, slice);
        store.upload(prefix + "/" + name, local);
        files.add(new DeltaLog.DataFile(name, size, slice.taken));
        total += slice.taken;
      } finally {
        Files.deleteIfExists(local);
      }
    }
    dataFilesUploaded.run();
    format.complete(store, prefix, columns, files, clock.millis());
    return new StagedTable(prefix, store.location(prefix), format.kind(), total);
  }

  /** At most {@code limit} rows of an iterator, counted. */
  private static final class Slice implements Iterator<StreamRow> {

    private final Iterator<StreamRow> rows;
    private final int limit;
    private int taken;

    Slice(Iterator<StreamRow> rows, int limit) {
      this.rows = rows;
      this.limit = limit;
    }

    @Override
    public boolean hasNext() {
      return taken < limit && rows.hasNext();
    }

    @Override
    public StreamRow next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      taken++;
      return rows.next();
    }
  }

  public void purge(StagedTable staged) throws IOException {
    store.deletePrefix(staged.prefix() + "/");
  }

  /** The location of a stream table's data for its CREATE TABLE, or null where tables are managed. */
  public String tableLocation(TableId table) {
    return store.tableLocation(layout.tableData(table));
  }
}
