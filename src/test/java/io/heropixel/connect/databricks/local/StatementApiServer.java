package io.heropixel.connect.databricks.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;

/**
 * HTTP front of the local warehouse: the Databricks SQL Statement Execution API routes the
 * Databricks JDBC driver uses (sessions, statements, result chunks, cancel, close) and the Files API
 * routes of {@link FilesApi}, with bearer token checks and Databricks-style error bodies.
 */
final class StatementApiServer implements AutoCloseable {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Duration DEFAULT_WAIT = Duration.ofSeconds(10);
  private static final Pattern SESSIONS =
      Pattern.compile("/api/2\\.0/sql/(?:warehouses/[^/]+/)?sessions/?");
  private static final Pattern SESSION =
      Pattern.compile("/api/2\\.0/sql/(?:warehouses/[^/]+/)?sessions/([^/]+)");
  private static final Pattern STATEMENTS = Pattern.compile("/api/2\\.0/sql/statements/?");
  private static final Pattern STATEMENT =
      Pattern.compile("/api/2\\.0/sql/statements/([^/]+)(?:/status)?/?");
  private static final Pattern CANCEL = Pattern.compile("/api/2\\.0/sql/statements/([^/]+)/cancel");
  private static final Pattern CHUNK =
      Pattern.compile("/api/2\\.0/sql/statements/([^/]+)/result/chunks/(\\d+)");

  private final HttpServer http;
  /** The HTTPS listener on port 443, once {@link #serveTls} started it. */
  private HttpsServer https;
  private final ExecutorService handlers;
  private final StatementExecutor executor;
  private final FilesApi files;
  private final byte[] token;
  private final OAuthServer oauth;
  private final String warehouseId;
  private volatile int chunkRowLimit = 20_000;
  private volatile Duration maxWait = Duration.ofSeconds(50);
  private volatile boolean unavailable;
  private final AtomicLong httpsRequests = new AtomicLong();

  StatementApiServer(int port, String token, OAuthServer oauth, String warehouseId, StatementExecutor executor,
      FilesApi files) throws IOException {
    this.oauth = oauth;
    this.executor = executor;
    this.files = files;
    this.token = token.getBytes(StandardCharsets.UTF_8);
    this.warehouseId = warehouseId;
    this.http =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
    this.handlers = Executors.newFixedThreadPool(16);
    http.setExecutor(handlers);
    http.createContext("/", this::handle);
    http.start();
  }

  int port() {
    return http.getAddress().getPort();
  }

  /**
   * Serves the same routes over HTTPS on {@code port} too, unless already served: the driver's OAuth
   * machine-to-machine mode reaches the workspace at {@code https://<host>:443} whatever port it is given.
   */
  synchronized void serveTls(int port, SSLContext context) throws IOException {
    if (https != null) {
      return;
    }
    HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
    server.setHttpsConfigurator(new HttpsConfigurator(context));
    server.setExecutor(handlers);
    server.createContext("/", this::handle);
    server.start();
    https = server;
  }

  void chunkRowLimit(int rows) {
    if (rows < 1) {
      throw new IllegalArgumentException("chunk row limit must be positive: " + rows);
    }
    this.chunkRowLimit = rows;
  }

  void maxWait(Duration wait) {
    this.maxWait = wait;
  }

  void unavailable(boolean unavailable) {
    this.unavailable = unavailable;
  }

  /** Requests served over HTTPS so far. */
  long httpsRequests() {
    return httpsRequests.get();
  }

  private void handle(HttpExchange exchange) throws IOException {
    if (exchange instanceof HttpsExchange) {
      httpsRequests.incrementAndGet();
    }
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      if (path.equals(OAuthServer.TOKEN_PATH)) {
        oauth.handle(exchange, origin(exchange));
        return;
      }
      if (path.equals(OAuthServer.DISCOVERY_PATH)) {
        send(exchange, 200, oauth.discovery(origin(exchange)));
        return;
      }
      if (!path.startsWith("/api/")) {
        // Other discovery endpoints (/.well-known/databricks-config): the driver treats 404 as "not available".
        send(exchange, 404, error("NOT_FOUND", "No such endpoint: " + path));
        return;
      }
      if (unavailable) {
        // What Databricks' gateway answers while a warehouse starts: no Retry-After header.
        send(exchange, 503, error("TEMPORARILY_UNAVAILABLE",
            "The service at " + path + " is temporarily unavailable. Please try again later."));
        return;
      }
      String refusal = authentication(exchange);
      if (refusal != null) {
        send(exchange, 401, error("UNAUTHENTICATED", refusal));
        return;
      }
      route(exchange, exchange.getRequestMethod(), path);
    } catch (IllegalArgumentException e) {
      send(exchange, 400, error("INVALID_PARAMETER_VALUE", e.getMessage()));
    } catch (RuntimeException e) {
      send(exchange, 500, error("INTERNAL_ERROR", String.valueOf(e.getMessage())));
    }
  }

  /** The scheme, host and port the client reached this server at. */
  private static String origin(HttpExchange exchange) {
    String scheme = exchange instanceof HttpsExchange ? "https" : "http";
    String host = exchange.getRequestHeaders().getFirst("Host");
    return scheme + "://" + (host == null ? "127.0.0.1" : host);
  }

  /** Why the request's bearer token is refused: neither the personal access token nor a live OAuth token. */
  private String authentication(HttpExchange exchange) {
    String header = exchange.getRequestHeaders().getFirst("Authorization");
    if (header == null || !header.startsWith("Bearer ")) {
      return "Invalid access token.";
    }
    String presented = header.substring("Bearer ".length());
    if (MessageDigest.isEqual(presented.getBytes(StandardCharsets.UTF_8), token)) {
      return null;
    }
    return switch (oauth.check(presented)) {
      case VALID -> null;
      case EXPIRED -> "Token is expired.";
      case UNKNOWN -> "Invalid access token.";
    };
  }

  private void route(HttpExchange exchange, String method, String path) throws IOException {
    Matcher m;
    if (path.startsWith(FilesApi.ROOT)) {
      files.handle(exchange, method, exchange.getRequestURI().getRawPath());
    } else if (method.equals("POST") && SESSIONS.matcher(path).matches()) {
      createSession(exchange);
    } else if (method.equals("DELETE") && (m = SESSION.matcher(path)).matches()) {
      executor.closeSession(m.group(1));
      send(exchange, 200, MAPPER.createObjectNode());
    } else if (method.equals("POST") && STATEMENTS.matcher(path).matches()) {
      executeStatement(exchange);
    } else if (method.equals("POST") && (m = CANCEL.matcher(path)).matches()) {
      executor.cancel(m.group(1));
      send(exchange, 200, MAPPER.createObjectNode());
    } else if (method.equals("GET") && (m = CHUNK.matcher(path)).matches()) {
      RunningStatement statement = statement(exchange, m.group(1));
      if (statement != null) {
        send(exchange, 200, ResultEncoder.chunk(statement, Integer.parseInt(m.group(2))));
      }
    } else if (method.equals("GET") && (m = STATEMENT.matcher(path)).matches()) {
      RunningStatement statement = statement(exchange, m.group(1));
      if (statement != null) {
        send(exchange, 200, ResultEncoder.statement(statement));
      }
    } else if (method.equals("DELETE") && (m = STATEMENT.matcher(path)).matches()) {
      executor.close(m.group(1));
      send(exchange, 200, MAPPER.createObjectNode());
    } else {
      send(exchange, 404, error("ENDPOINT_NOT_FOUND", "No API found for '" + method + " " + path + "'"));
    }
  }

  private void createSession(HttpExchange exchange) throws IOException {
    JsonNode body = body(exchange);
    String requested = text(body, "warehouse_id");
    if (requested != null && !requested.equals(warehouseId)) {
      send(exchange, 404, error("RESOURCE_DOES_NOT_EXIST", "No warehouse " + requested));
      return;
    }
    String sessionId;
    try {
      sessionId = executor.openSession(text(body, "catalog"), text(body, "schema"));
    } catch (RuntimeException e) {
      send(exchange, 400, error("INVALID_PARAMETER_VALUE", StatementError.of(e).message()));
      return;
    }
    ObjectNode response = MAPPER.createObjectNode();
    response.put("session_id", sessionId);
    send(exchange, 200, response);
  }

  private void executeStatement(HttpExchange exchange) throws IOException {
    JsonNode body = body(exchange);
    String sql = text(body, "statement");
    if (sql == null || sql.isBlank()) {
      throw new IllegalArgumentException("statement is required");
    }
    String requested = text(body, "warehouse_id");
    if (requested != null && !requested.equals(warehouseId)) {
      send(exchange, 404, error("RESOURCE_DOES_NOT_EXIST", "No warehouse " + requested));
      return;
    }
    String sessionId = text(body, "session_id");
    if (sessionId != null && executor.isExpired(sessionId)) {
      send(exchange, 400, error("BAD_REQUEST",
          "Invalid SessionHandle: Session [" + sessionId + "] is closed."));
      return;
    }
    if (sessionId != null && !executor.hasSession(sessionId)) {
      send(exchange, 404, error("NOT_FOUND", "Session " + sessionId + " does not exist"));
      return;
    }
    RunningStatement statement =
        executor.submit(
            sessionId,
            sql,
            parameters(body.get("parameters")),
            body.path("row_limit").asLong(0),
            chunkRowLimit);
    try {
      if (!statement.await(waitTimeout(text(body, "wait_timeout")))
          && "CANCEL".equals(text(body, "on_wait_timeout"))) {
        executor.cancel(statement.id());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    send(exchange, 200, ResultEncoder.statement(statement));
  }

  private Duration waitTimeout(String requested) {
    Duration wait =
        requested == null || requested.isBlank()
            ? DEFAULT_WAIT
            : Duration.ofSeconds(Long.parseLong(requested.trim().replaceAll("[sS]$", "")));
    return wait.compareTo(maxWait) > 0 ? maxWait : wait;
  }

  private static List<StatementParameter> parameters(JsonNode node) {
    List<StatementParameter> parameters = new ArrayList<>();
    if (node == null || !node.isArray()) {
      return parameters;
    }
    int position = 0;
    for (JsonNode p : node) {
      position++;
      Integer ordinal = p.hasNonNull("ordinal") ? p.get("ordinal").asInt() : position;
      parameters.add(
          new StatementParameter(text(p, "name"), ordinal, text(p, "type"), text(p, "value")));
    }
    return parameters;
  }

  private RunningStatement statement(HttpExchange exchange, String id) throws IOException {
    RunningStatement statement = executor.find(id).orElse(null);
    if (statement == null) {
      send(exchange, 404, error("RESOURCE_DOES_NOT_EXIST", "Statement " + id + " does not exist"));
    }
    return statement;
  }

  private static JsonNode body(HttpExchange exchange) throws IOException {
    try (InputStream in = exchange.getRequestBody()) {
      byte[] bytes = in.readAllBytes();
      return bytes.length == 0 ? MAPPER.createObjectNode() : MAPPER.readTree(bytes);
    }
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node == null ? null : node.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }

  static ObjectNode error(String code, String message) {
    ObjectNode error = MAPPER.createObjectNode();
    error.put("error_code", code);
    error.put("message", message);
    return error;
  }

  static void send(HttpExchange exchange, int status, JsonNode body) throws IOException {
    byte[] bytes = MAPPER.writeValueAsBytes(body);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    if (https != null) {
      https.stop(0);
    }
    http.stop(0);
    handlers.shutdownNow();
  }
}
