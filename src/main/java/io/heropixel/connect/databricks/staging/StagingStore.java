package io.heropixel.connect.databricks.staging;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Object storage that staging tables are written to and that the warehouse reads them from. */
public interface StagingStore extends AutoCloseable {

  void upload(String key, Path file) throws IOException;

  void put(String key, byte[] bytes) throws IOException;

  /** Keys under a prefix, for purging and for tests. */
  List<String> list(String prefix) throws IOException;

  void deletePrefix(String prefix) throws IOException;

  /** The location of a key as the warehouse names it in SQL, for example {@code s3://bucket/key}. */
  String location(String key);

  /** Where a stream table's data lives, for its CREATE TABLE; null where the warehouse manages it. */
  default String tableLocation(String key) {
    return location(key);
  }

  @Override
  void close();
}
