package io.heropixel.connect.databricks.bench.jmh;

import io.heropixel.connect.databricks.bench.BenchRecords;
import io.heropixel.connect.databricks.conversion.Column;
import io.heropixel.connect.databricks.conversion.RecordConverter;
import io.heropixel.connect.databricks.conversion.StreamRow;
import io.heropixel.connect.databricks.conversion.StreamSchema;
import io.heropixel.connect.databricks.conversion.TypedTable;
import io.heropixel.connect.databricks.staging.DeltaStagingFormat;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The connector's in-process path, a sink record to a staged Parquet file (RecordConverter, then the Delta
 * staging format's ParquetRowWriter), against parquet-avro alone writing the same records' fields. Each
 * invocation handles {@link #RECORDS} records, so the scores are records per second. The records come from
 * JsonConverter as a Connect worker would hand them over; that step is outside the clock.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 4, time = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
public class StagingBenchmark {

  /**
   * Rows per staged file, as many as one file of bench/throughput's 10-second loads holds (35,000-100,000):
   * what a writer pays once per file (every column's page buffers growing from nothing) then weighs as it
   * does in a load. With 5,000 it dominated the 100-byte runs.
   */
  static final int RECORDS = 50_000;

  @Param({"100b", "1kb"})
  public String size;

  private final List<SinkRecord> records = new ArrayList<>();
  private final RecordConverter converter = new RecordConverter(Clock.systemUTC());
  private final DeltaStagingFormat staging = new DeltaStagingFormat();
  private StructToAvro toAvro;
  private Path dir;
  private Path file;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    BenchRecords kind = BenchRecords.ofLabel(size);
    JsonConverter json = new JsonConverter();
    json.configure(Map.of("schemas.enable", "true", "schemas.cache.size", "10"), false);
    for (int seq = 0; seq < RECORDS; seq++) {
      SchemaAndValue value = json.toConnectData("bench", kind.enveloped(seq).getBytes(StandardCharsets.UTF_8));
      records.add(new SinkRecord("bench", seq % 4, null, null, value.schema(), value.value(), seq / 4,
          1_764_000_000_000L + seq, org.apache.kafka.common.record.TimestampType.CREATE_TIME));
    }
    toAvro = new StructToAvro(records.get(0).valueSchema());
    dir = Files.createTempDirectory("staging-bench");
    file = dir.resolve("rows.parquet");
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    Files.deleteIfExists(file);
    Files.deleteIfExists(dir);
  }

  /** Raw rows: the envelope with the value as JSON. */
  @Benchmark
  @OperationsPerInvocation(RECORDS)
  public long connectorRaw() throws IOException {
    List<StreamRow> rows = new ArrayList<>(RECORDS);
    for (SinkRecord record : records) {
      rows.add(converter.convert(record, null));
    }
    return staging.write(file, StreamSchema.RAW, rows.iterator());
  }

  /** Typed rows: the envelope plus one column per top-level field, laid out by the first record. */
  @Benchmark
  @OperationsPerInvocation(RECORDS)
  public long connectorTyped() throws IOException {
    TypedTable typed = new TypedTable(List.of(), false);
    List<StreamRow> rows = new ArrayList<>(RECORDS);
    for (SinkRecord record : records) {
      rows.add(converter.convert(record, typed));
    }
    List<Column> columns = new ArrayList<>(StreamSchema.RAW);
    columns.addAll(typed.columns());
    return staging.write(file, columns, rows.iterator());
  }

  /** Conversion alone, raw rows, to tell it from the Parquet writing. */
  @Benchmark
  @OperationsPerInvocation(RECORDS)
  public int convertRaw() {
    int n = 0;
    for (SinkRecord record : records) {
      n += converter.convert(record, null).data().length();
    }
    return n;
  }

  /** Conversion alone, typed rows. */
  @Benchmark
  @OperationsPerInvocation(RECORDS)
  public int convertTyped() {
    TypedTable typed = new TypedTable(List.of(), false);
    int n = 0;
    for (SinkRecord record : records) {
      n += converter.convert(record, typed).fields().values().length;
    }
    return n;
  }

  /** The lower bound: the same fields as Avro records, written by parquet-avro with Snappy and its defaults. */
  @Benchmark
  @OperationsPerInvocation(RECORDS)
  public long parquetAvro() throws IOException {
    try (ParquetWriter<GenericRecord> writer = AvroParquetWriter.<GenericRecord>builder(new LocalOutputFile(file))
        .withSchema(toAvro.schema()).withConf(new PlainParquetConfiguration())
        .withCompressionCodec(CompressionCodecName.SNAPPY).withWriteMode(ParquetFileWriter.Mode.OVERWRITE).build()) {
      for (SinkRecord record : records) {
        writer.write(toAvro.record(record.value()));
      }
    }
    return Files.size(file);
  }
}
