package io.heropixel.connect.databricks.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** The soak connector over Connect's REST API. */
final class ConnectorAdmin {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String base;
  private final String name;

  ConnectorAdmin(String connectUrl, String name) {
    this.base = connectUrl + "/connectors/" + name;
    this.name = name;
  }

  String name() {
    return name;
  }

  void put(Map<String, String> config) throws IOException, InterruptedException {
    HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(base + "/config"))
        .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(config))));
    if (r.statusCode() >= 300) {
      throw new IllegalStateException("Connect refused connector " + name + ": " + r.statusCode() + " " + r.body());
    }
  }

  void delete() throws IOException, InterruptedException {
    send(HttpRequest.newBuilder(URI.create(base)).DELETE());
  }

  /** The status document, or empty while the worker does not answer or does not know the connector yet. */
  Optional<JsonNode> status() throws InterruptedException {
    try {
      HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(base + "/status")).GET());
      return r.statusCode() == 200 ? Optional.of(JSON.readTree(r.body())) : Optional.empty();
    } catch (IOException workerDown) {
      return Optional.empty();
    }
  }

  /** The trace of the first FAILED task, if any. */
  Optional<String> failedTask() throws InterruptedException {
    return status().flatMap(s -> {
      for (JsonNode task : s.path("tasks")) {
        if ("FAILED".equals(task.path("state").asText())) {
          return Optional.of("task " + task.path("id").asText() + ": " + task.path("trace").asText());
        }
      }
      return Optional.empty();
    });
  }

  /** Waits until the connector and all its tasks run. */
  void awaitRunning(int tasks, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    String last = "no status";
    while (System.nanoTime() < deadline) {
      Optional<JsonNode> status = status();
      if (status.isPresent()) {
        JsonNode s = status.get();
        last = s.toString();
        long running = 0;
        for (JsonNode task : s.path("tasks")) {
          running += "RUNNING".equals(task.path("state").asText()) ? 1 : 0;
        }
        if ("RUNNING".equals(s.path("connector").path("state").asText()) && running == tasks) {
          return;
        }
      }
      Thread.sleep(500);
    }
    throw new IllegalStateException("Connector " + name + " is not running after " + timeout + ": " + last);
  }

  private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
    return http.send(request.timeout(REQUEST_TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
  }
}
