package io.heropixel.connect.databricks.it;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Just the part of Apicurio Registry's v2 REST API that Apicurio 2.6's Avro serializer and deserializer call,
 * in memory on 127.0.0.1, one per test JVM. The real registry is a Quarkus server, too heavy to embed.
 *
 * <ul>
 *   <li>{@code POST /groups/{group}/artifacts}, header {@code X-Registry-ArtifactId}: the serializer's
 *       auto-register ({@code ifExists=RETURN_OR_UPDATE}): the same content returns its version, new content
 *       becomes the artifact's next version. Answers the version's metadata (globalId, contentId, ...).
 *   <li>{@code GET /ids/globalIds/{id}}: the deserializer fetches the schema by the global id in the record.
 *   <li>{@code GET /ids/globalIds/{id}/references}: and its references (none here).
 * </ul>
 * Anything else is a 404 and is kept in {@link #unhandled()}, so a test notices a call this fake lacks.
 */
final class FakeSchemaRegistry {

  private static final String BASE = "/apis/registry/v2";
  private static final Pattern CREATE = Pattern.compile(BASE + "/groups/([^/]+)/artifacts");
  private static final Pattern CONTENT = Pattern.compile(BASE + "/ids/globalIds/(\\d+)");
  private static final Pattern REFERENCES = Pattern.compile(BASE + "/ids/globalIds/(\\d+)/references");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static volatile FakeSchemaRegistry instance;

  private record Version(String group, String artifact, int version, long globalId, String content) {}

  private final List<Version> versions = new ArrayList<>();
  private final List<String> unhandled = new CopyOnWriteArrayList<>();
  private final HttpServer server;

  private FakeSchemaRegistry() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", this::handle);
  }

  /** The registry, started on the first call. */
  static FakeSchemaRegistry get() {
    FakeSchemaRegistry current = instance;
    if (current == null) {
      synchronized (FakeSchemaRegistry.class) {
        current = instance;
        if (current == null) {
          current = start();
          instance = current;
        }
      }
    }
    return current;
  }

  private static FakeSchemaRegistry start() {
    try {
      FakeSchemaRegistry registry = new FakeSchemaRegistry();
      // HttpServer's dispatcher thread inherits daemon status from the thread that starts it: a daemon
      // dispatcher never keeps the test JVM alive, so no stop hook is needed.
      Thread starter = new Thread(registry.server::start, "fake-schema-registry-start");
      starter.setDaemon(true);
      starter.start();
      starter.join();
      return registry;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The value of Apicurio's {@code apicurio.registry.url}. */
  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + BASE;
  }

  /** Requests this fake has no answer for, as "METHOD path?query". */
  List<String> unhandled() {
    return List.copyOf(unhandled);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String method = exchange.getRequestMethod();
      String path = exchange.getRequestURI().getPath();
      Matcher m;
      if (method.equals("POST") && (m = CREATE.matcher(path)).matches()) {
        String artifact = exchange.getRequestHeaders().getFirst("X-Registry-ArtifactId");
        String content = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        respond(exchange, 200, "application/json", JSON.writeValueAsBytes(metadata(register(m.group(1), artifact,
            content))));
      } else if (method.equals("GET") && (m = REFERENCES.matcher(path)).matches()) {
        respond(exchange, 200, "application/json", "[]".getBytes(StandardCharsets.UTF_8));
      } else if (method.equals("GET") && (m = CONTENT.matcher(path)).matches()) {
        Version version = byGlobalId(Long.parseLong(m.group(1)));
        if (version == null) {
          respond(exchange, 404, "application/json", error(404, "No artifact with global id " + m.group(1)));
        } else {
          respond(exchange, 200, "application/json", version.content().getBytes(StandardCharsets.UTF_8));
        }
      } else {
        String query = exchange.getRequestURI().getRawQuery();
        unhandled.add(method + " " + path + (query == null ? "" : "?" + query));
        respond(exchange, 404, "application/json", error(404, "Not in FakeSchemaRegistry: " + method + " " + path));
      }
    }
  }

  private synchronized Version register(String group, String artifact, String content) {
    int latest = 0;
    for (Version v : versions) {
      if (v.group().equals(group) && v.artifact().equals(artifact)) {
        if (v.content().equals(content)) {
          return v;
        }
        latest = Math.max(latest, v.version());
      }
    }
    Version created = new Version(group, artifact, latest + 1, versions.size() + 1, content);
    versions.add(created);
    return created;
  }

  private synchronized Version byGlobalId(long globalId) {
    return versions.stream().filter(v -> v.globalId() == globalId).findFirst().orElse(null);
  }

  /** Apicurio's ArtifactMetaData; each version's content is its own, so contentId is the globalId. */
  private static Map<String, Object> metadata(Version version) {
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("groupId", version.group());
    metadata.put("id", version.artifact());
    metadata.put("version", Integer.toString(version.version()));
    metadata.put("type", "AVRO");
    metadata.put("state", "ENABLED");
    metadata.put("globalId", version.globalId());
    metadata.put("contentId", version.globalId());
    return metadata;
  }

  private static byte[] error(int code, String message) throws IOException {
    return JSON.writeValueAsBytes(Map.of("error_code", code, "message", message));
  }

  private static void respond(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }
}
