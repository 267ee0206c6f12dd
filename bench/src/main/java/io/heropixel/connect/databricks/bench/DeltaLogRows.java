package io.heropixel.connect.databricks.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The rows a Delta table's log has committed, read from the table's files on the local S3 server's disk:
 * the {@code numRecords} of every file its commits added, less those they removed. Commit files are
 * read once; a commit not yet fully written is read on the next call.
 */
final class DeltaLogRows {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern COMMIT = Pattern.compile("\\d{20}\\.json");

  private final Path log;
  private long nextVersion;
  private long rows;

  DeltaLogRows(Path table) {
    this.log = table.resolve("_delta_log");
  }

  /** Rows committed so far, or -1 while the table has no log. */
  long rows() {
    if (!Files.isDirectory(log)) {
      return -1;
    }
    try (Stream<Path> files = Files.list(log)) {
      List<Path> commits = files.filter(f -> COMMIT.matcher(f.getFileName().toString()).matches()).sorted().toList();
      for (Path commit : commits) {
        long version = Long.parseLong(commit.getFileName().toString().substring(0, 20));
        if (version >= nextVersion) {
          rows += rowsChanged(commit);
          nextVersion = version + 1;
        }
      }
    } catch (JsonProcessingException beingWritten) {
      // Read again next time, from the commit that failed.
    } catch (IOException e) {
      throw new IllegalStateException("Cannot read " + log, e);
    }
    return rows;
  }

  private static long rowsChanged(Path commit) throws IOException {
    long changed = 0;
    for (String line : Files.readAllLines(commit)) {
      JsonNode action = JSON.readTree(line);
      changed += records(action.path("add")) - records(action.path("remove"));
    }
    return changed;
  }

  private static long records(JsonNode file) throws JsonProcessingException {
    if (file.isMissingNode() || !file.path("dataChange").asBoolean(true)) {
      return 0;
    }
    JsonNode stats = file.path("stats");
    if (!stats.isTextual()) {
      throw new IllegalStateException("A Delta log entry without statistics: " + file);
    }
    return JSON.readTree(stats.asText()).path("numRecords").asLong();
  }
}
