package io.heropixel.connect.databricks.bench;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** What the benchmarks' mains share: their options as {@code --name value} pairs, --help, the run's stamp. */
final class BenchMain {

  private BenchMain() {}

  /**
   * The parsed options; empty after printing the usage for {@code --help}. A usage error is printed with the
   * usage and exits with status 2.
   */
  static <T> Optional<T> options(String command, String usage, String[] args, Function<String[], T> parse) {
    if (args.length > 0 && args[0].equals("--help")) {
      System.out.print(usage);
      return Optional.empty();
    }
    try {
      return Optional.of(parse.apply(args));
    } catch (IllegalArgumentException e) {
      System.err.println(command + ": " + e.getMessage() + "\n" + usage);
      System.exit(2);
      return Optional.empty();
    }
  }

  /** {@code --name value} arguments in their order; a name without a value is a usage error. */
  static Map<String, String> pairs(String[] args) {
    Map<String, String> pairs = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i += 2) {
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException("missing value for " + args[i]);
      }
      pairs.put(args[i], args[i + 1]);
    }
    return pairs;
  }

  /** The run's time stamp in file names: yyyyMMdd-HHmmss, UTC. */
  static String stamp(Instant at) {
    return DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(at);
  }
}
