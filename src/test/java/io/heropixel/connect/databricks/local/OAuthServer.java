package io.heropixel.connect.databricks.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The workspace's OAuth server for one service principal, as Databricks serves it for machine-to-machine
 * authentication: {@code POST /oidc/v1/token} with {@code grant_type=client_credentials} and {@code
 * scope=all-apis}, the client id and secret in a Basic header (or as form fields), answers a bearer access
 * token that the REST APIs accept until it expires.
 */
final class OAuthServer {

  static final String TOKEN_PATH = "/oidc/v1/token";
  /** The OIDC discovery document that clients (the JDBC driver, Databricks SDKs) find the token endpoint in. */
  static final String DISCOVERY_PATH = "/oidc/.well-known/oauth-authorization-server";

  enum TokenState { VALID, EXPIRED, UNKNOWN }

  private static final ObjectMapper MAPPER = new ObjectMapper();
  /** How long an expired token is still told apart from one never issued. */
  private static final Duration REMEMBER_EXPIRED = Duration.ofHours(1);

  private final String clientId;
  private final byte[] clientSecret;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();
  private final Map<String, Instant> expiries = new ConcurrentHashMap<>();
  private volatile Duration lifetime = Duration.ofHours(1);
  private final AtomicLong issued = new AtomicLong();

  OAuthServer(String clientId, String clientSecret, Clock clock) {
    this.clientId = clientId;
    this.clientSecret = clientSecret.getBytes(StandardCharsets.UTF_8);
    this.clock = clock;
  }

  /** The lifetime of tokens issued from now on (Databricks issues tokens for one hour). */
  void lifetime(Duration lifetime) {
    this.lifetime = lifetime;
  }

  /** The discovery document for a workspace reached at {@code origin} ({@code https://host[:port]}). */
  ObjectNode discovery(String origin) {
    ObjectNode body = MAPPER.createObjectNode();
    body.put("issuer", origin + "/oidc");
    body.put("authorization_endpoint", origin + "/oidc/v1/authorize");
    body.put("token_endpoint", origin + TOKEN_PATH);
    return body;
  }

  /** Access tokens issued so far. */
  long issued() {
    return issued.get();
  }

  TokenState check(String token) {
    Instant expiry = expiries.get(token);
    if (expiry == null) {
      return TokenState.UNKNOWN;
    }
    return clock.instant().isBefore(expiry) ? TokenState.VALID : TokenState.EXPIRED;
  }

  void handle(HttpExchange exchange, String origin) throws IOException {
    if (!exchange.getRequestMethod().equals("POST")) {
      send(exchange, 405, error("invalid_request", "Use POST"));
      return;
    }
    Map<String, String> form = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
    String[] client = basicCredentials(exchange.getRequestHeaders().getFirst("Authorization"));
    if (client == null) {
      client = new String[] {form.get("client_id"), form.get("client_secret")};
    }
    if (!clientId.equals(client[0]) || client[1] == null
        || !MessageDigest.isEqual(clientSecret, client[1].getBytes(StandardCharsets.UTF_8))) {
      send(exchange, 401, error("invalid_client", "Client authentication failed"));
      return;
    }
    if (!"client_credentials".equals(form.get("grant_type"))) {
      send(exchange, 400, error("unsupported_grant_type", "Only client_credentials is supported"));
      return;
    }
    String scope = form.getOrDefault("scope", "");
    // The scope Databricks documents for machine-to-machine tokens; anything else is refused, not guessed at.
    if (!scope.equals("all-apis")) {
      send(exchange, 400, error("invalid_scope", "Unsupported scope: '" + scope + "'"));
      return;
    }
    Instant now = clock.instant();
    expiries.values().removeIf(expiry -> expiry.plus(REMEMBER_EXPIRED).isBefore(now));
    Duration issuedFor = lifetime;
    String token = jwt(origin, now, now.plus(issuedFor));
    issued.incrementAndGet();
    expiries.put(token, now.plus(issuedFor));
    ObjectNode body = MAPPER.createObjectNode()
        .put("access_token", token)
        .put("token_type", "Bearer")
        .put("scope", scope)
        .put("expires_in", Math.max(1, issuedFor.toSeconds()));
    send(exchange, 200, body);
  }

  /**
   * A token shaped as Databricks issues them, a JWT whose claims the driver reads (it refreshes by {@code exp});
   * its signature is random bytes: only this server checks tokens, by lookup.
   */
  private String jwt(String origin, Instant issued, Instant expires) {
    Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
    String header = "{\"alg\":\"RS256\",\"typ\":\"JWT\"}";
    String claims = "{\"iss\":\"" + origin + "/oidc\",\"sub\":\"" + clientId + "\",\"client_id\":\"" + clientId
        + "\",\"scope\":\"all-apis\","
        + "\"iat\":" + issued.getEpochSecond() + ",\"exp\":" + expires.getEpochSecond() + "}";
    byte[] signature = new byte[32];
    random.nextBytes(signature);
    return url.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
        + url.encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + "." + url.encodeToString(signature);
  }

  private static String[] basicCredentials(String header) {
    if (header == null || !header.startsWith("Basic ")) {
      return null;
    }
    String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
    int colon = decoded.indexOf(':');
    return colon < 0 ? null : new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
  }

  private static Map<String, String> form(String body) {
    Map<String, String> fields = new HashMap<>();
    for (String pair : body.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        fields.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return fields;
  }

  private static ObjectNode error(String error, String description) {
    return MAPPER.createObjectNode().put("error", error).put("error_description", description);
  }

  private static void send(HttpExchange exchange, int status, ObjectNode body) throws IOException {
    StatementApiServer.send(exchange, status, body);
  }
}
