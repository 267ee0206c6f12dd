package io.heropixel.connect.databricks.staging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.heropixel.connect.databricks.conversion.StreamRow;
import io.heropixel.connect.databricks.conversion.StreamSchema;
import io.heropixel.connect.databricks.routing.TableId;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.GenericData;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.io.LocalInputFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StagerTest {

  /** Keeps objects in memory and on a local directory, so Parquet readers can open them. */
  static final class DirectoryStore implements StagingStore {
    final Path root;
    final Map<String, byte[]> objects = new TreeMap<>();

    DirectoryStore(Path root) {
      this.root = root;
    }

    @Override
    public void upload(String key, Path file) throws IOException {
      put(key, Files.readAllBytes(file));
    }

    @Override
    public void put(String key, byte[] bytes) throws IOException {
      objects.put(key, bytes);
      Path target = root.resolve(key);
      Files.createDirectories(target.getParent());
      Files.write(target, bytes);
    }

    @Override
    public List<String> list(String prefix) {
      return objects.keySet().stream().filter(k -> k.startsWith(prefix)).toList();
    }

    @Override
    public void deletePrefix(String prefix) {
      objects.keySet().removeIf(k -> k.startsWith(prefix));
    }

    @Override
    public String location(String key) {
      return "mem://" + key;
    }

    @Override
    public void close() {}
  }

  @TempDir
  Path dir;

  @Test
  void writesParquetFilesThenTheDeltaLogThatNamesThem() throws Exception {
    DirectoryStore store = new DirectoryStore(dir.resolve("store"));
    Clock clock = Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC);
    Stager stager = new Stager(store, new DeltaStagingFormat(), new StagingLayout("/base/path/"),
        FilenamePattern.parse("part_{part_number}_{sync_id}{format_extension}"), dir.resolve("local"), "sync", 2,
        clock);
    List<StreamRow> rows = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      rows.add(new StreamRow("id-" + i, 1_000_000L * i, "{\"i\":" + i + "}", "orders", 1, 100 + i, null));
    }

    StagedTable staged = stager.stage(new TableId("c", "s", "orders"), StreamSchema.RAW, rows.iterator(), () -> {});

    assertEquals(5, staged.rows());
    assertTrue(staged.prefix().matches("base/path/[0-9a-f-]{36}/orders"), staged.prefix());
    assertEquals("mem://" + staged.prefix(), staged.location());
    List<String> keys = store.list(staged.prefix());
    assertEquals(List.of("_delta_log/00000000000000000000.json", "part_0_sync.parquet", "part_1_sync.parquet",
        "part_2_sync.parquet"), keys.stream().map(k -> k.substring(staged.prefix().length() + 1)).toList());
    String log = new String(store.objects.get(staged.prefix() + "/" + DeltaLog.FIRST_COMMIT), StandardCharsets.UTF_8);
    assertEquals(5, log.lines().count(), log);
    assertTrue(log.contains("\"path\":\"part_2_sync.parquet\""), log);
    assertTrue(log.contains("\\\"numRecords\\\":1"), log);

    List<Long> offsets = new ArrayList<>();
    for (int part = 0; part < 3; part++) {
      Path file = store.root.resolve(staged.prefix() + "/part_" + part + "_sync.parquet");
      try (ParquetReader<GenericRecord> reader = AvroParquetReader.<GenericRecord>builder(new LocalInputFile(file),
          new PlainParquetConfiguration()).withDataModel(GenericData.get()).build()) {
        for (GenericRecord r = reader.read(); r != null; r = reader.read()) {
          offsets.add((Long) r.get(StreamSchema.KAFKA_OFFSET));
          assertEquals("orders", r.get(StreamSchema.KAFKA_TOPIC).toString());
        }
      }
    }
    assertEquals(List.of(100L, 101L, 102L, 103L, 104L), offsets);

    stager.purge(staged);
    assertEquals(List.of(), store.list(staged.prefix()));
    assertEquals("mem://base/path/s/orders", stager.tableLocation(new TableId("c", "s", "orders")));
  }
}
