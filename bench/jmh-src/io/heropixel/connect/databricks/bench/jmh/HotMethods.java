package io.heropixel.connect.databricks.bench.jmh;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * The hottest methods of a JFR recording: for each Java execution sample, the method on top of the stack
 * (self time) and every distinct method on the stack (total time), as shares of all samples.
 *
 * <p>Usage: {@code HotMethods FILE.jfr [TOP]}
 */
public final class HotMethods {

  private HotMethods() {}

  public static void main(String[] args) throws IOException {
    int top = args.length > 1 ? Integer.parseInt(args[1]) : 15;
    Map<String, Integer> self = new HashMap<>();
    Map<String, Integer> total = new HashMap<>();
    int samples = 0;
    for (RecordedEvent event : RecordingFile.readAllEvents(Path.of(args[0]))) {
      RecordedStackTrace stack = event.getStackTrace();
      if (!event.getEventType().getName().equals("jdk.ExecutionSample") || stack == null
          || stack.getFrames().isEmpty()) {
        continue;
      }
      samples++;
      List<RecordedFrame> frames = stack.getFrames();
      self.merge(name(frames.get(0)), 1, Integer::sum);
      frames.stream().map(HotMethods::name).distinct().forEach(m -> total.merge(m, 1, Integer::sum));
    }
    System.out.printf("%d samples%n", samples);
    print("self", self, samples, top);
    print("total (on the stack), connector and parquet/avro methods only", filter(total), samples, top);
  }

  private static Map<String, Integer> filter(Map<String, Integer> total) {
    Map<String, Integer> ours = new HashMap<>();
    total.forEach((m, n) -> {
      if (m.startsWith("io.heropixel.connect.databricks.conversion") || m.startsWith("io.heropixel.connect.databricks.staging")
          || m.startsWith("org.apache.parquet") || m.startsWith("org.apache.avro")) {
        ours.put(m, n);
      }
    });
    return ours;
  }

  private static void print(String title, Map<String, Integer> counts, int samples, int top) {
    System.out.println("  " + title + ":");
    counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(top)
        .forEach(e -> System.out.printf("    %5.1f%%  %s%n", 100.0 * e.getValue() / samples, e.getKey()));
  }

  private static String name(RecordedFrame frame) {
    return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
  }
}
