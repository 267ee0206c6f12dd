package io.heropixel.connect.databricks.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What the benchmarks ran on: cores, CPU, the JVM, and the load average while they ran. */
final class Machine {

  private Machine() {}

  /** The 1-minute load average, from /proc/loadavg. */
  static double load() {
    try {
      return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
    } catch (IOException | RuntimeException notLinux) {
      return Double.NaN;
    }
  }

  static String describe() {
    String cpu = "unknown CPU";
    try {
      cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
          .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse(cpu);
    } catch (IOException notLinux) {
      // keep "unknown CPU"
    }
    return Runtime.getRuntime().availableProcessors() + " cores (" + cpu + "), "
        + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
        + "; every process on the same machine";
  }
}
