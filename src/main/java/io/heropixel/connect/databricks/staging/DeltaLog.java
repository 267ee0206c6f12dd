package io.heropixel.connect.databricks.staging;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.heropixel.connect.databricks.conversion.Column;
import io.heropixel.connect.databricks.conversion.DataType;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.UUID;

/**
 * The Delta transaction log of a staging table: a single commit (version 0) holding the protocol, the
 * table's metadata and one {@code add} action per Parquet file, as the Delta protocol defines them.
 */
final class DeltaLog {

  /** The object name of the first commit, relative to the table's root. */
  static final String FIRST_COMMIT = "_delta_log/00000000000000000000.json";

  private static final JsonFactory JSON = new JsonFactory();

  /** A data file of the table: its path relative to the table's root, its size and row count. */
  record DataFile(String path, long size, long rows) {}

  private DeltaLog() {}

  static String firstCommit(List<Column> columns, List<DataFile> files, long nowMillis) {
    StringBuilder log = new StringBuilder();
    log.append(json(g -> {
      g.writeObjectFieldStart("protocol");
      g.writeNumberField("minReaderVersion", 1);
      g.writeNumberField("minWriterVersion", 2);
      g.writeEndObject();
    })).append('\n');
    log.append(json(g -> {
      g.writeObjectFieldStart("metaData");
      g.writeStringField("id", UUID.randomUUID().toString());
      g.writeObjectFieldStart("format");
      g.writeStringField("provider", "parquet");
      g.writeObjectFieldStart("options");
      g.writeEndObject();
      g.writeEndObject();
      g.writeStringField("schemaString", schemaString(columns));
      g.writeArrayFieldStart("partitionColumns");
      g.writeEndArray();
      g.writeObjectFieldStart("configuration");
      g.writeEndObject();
      g.writeNumberField("createdTime", nowMillis);
      g.writeEndObject();
    })).append('\n');
    for (DataFile file : files) {
      log.append(json(g -> {
        g.writeObjectFieldStart("add");
        g.writeStringField("path", file.path());
        g.writeObjectFieldStart("partitionValues");
        g.writeEndObject();
        g.writeNumberField("size", file.size());
        g.writeNumberField("modificationTime", nowMillis);
        g.writeBooleanField("dataChange", true);
        g.writeStringField("stats", "{\"numRecords\":" + file.rows() + "}");
        g.writeEndObject();
      })).append('\n');
    }
    return log.toString();
  }

  /** The table schema in the Delta log's JSON form. */
  static String schemaString(List<Column> columns) {
    return new DataType.Struct(columns).deltaJson();
  }

  private interface Body {
    void write(JsonGenerator g) throws IOException;
  }

  private static String json(Body body) {
    StringWriter out = new StringWriter();
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      body.write(g);
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }
}
