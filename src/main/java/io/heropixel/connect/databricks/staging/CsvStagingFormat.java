package io.heropixel.connect.databricks.staging;

import io.heropixel.connect.databricks.conversion.Column;
import io.heropixel.connect.databricks.conversion.DataType;
import io.heropixel.connect.databricks.conversion.StreamRow;
import io.heropixel.connect.databricks.conversion.StreamSchema;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Iterator;
import java.util.List;

/**
 * Staging as the doc's Azure layout: UTF-8 CSV files with a header row. Every string is quoted, so an
 * empty string stays distinct from null (an empty unquoted field); quotes inside are doubled, and
 * commas and newlines stay inside the quotes (the reader needs multi-line records).
 *
 * <p>Only the raw columns ({@code StreamSchema.RAW}) are written: CSV cannot carry typed columns
 * faithfully (it has no form for STRUCT, ARRAY, MAP or BINARY columns, which Spark's CSV reader cannot
 * read), so {@code row.shape=typed} is refused for this format by the config validator.
 */
public final class CsvStagingFormat implements StagingFormat {

  /** How the warehouse must parse timestamps: what this format writes, in UTC. */
  public static final String TIMESTAMP_PATTERN = "yyyy-MM-dd'T'HH:mm:ss.SSSSSSXXX";

  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSXXX").withZone(ZoneOffset.UTC);

  @Override
  public Kind kind() {
    return Kind.CSV;
  }

  @Override
  public String extension() {
    return ".csv";
  }

  @Override
  public long write(Path file, List<Column> columns, Iterator<StreamRow> rows) throws IOException {
    if (columns.size() != StreamSchema.RAW.size()) {
      throw new IllegalArgumentException("CSV staging carries only the raw columns " + StreamSchema.RAW
          + "; typed rows (row.shape=typed) need a Delta staging format, got " + columns);
    }
    try (Writer out = new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8))) {
      for (int i = 0; i < columns.size(); i++) {
        out.write((i == 0 ? "" : ",") + quoted(columns.get(i).name()));
      }
      out.write('\n');
      while (rows.hasNext()) {
        Object[] values = RowValues.of(rows.next());
        for (int i = 0; i < values.length; i++) {
          out.write((i == 0 ? "" : ",") + field(columns.get(i), values[i]));
        }
        out.write('\n');
      }
    }
    return Files.size(file);
  }

  @Override
  public void complete(StagingStore store, String prefix, List<Column> columns, List<DeltaLog.DataFile> files,
      long nowMillis) {
    // CSV files need nothing beside them: the warehouse reads every file under the prefix.
  }

  private static String field(Column column, Object value) {
    if (value == null) {
      return "";
    }
    if (!(column.type() instanceof DataType.Primitive type)) {
      throw new IllegalArgumentException("CSV staging cannot write column " + column.name() + " of type "
          + column.type().sql());
    }
    return switch (type) {
      case STRING -> quoted((String) value);
      case TIMESTAMP -> TIMESTAMP.format(micros((Long) value));
      case INT, BIGINT -> value.toString();
      default -> throw new IllegalArgumentException("CSV staging cannot write column " + column.name()
          + " of type " + type.sql());
    };
  }

  private static Instant micros(long micros) {
    return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
  }

  private static String quoted(String text) {
    return '"' + text.replace("\"", "\"\"") + '"';
  }
}
