package io.heropixel.connect.databricks.local;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A self-signed certificate for 127.0.0.1, made once per data directory with the JDK's keytool, for the
 * warehouse's HTTPS listener: clients accept it with the driver's {@code AllowSelfSignedCerts=1}.
 */
final class LocalTls {

  private static final char[] PASSWORD = "local-warehouse".toCharArray();

  private LocalTls() {}

  static SSLContext context(Path dataDir) throws IOException {
    Path keyStore = dataDir.resolve("tls.p12");
    if (!Files.exists(keyStore)) {
      generate(keyStore);
    }
    try (InputStream in = Files.newInputStream(keyStore)) {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(in, PASSWORD);
      KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keys.init(store, PASSWORD);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keys.getKeyManagers(), null, null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IOException("Cannot load " + keyStore, e);
    }
  }

  private static void generate(Path keyStore) throws IOException {
    Files.createDirectories(keyStore.getParent());
    String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
    Process process = new ProcessBuilder(List.of(keytool, "-genkeypair", "-alias", "local-warehouse",
        "-keyalg", "RSA", "-keysize", "2048", "-validity", "3650", "-dname", "CN=127.0.0.1",
        "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-storetype", "PKCS12", "-keystore", keyStore.toString(),
        "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD)))
        .redirectErrorStream(true).start();
    try {
      String output = new String(process.getInputStream().readAllBytes());
      if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new IOException("keytool failed: " + output);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("keytool was interrupted", e);
    }
  }
}
