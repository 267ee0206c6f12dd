package io.heropixel.connect.databricks.local;

import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.core.util.BinaryData;
import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobContainerClientBuilder;
import com.azure.storage.blob.models.BlobItem;
import com.azure.storage.blob.models.BlobListDetails;
import com.azure.storage.blob.models.BlobProperties;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.blob.models.ListBlobsOptions;
import com.azure.storage.blob.options.BlobParallelUploadOptions;
import com.azure.storage.common.StorageSharedKeyCredential;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.PositionedReadable;
import org.apache.hadoop.fs.Seekable;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.util.Progressable;

/**
 * The local warehouse's {@code abfss://<container>@<account>.dfs.core.windows.net/} scheme, served by
 * Azurite's Blob endpoint ({@value #ENDPOINT_KEY}), which has no ADLS Gen2 (dfs) API. Blob storage is
 * flat: a directory is a prefix, or an empty marker blob with {@code hdi_isfolder=true} as Hadoop's
 * wasb writes. Files are read and written whole, which suits the small tables of tests.
 */
public final class AbfssOnAzuriteFileSystem extends FileSystem {

  /** Hadoop configuration key of Azurite's Blob endpoint, e.g. http://127.0.0.1:10000/devstoreaccount1. */
  public static final String ENDPOINT_KEY = "fs.abfss.azurite.endpoint";
  private static final String FOLDER_MARKER = "hdi_isfolder";

  private URI uri;
  private BlobContainerClient container;
  private Path workingDirectory;

  @Override
  public void initialize(URI name, Configuration conf) throws IOException {
    super.initialize(name, conf);
    String endpoint = conf.get(ENDPOINT_KEY);
    if (endpoint == null) {
      throw new IOException(ENDPOINT_KEY + " is not set: the local warehouse has no Azurite attached");
    }
    this.uri = URI.create(name.getScheme() + "://" + name.getAuthority());
    this.container = new BlobContainerClientBuilder().endpoint(endpoint).containerName(name.getUserInfo())
        .credential(new StorageSharedKeyCredential(LocalAzurite.ACCOUNT, LocalAzurite.ACCOUNT_KEY))
        .httpClient(new JdkHttpClientBuilder().build()).buildClient();
    this.workingDirectory = new Path(uri.toString() + "/");
    setConf(conf);
  }

  @Override
  public String getScheme() {
    return "abfss";
  }

  @Override
  public URI getUri() {
    return uri;
  }

  /** The blob name of a path: its path without the leading slash. */
  private String key(Path path) {
    return makeQualified(path).toUri().getPath().substring(1);
  }

  private Path path(String key) {
    return new Path(uri.toString() + "/" + key);
  }

  @Override
  public FSDataInputStream open(Path f, int bufferSize) throws IOException {
    try {
      return new FSDataInputStream(new SeekableBytes(container.getBlobClient(key(f)).downloadContent().toBytes()));
    } catch (BlobStorageException e) {
      throw notFoundOr(e, f);
    }
  }

  @Override
  public FSDataOutputStream create(Path f, FsPermission permission, boolean overwrite, int bufferSize,
      short replication, long blockSize, Progressable progress) throws IOException {
    if (!overwrite && exists(f)) {
      throw new FileAlreadyExistsException(f.toString());
    }
    BlobClient blob = container.getBlobClient(key(f));
    ByteArrayOutputStream buffer = new ByteArrayOutputStream() {
      @Override
      public void close() {
        blob.upload(BinaryData.fromBytes(toByteArray()), true);
      }
    };
    return new FSDataOutputStream(buffer, statistics);
  }

  @Override
  public FSDataOutputStream append(Path f, int bufferSize, Progressable progress) {
    throw new UnsupportedOperationException("append is not supported on Azurite blobs");
  }

  /** Files only, as Delta's rename-based log store needs: false when the destination exists. */
  @Override
  public boolean rename(Path src, Path dst) throws IOException {
    if (exists(dst)) {
      return false;
    }
    BlobClient source = container.getBlobClient(key(src));
    try {
      container.getBlobClient(key(dst)).upload(source.downloadContent(), false);
    } catch (BlobStorageException e) {
      if (e.getStatusCode() == 404) {
        return false;
      }
      throw e;
    }
    source.delete();
    return true;
  }

  @Override
  public boolean delete(Path f, boolean recursive) throws IOException {
    String key = key(f);
    boolean deleted = container.getBlobClient(key).deleteIfExists();
    List<String> children = container.listBlobs(new ListBlobsOptions().setPrefix(key + "/"), null).stream()
        .map(BlobItem::getName).toList();
    if (!children.isEmpty() && !recursive) {
      throw new IOException(f + " is a non-empty directory");
    }
    children.forEach(child -> container.getBlobClient(child).deleteIfExists());
    return deleted || !children.isEmpty();
  }

  @Override
  public FileStatus[] listStatus(Path f) throws IOException {
    FileStatus self = getFileStatus(f);
    if (!self.isDirectory()) {
      return new FileStatus[] {self};
    }
    String prefix = key(f).isEmpty() ? "" : key(f) + "/";
    Map<String, FileStatus> entries = new LinkedHashMap<>();
    ListBlobsOptions options = new ListBlobsOptions().setPrefix(prefix)
        .setDetails(new BlobListDetails().setRetrieveMetadata(true));
    for (BlobItem item : container.listBlobsByHierarchy("/", options, null)) {
      String name = item.getName().endsWith("/") ? item.getName().substring(0, item.getName().length() - 1)
          : item.getName();
      boolean directory = Boolean.TRUE.equals(item.isPrefix()) || isFolderMarker(item.getMetadata());
      long size = directory ? 0 : item.getProperties().getContentLength();
      long modified = directory ? 0 : item.getProperties().getLastModified().toInstant().toEpochMilli();
      entries.putIfAbsent(name, status(name, directory, size, modified));
    }
    return entries.values().toArray(FileStatus[]::new);
  }

  @Override
  public FileStatus getFileStatus(Path f) throws IOException {
    String key = key(f);
    if (key.isEmpty()) {
      return status(key, true, 0, 0);
    }
    try {
      BlobProperties properties = container.getBlobClient(key).getProperties();
      boolean directory = isFolderMarker(properties.getMetadata());
      return status(key, directory, directory ? 0 : properties.getBlobSize(),
          properties.getLastModified().toInstant().toEpochMilli());
    } catch (BlobStorageException e) {
      if (e.getStatusCode() != 404) {
        throw e;
      }
    }
    if (container.listBlobs(new ListBlobsOptions().setPrefix(key + "/").setMaxResultsPerPage(1), null)
        .iterator().hasNext()) {
      return status(key, true, 0, 0);
    }
    throw new FileNotFoundException("No such file or directory: " + f);
  }

  @Override
  public boolean mkdirs(Path f, FsPermission permission) throws IOException {
    List<String> missing = new ArrayList<>();
    for (Path p = makeQualified(f); p != null && !p.isRoot(); p = p.getParent()) {
      if (exists(p)) {
        if (!getFileStatus(p).isDirectory()) {
          throw new FileAlreadyExistsException(p + " is a file");
        }
        break;
      }
      missing.add(key(p));
    }
    for (String key : missing) {
      container.getBlobClient(key).uploadWithResponse(new BlobParallelUploadOptions(BinaryData.fromBytes(new byte[0]))
          .setMetadata(Map.of(FOLDER_MARKER, "true")), null, null);
    }
    return true;
  }

  private static boolean isFolderMarker(Map<String, String> metadata) {
    return metadata != null && "true".equalsIgnoreCase(metadata.get(FOLDER_MARKER));
  }

  private FileStatus status(String key, boolean directory, long size, long modified) {
    return new FileStatus(size, directory, 1, 4L << 20, modified, path(key));
  }

  private static IOException notFoundOr(BlobStorageException e, Path f) {
    return e.getStatusCode() == 404 ? new FileNotFoundException("No such file: " + f) : new IOException(e);
  }

  @Override
  public void setWorkingDirectory(Path dir) {
    workingDirectory = makeQualified(dir);
  }

  @Override
  public Path getWorkingDirectory() {
    return workingDirectory;
  }

  /** A whole blob in memory, seekable as Hadoop's readers (Parquet, CSV, JSON) need. */
  private static final class SeekableBytes extends ByteArrayInputStream implements Seekable, PositionedReadable {

    SeekableBytes(byte[] bytes) {
      super(bytes);
    }

    @Override
    public void seek(long position) throws IOException {
      if (position < 0 || position > count) {
        throw new java.io.EOFException("Cannot seek to " + position + " of " + count + " bytes");
      }
      pos = (int) position;
    }

    @Override
    public long getPos() {
      return pos;
    }

    @Override
    public boolean seekToNewSource(long targetPos) {
      return false;
    }

    @Override
    public int read(long position, byte[] buffer, int offset, int length) {
      if (position >= count) {
        return -1;
      }
      int n = (int) Math.min(length, count - position);
      System.arraycopy(buf, (int) position, buffer, offset, n);
      return n;
    }

    @Override
    public void readFully(long position, byte[] buffer, int offset, int length) throws IOException {
      if (read(position, buffer, offset, length) < length) {
        throw new java.io.EOFException("Reading past the end of " + count + " bytes");
      }
    }

    @Override
    public void readFully(long position, byte[] buffer) throws IOException {
      readFully(position, buffer, 0, buffer.length);
    }
  }
}
