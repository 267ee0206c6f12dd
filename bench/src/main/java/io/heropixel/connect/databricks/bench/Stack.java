package io.heropixel.connect.databricks.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** The running local stack (bin/local-stack): its endpoints, and the Connect worker's process and log. */
final class Stack {

  private static final Duration UP_TIMEOUT = Duration.ofMinutes(6);

  private final Path repo;
  private final Path dir;
  private final Path upLog;

  Stack(Path repo, Path dir, Path upLog) {
    this.repo = repo;
    this.dir = dir;
    this.upLog = upLog;
  }

  /** What the last {@code bin/local-stack up} printed, as KEY='VALUE' lines. */
  Map<String, String> endpoints() {
    Map<String, String> endpoints = new HashMap<>();
    for (String line : readLines(dir.resolve("endpoints.env"))) {
      int eq = line.indexOf('=');
      if (eq > 0) {
        endpoints.put(line.substring(0, eq), unquote(line.substring(eq + 1)));
      }
    }
    return endpoints;
  }

  /** Values are single-quoted for the shell's eval. */
  private static String unquote(String value) {
    return value.length() >= 2 && value.startsWith("'") && value.endsWith("'")
        ? value.substring(1, value.length() - 1) : value;
  }

  String endpoint(String key) {
    String value = endpoints().get(key);
    if (value == null || value.isBlank()) {
      throw new IllegalStateException(key + " is missing from " + dir.resolve("endpoints.env"));
    }
    return value;
  }

  /**
   * The connector's settings for the local warehouse: where it is, its token and the JDBC driver
   * properties a warehouse without TLS and Thrift needs. Catalog, schema and staging are the caller's.
   */
  Map<String, String> warehouseSettings() {
    Map<String, String> settings = new HashMap<>();
    settings.put("databricks.server.hostname", endpoint("WAREHOUSE_HOST"));
    settings.put("databricks.port", endpoint("WAREHOUSE_PORT"));
    settings.put("databricks.http.path", endpoint("WAREHOUSE_HTTP_PATH"));
    settings.put("databricks.personal.access.token", endpoint("WAREHOUSE_TOKEN"));
    settings.put("databricks.jdbc.terms.accepted", "true");
    settings.put("databricks.jdbc.properties", "ssl=0;UseThriftClient=0;EnableQueryResultDownload=0;EnableTelemetry=0");
    return settings;
  }

  /** Starts whatever is down; the script's progress goes to the run's stack log. */
  void up() throws IOException, InterruptedException {
    Process p = new ProcessBuilder(repo.resolve("bin/local-stack").toString(), "up").directory(repo.toFile())
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.appendTo(upLog.toFile()))
        .start();
    if (!p.waitFor(UP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException("bin/local-stack up did not finish within " + UP_TIMEOUT + "; see " + upLog);
    }
    if (p.exitValue() != 0) {
      throw new IllegalStateException("bin/local-stack up failed; see " + upLog);
    }
  }

  /** SIGKILLs the Connect worker, as a crash or an OOM killer would, and waits until it is gone. */
  long killConnect() throws InterruptedException {
    ProcessHandle worker = connectProcess().orElseThrow(() -> new IllegalStateException("Connect is not running"));
    worker.destroyForcibly();
    try {
      worker.onExit().get(30, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("Connect worker " + worker.pid() + " survived SIGKILL", e);
    }
    return worker.pid();
  }

  /** The running worker's pid. */
  long connectPid() {
    return connectProcess().orElseThrow(() -> new IllegalStateException("Connect is not running")).pid();
  }

  boolean connectAlive() {
    return connectProcess().map(ProcessHandle::isAlive).orElse(false);
  }

  /** The worker's current log (the stack rotates it when it starts the worker). */
  Path connectLog() {
    return dir.resolve("logs/connect.log");
  }

  /** A directory under the stack's data directory, for a benchmark's own files. */
  Path dataDir(String name) {
    return dir.resolve("data").resolve(name);
  }

  /** The worker's process, only if its command line names our run directory (not a reused pid). */
  private Optional<ProcessHandle> connectProcess() {
    Path pidFile = dir.resolve("run/connect.pid");
    if (!Files.exists(pidFile)) {
      return Optional.empty();
    }
    long pid = Long.parseLong(readLines(pidFile).get(0).trim());
    String marker = dir.resolve("run") + "/";
    try {
      String cmdline = Files.readString(Path.of("/proc", Long.toString(pid), "cmdline"), StandardCharsets.ISO_8859_1);
      return cmdline.contains(marker) ? ProcessHandle.of(pid) : Optional.empty();
    } catch (IOException gone) {
      return Optional.empty();
    }
  }

  /** Keeps the worker's current log: `up` rotates it and keeps only one old copy. */
  void saveConnectLog(Path target) throws IOException {
    Files.copy(connectLog(), target, StandardCopyOption.REPLACE_EXISTING);
  }

  private static List<String> readLines(Path file) {
    try {
      return Files.readAllLines(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
