package io.heropixel.connect.databricks.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.function.LongSupplier;

/**
 * Hard-kills the Connect worker at random moments and brings it back. Each delay starts once the sink's
 * consumers own their partitions again, so kills land while the tasks buffer, stage, load or commit,
 * not while they wait to rejoin their group.
 */
final class WorkerKiller implements Callable<List<WorkerKiller.Kill>> {

  /** One kill: when, how far the pipeline was, the connector's last words, and how long recovery took. */
  record Kill(int number, Instant at, long produced, long tableRows, long pid, String lastConnectorLine,
      Duration workerBack, Duration consuming) {}

  private static final Duration RESUME_TIMEOUT = Duration.ofMinutes(5);

  private final Stack stack;
  private final SoakTopic topic;
  private final String consumerGroup;
  private final TableCheck table;
  private final LongSupplier produced;
  private final SoakOptions options;
  private final Path logs;
  private final Instant started;
  private final Random random;

  WorkerKiller(Stack stack, SoakTopic topic, String consumerGroup, TableCheck table, LongSupplier produced,
      SoakOptions options, Path logs, Instant started) {
    this.stack = stack;
    this.topic = topic;
    this.consumerGroup = consumerGroup;
    this.table = table;
    this.produced = produced;
    this.options = options;
    this.logs = logs;
    this.started = started;
    this.random = new Random(options.seed());
  }

  @Override
  public List<Kill> call() throws Exception {
    List<Kill> kills = new ArrayList<>();
    for (int n = 1; n <= options.kills(); n++) {
      long spread = options.maxKillDelay().toMillis() - options.minKillDelay().toMillis();
      Thread.sleep(options.minKillDelay().toMillis() + random.nextLong(spread + 1));
      Set<String> consumers = topic.stableMembers(consumerGroup);
      long rows = table.count();
      long sent = produced.getAsLong();
      long pid = stack.killConnect();
      Instant at = Instant.now();
      Path log = logs.resolve("connect-until-kill-" + n + ".log");
      stack.saveConnectLog(log);
      stack.up();
      Duration workerBack = Duration.between(at, Instant.now());
      awaitNewConsumers(consumers);
      Kill kill = new Kill(n, at, sent, rows, pid, lastConnectorLine(log), workerBack, Duration.between(at, Instant.now()));
      kills.add(kill);
      System.out.printf("kill %d/%d at +%.1f s: worker %d SIGKILLed with %d produced, %d in the table; worker back "
          + "after %.1f s, consuming after %.1f s%n", n, options.kills(), seconds(Duration.between(started, at)),
          pid, sent, rows, seconds(workerBack), seconds(kill.consuming()));
    }
    return kills;
  }

  /** Waits until a stable group of consumers other than the killed worker's owns every partition. */
  void awaitNewConsumers(Set<String> killed) throws ExecutionException, InterruptedException {
    long deadline = System.nanoTime() + RESUME_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      Set<String> now = topic.stableMembers(consumerGroup);
      if (!now.isEmpty() && now.stream().noneMatch(killed::contains)) {
        return;
      }
      Thread.sleep(250);
    }
    throw new IllegalStateException("The sink's consumers did not own all partitions again within " + RESUME_TIMEOUT);
  }

  /** The connector's last log line before the kill: what it was doing. */
  private static String lastConnectorLine(Path log) throws IOException {
    try (var lines = Files.lines(log)) {
      return lines.filter(l -> l.startsWith("[") && l.contains("(io.heropixel.connect.databricks.")).reduce((a, b) -> b)
          .map(l -> l.length() > 220 ? l.substring(0, 220) + "..." : l).orElse("(none)");
    }
  }

  static double seconds(Duration d) {
    return d.toMillis() / 1000.0;
  }
}
