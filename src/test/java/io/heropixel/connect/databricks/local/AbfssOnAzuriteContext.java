package io.heropixel.connect.databricks.local;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.DelegateToFileSystem;

/** The FileContext face of {@link AbfssOnAzuriteFileSystem}: Delta writes table checksums through FileContext. */
public final class AbfssOnAzuriteContext extends DelegateToFileSystem {

  public AbfssOnAzuriteContext(URI uri, Configuration conf) throws IOException, URISyntaxException {
    super(uri, new AbfssOnAzuriteFileSystem(), conf, "abfss", true);
  }
}
