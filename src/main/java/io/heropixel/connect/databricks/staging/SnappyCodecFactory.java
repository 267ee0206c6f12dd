package io.heropixel.connect.databricks.staging;

import java.io.IOException;
import java.nio.ByteBuffer;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.xerial.snappy.Snappy;

/**
 * Snappy page compression through snappy-java alone. Parquet's own codec factory goes through Hadoop's
 * codec classes and configuration, which would drag Hadoop's dependencies into the plugin.
 */
final class SnappyCodecFactory implements CompressionCodecFactory {

  private static final BytesInputCompressor SNAPPY = new BytesInputCompressor() {
    @Override
    public BytesInput compress(BytesInput bytes) throws IOException {
      return BytesInput.from(Snappy.compress(bytes.toByteArray()));
    }

    @Override
    public CompressionCodecName getCodecName() {
      return CompressionCodecName.SNAPPY;
    }

    @Override
    public void release() {}
  };

  @Override
  public BytesInputCompressor getCompressor(CompressionCodecName codec) {
    if (codec != CompressionCodecName.SNAPPY) {
      throw new IllegalArgumentException("Only SNAPPY is supported, not " + codec);
    }
    return SNAPPY;
  }

  @Override
  public BytesInputDecompressor getDecompressor(CompressionCodecName codec) {
    throw new UnsupportedOperationException("Staging files are only written");
  }

  @Override
  public void release() {}
}
