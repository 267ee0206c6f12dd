package io.heropixel.connect.databricks.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A Kafka Connect distributed worker in a JVM of its own, run as a Kafka distribution runs it: {@code
 * ConnectDistributed} on Connect's class path alone (resolved from {@code bin/lib/connect-worker.pom.xml}, as
 * {@code bin/local-stack} resolves it), with this project's connector loaded from {@code plugin.path} =
 * {@code target/plugin}, the plugin that {@code mvn package} unpacks there. Unlike the embedded workers of
 * {@link SharedConnectCluster}, it has a heap of its own, so a test can limit and watch it.
 *
 * <p>It joins a broker of the caller's (the shared cluster's) with a group and internal topics of its own.
 * {@link #close()} destroys it; so does JVM exit, should a test not get that far.
 */
final class ForkedConnectWorker implements AutoCloseable {

  private static final Path REPO = Path.of("").toAbsolutePath();
  private static final Path WORKER_POM = REPO.resolve("bin/lib/connect-worker.pom.xml");
  /** The resolved class path, resolved again when the pom is newer. */
  private static final Path CLASS_PATH_CACHE = REPO.resolve("target/connect-worker-classpath.txt");
  private static final Path PLUGIN_PATH = REPO.resolve("target/plugin");
  private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

  private final Process process;
  private final Path log;
  private final ConnectRestClient rest;
  private final Thread destroyOnExit;

  private ForkedConnectWorker(Process process, Path log, String url) {
    this.process = process;
    this.log = log;
    this.rest = new ConnectRestClient(() -> url);
    this.destroyOnExit = new Thread(this::destroy, "forked-connect-worker-destroy");
    Runtime.getRuntime().addShutdownHook(destroyOnExit);
  }

  /**
   * Starts a worker and waits until its REST API answers {@code /health}, i.e. it has joined its group.
   *
   * @param dir where its configuration, class path argfile and log go
   * @param jvmOptions such as {@code -Xmx128m}
   * @param workerProps added to (and overriding) the worker's own properties
   */
  static ForkedConnectWorker start(String bootstrapServers, Path dir, List<String> jvmOptions,
      Map<String, String> workerProps) {
    requirePlugin();
    int port = freePort();
    String id = SharedConnectCluster.uniqueName("forked-connect");
    Map<String, String> props = new LinkedHashMap<>();
    props.put("bootstrap.servers", bootstrapServers);
    props.put("group.id", id);
    props.put("config.storage.topic", id + "-configs");
    props.put("offset.storage.topic", id + "-offsets");
    props.put("status.storage.topic", id + "-status");
    props.put("config.storage.replication.factor", "1");
    props.put("offset.storage.replication.factor", "1");
    props.put("status.storage.replication.factor", "1");
    props.put("key.converter", "org.apache.kafka.connect.json.JsonConverter");
    props.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
    props.put("listeners", "http://127.0.0.1:" + port);
    props.put("rest.advertised.host.name", "127.0.0.1");
    props.put("rest.advertised.port", Integer.toString(port));
    props.put("plugin.path", PLUGIN_PATH.toString());
    // The plugin's jar lists the connector in META-INF/services; no class scanning needed.
    props.put("plugin.discovery", "service_load");
    props.putAll(workerProps);
    try {
      Files.createDirectories(dir);
      Path properties = dir.resolve("connect-distributed.properties");
      Files.writeString(properties, props.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
          .collect(Collectors.joining("\n", "", "\n")));
      Path log4j = dir.resolve("log4j2.properties");
      Files.writeString(log4j, String.join("\n", "status = error", "appender.out.type = Console",
          "appender.out.name = out", "appender.out.layout.type = PatternLayout",
          "appender.out.layout.pattern = [%d] %p %m (%c:%L)%n", "rootLogger.level = info",
          "rootLogger.appenderRef.out.ref = out", "logger.clients.name = org.apache.kafka.clients",
          "logger.clients.level = warn", "logger.rest.name = org.apache.kafka.connect.runtime.rest.RestServer",
          "logger.rest.level = warn", ""));
      // An argfile keeps the class path off the command line, as bin/local-stack does.
      Path classPath = dir.resolve("worker-classpath.args");
      Files.writeString(classPath, "-cp \"" + workerClassPath() + "\"\n");
      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      command.addAll(jvmOptions);
      command.add("-Dlog4j2.configurationFile=" + log4j.toUri());
      command.add("@" + classPath);
      command.add("org.apache.kafka.connect.cli.ConnectDistributed");
      command.add(properties.toString());
      Path log = dir.resolve("worker.log");
      Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
      ForkedConnectWorker worker = new ForkedConnectWorker(process, log, "http://127.0.0.1:" + port);
      worker.awaitHealthy();
      return worker;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start a Connect worker in " + dir, e);
    }
  }

  ConnectRestClient rest() {
    return rest;
  }

  boolean isAlive() {
    return process.isAlive();
  }

  Path log() {
    return log;
  }

  /** The worker's log (stdout and stderr) so far. */
  String logText() {
    try {
      return Files.readString(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The last lines of its log, for failure messages. */
  String logTail(int lines) {
    List<String> all = logText().lines().toList();
    return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
  }

  /** Whether it is alive, and if not, how it ended and the end of its log. */
  String describe() {
    return process.isAlive() ? "worker alive (pid " + process.pid() + ")"
        : "worker exited with status " + process.exitValue() + "; end of " + log + ":\n" + logTail(40);
  }

  @Override
  public void close() {
    destroy();
    try {
      Runtime.getRuntime().removeShutdownHook(destroyOnExit);
    } catch (IllegalStateException exiting) {
      // The JVM is shutting down; the hook destroys it as well.
    }
  }

  private void destroy() {
    process.destroy();
    try {
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }

  private void awaitHealthy() {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    String last = "no answer yet";
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("The Connect worker did not start: " + describe());
      }
      try {
        rest.health();
        return;
      } catch (UncheckedIOException | ConnectRestException notYet) {
        last = notYet.getMessage();
      }
      EndToEnd.sleep(Duration.ofMillis(250));
    }
    close();
    throw new IllegalStateException("The Connect worker was not healthy within " + START_TIMEOUT + " (" + last
        + "); see " + log);
  }

  private static void requirePlugin() {
    try (var dirs = Files.exists(PLUGIN_PATH) ? Files.list(PLUGIN_PATH) : java.util.stream.Stream.<Path>empty()) {
      if (dirs.noneMatch(d -> Files.isDirectory(d.resolve("lib")))) {
        throw new IllegalStateException("No plugin under " + PLUGIN_PATH + ": run `mvn package` first (failsafe "
            + "runs after it)");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Connect and its dependencies, as a Kafka distribution ships them, without any of this project's jars:
   * resolved with Maven from {@code bin/lib/connect-worker.pom.xml} (offline first, then online) and cached
   * under {@code target/} until the pom changes.
   */
  static synchronized String workerClassPath() {
    try {
      if (!Files.exists(CLASS_PATH_CACHE)
          || Files.getLastModifiedTime(CLASS_PATH_CACHE).compareTo(Files.getLastModifiedTime(WORKER_POM)) < 0) {
        Path resolved = CLASS_PATH_CACHE.resolveSibling(CLASS_PATH_CACHE.getFileName() + ".tmp");
        Path mavenLog = CLASS_PATH_CACHE.resolveSibling("connect-worker-classpath.log");
        if (!resolveWithMaven(true, resolved, mavenLog) && !resolveWithMaven(false, resolved, mavenLog)) {
          throw new IllegalStateException("Maven could not resolve the Connect worker's class path from "
              + WORKER_POM + ":\n" + Files.readString(mavenLog));
        }
        Files.move(resolved, CLASS_PATH_CACHE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      }
      return Files.readString(CLASS_PATH_CACHE).trim();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean resolveWithMaven(boolean offline, Path output, Path log) throws IOException {
    List<String> command = new ArrayList<>();
    // The Maven running this build, when it says where it is (the pom passes maven.home and maven.repo.local).
    String home = System.getProperty("maven.home");
    Path mvn = home == null ? null : Path.of(home, "bin", "mvn");
    command.add(mvn != null && Files.isExecutable(mvn) ? mvn.toString() : "mvn");
    command.addAll(List.of("-q", "-B", "-ntp"));
    if (offline) {
      command.add("-o");
    }
    String repository = System.getProperty("maven.repo.local");
    if (repository != null && !repository.isBlank()) {
      command.add("-Dmaven.repo.local=" + repository);
    }
    command.addAll(List.of("-f", WORKER_POM.toString(), "dependency:build-classpath",
        "-Dmdep.outputFile=" + output));
    Files.createDirectories(output.getParent());
    Process maven = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    try {
      if (!maven.waitFor(5, TimeUnit.MINUTES)) {
        maven.destroyForcibly();
        return false;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      maven.destroyForcibly();
      throw new IllegalStateException(e);
    }
    return maven.exitValue() == 0 && Files.size(output) > 0;
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("No free port", e);
    }
  }
}
