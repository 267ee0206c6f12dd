package io.heropixel.connect.databricks.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Talks to a Connect worker over its public REST API with plain java.net.http, so tests exercise the
 * same JSON contract that users and the quickstart do (not the embedded cluster's Jersey client).
 */
public final class ConnectRestClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(100);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    // A supplier, not a string: the answering worker changes when workers are added or removed.
    private final Supplier<String> baseUrl;

    public ConnectRestClient(Supplier<String> baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** Creates or updates a connector; answers the connector info JSON. */
    public JsonNode putConnectorConfig(String name, Map<String, String> config) {
        return send("PUT", "/connectors/" + encode(name) + "/config", json(config));
    }

    public void deleteConnector(String name) {
        send("DELETE", "/connectors/" + encode(name), null);
    }

    /** Validates a config against a connector plugin; answers the ConfigInfos JSON (error_count, configs[]). */
    public JsonNode validate(String connectorClass, Map<String, String> config) {
        Map<String, String> withClass = new HashMap<>(config);
        withClass.putIfAbsent("connector.class", connectorClass);
        return send("PUT", "/connector-plugins/" + encode(connectorClass) + "/config/validate", json(withClass));
    }

    /** Restarts the connector and all its tasks. */
    public void restartConnector(String name) {
        send("POST", "/connectors/" + encode(name) + "/restart?includeTasks=true&onlyFailed=false", null);
    }

    /** Answers once the worker has started and joined its group: GET /health is 200 only then. */
    public JsonNode health() {
        return send("GET", "/health", null);
    }

    public JsonNode status(String name) {
        return send("GET", "/connectors/" + encode(name) + "/status", null);
    }

    /**
     * Waits until the connector and exactly {@code expectedTasks} tasks are RUNNING; fails fast with the
     * worker's stack trace when the connector or a task FAILED.
     */
    public void awaitRunning(String name, int expectedTasks, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        String last = "no status yet";
        while (Instant.now().isBefore(deadline)) {
            try {
                JsonNode status = status(name);
                last = status.toString();
                failIfFailed(name, status);
                if (isRunning(status, expectedTasks)) {
                    return;
                }
            } catch (ConnectRestException e) {
                // 404 until the herder has written the connector config; 409 during a rebalance.
                if (e.status() != 404 && e.status() != 409) {
                    throw e;
                }
                last = e.getMessage();
            }
            sleep(POLL_INTERVAL);
        }
        throw new AssertionError("Connector " + name + " not RUNNING with " + expectedTasks
                + " tasks within " + timeout + "; last status: " + last);
    }

    private static boolean isRunning(JsonNode status, int expectedTasks) {
        if (!"RUNNING".equals(status.path("connector").path("state").asText())) {
            return false;
        }
        JsonNode tasks = status.path("tasks");
        if (tasks.size() != expectedTasks) {
            return false;
        }
        for (JsonNode task : tasks) {
            if (!"RUNNING".equals(task.path("state").asText())) {
                return false;
            }
        }
        return true;
    }

    private static void failIfFailed(String name, JsonNode status) {
        if ("FAILED".equals(status.path("connector").path("state").asText())) {
            throw new AssertionError("Connector " + name + " FAILED: " + status.path("connector").path("trace").asText());
        }
        for (JsonNode task : status.path("tasks")) {
            if ("FAILED".equals(task.path("state").asText())) {
                throw new AssertionError("Task " + name + "-" + task.path("id").asInt() + " FAILED: "
                        + task.path("trace").asText());
            }
        }
    }

    private JsonNode send(String method, String path, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl.get() + path))
                .timeout(REQUEST_TIMEOUT)
                .header("Accept", "application/json");
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted during " + method + " " + path, e);
        }
        if (response.statusCode() / 100 != 2) {
            throw new ConnectRestException(method + " " + path, response.statusCode(), response.body());
        }
        return parse(response.body());
    }

    private static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return JSON.missingNode();
        }
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException("Not JSON: " + body, e);
        }
    }

    private static String json(Map<String, String> config) {
        try {
            return JSON.writeValueAsString(config);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String encode(String pathSegment) {
        return URLEncoder.encode(pathSegment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
