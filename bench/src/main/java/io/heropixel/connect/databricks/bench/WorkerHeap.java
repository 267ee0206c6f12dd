package io.heropixel.connect.databricks.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Connect worker's live heap: {@code jcmd <pid> GC.run} (a full GC), then {@code GC.heap_info}. What
 * is left after a full GC is what the worker holds on to, not garbage waiting for its collection.
 */
final class WorkerHeap {

  /** Bytes used after a full GC, the heap's committed size, and Metaspace (class metadata, outside the heap). */
  record Reading(long usedBytes, long committedBytes, long metaspaceBytes) {}

  /** A generation or the whole heap: "garbage-first heap   total 262144K, used 26563K [...". */
  private static final Pattern SPACE = Pattern.compile("^\\s*(\\S.*?)\\s+total (\\d+)K, used (\\d+)K");
  private static final Pattern METASPACE = Pattern.compile("^\\s*Metaspace\\s+used (\\d+)K");
  private static final int GCS = 2;

  private final Stack stack;

  WorkerHeap(Stack stack) {
    this.stack = stack;
  }

  Reading measure() throws IOException, InterruptedException {
    long pid = stack.connectPid();
    for (int i = 0; i < GCS; i++) {
      jcmd(pid, "GC.run");
    }
    return parse(jcmd(pid, "GC.heap_info"));
  }

  /** Sums the generations (Serial, Parallel) or takes the one heap line (G1). */
  static Reading parse(String heapInfo) {
    long used = 0;
    long committed = 0;
    long metaspace = 0;
    boolean found = false;
    for (String line : heapInfo.split("\n")) {
      Matcher space = SPACE.matcher(line);
      Matcher meta = METASPACE.matcher(line);
      if (space.find()) {
        committed += Long.parseLong(space.group(2)) * 1024;
        used += Long.parseLong(space.group(3)) * 1024;
        found = true;
      } else if (meta.find()) {
        metaspace = Long.parseLong(meta.group(1)) * 1024;
      }
    }
    if (!found) {
      throw new IllegalStateException("no heap figures in jcmd GC.heap_info:\n" + heapInfo);
    }
    return new Reading(used, committed, metaspace);
  }

  private static String jcmd(long pid, String command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder("jcmd", Long.toString(pid), command).redirectErrorStream(true).start();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(2, TimeUnit.MINUTES) || p.exitValue() != 0) {
      p.destroyForcibly();
      throw new IllegalStateException("jcmd " + pid + " " + command + " failed: " + new String(out, StandardCharsets.UTF_8));
    }
    return new String(out, StandardCharsets.UTF_8);
  }
}
