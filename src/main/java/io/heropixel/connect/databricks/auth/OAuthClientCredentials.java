package io.heropixel.connect.databricks.auth;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.apache.kafka.common.config.types.Password;

/**
 * OAuth machine-to-machine tokens of a service principal, from the workspace's token endpoint
 * ({@code <workspace>/oidc/v1/token}, client credentials, scope {@code all-apis}). A token is fetched again
 * once half its lifetime (at most five minutes before it ends) is left, or after the workspace refused it,
 * so a request never carries a token about to expire.
 */
public final class OAuthClientCredentials implements AccessTokens {

  public static final String TOKEN_PATH = "/oidc/v1/token";
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final Duration MAX_EARLY = Duration.ofMinutes(5);
  private static final JsonFactory JSON = new JsonFactory();

  private final URI endpoint;
  private final String clientId;
  private final Password clientSecret;
  private final Clock clock;
  private final HttpClient http;

  private String token;
  private Instant refreshAt = Instant.MIN;

  /** @param workspace the workspace's root, e.g. {@code https://host:443} */
  public OAuthClientCredentials(String workspace, String clientId, Password clientSecret, Clock clock) {
    this.endpoint = URI.create(workspace + TOKEN_PATH);
    this.clientId = clientId;
    this.clientSecret = clientSecret;
    this.clock = clock;
    // HTTP/1.1: the client's default HTTP/2 would try an h2c upgrade against a plain-HTTP (local) server.
    this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10))
        .build();
  }

  @Override
  public synchronized String current() throws IOException {
    if (token == null || !clock.instant().isBefore(refreshAt)) {
      fetch();
    }
    return token;
  }

  @Override
  public synchronized void refused(String refused) {
    if (refused.equals(token)) {
      token = null;
    }
  }

  private void fetch() throws IOException {
    String credentials = Base64.getEncoder().encodeToString(
        (clientId + ":" + clientSecret.value()).getBytes(StandardCharsets.UTF_8));
    HttpRequest request = HttpRequest.newBuilder(endpoint).timeout(TIMEOUT)
        .header("Authorization", "Basic " + credentials)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope="
            + URLEncoder.encode("all-apis", StandardCharsets.UTF_8)))
        .build();
    Instant asked = clock.instant();
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("Interrupted while getting an OAuth token from " + endpoint, e);
    } catch (IOException e) {
      throw new IOException("Getting an OAuth token from " + endpoint + " failed: " + e, e);
    }
    if (response.statusCode() != 200) {
      throw new OAuthException(response.statusCode(), "The workspace refused OAuth client " + clientId + " at "
          + endpoint + " with HTTP " + response.statusCode() + ": " + response.body()
          + (response.statusCode() == 401 ? " (check databricks.oauth.client.id and databricks.oauth.client.secret)"
              : ""));
    }
    String issued = null;
    long seconds = 3600;
    try (JsonParser p = JSON.createParser(response.body())) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new IOException("The OAuth token endpoint " + endpoint + " answered no JSON object");
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        p.nextToken();
        switch (field) {
          case "access_token" -> issued = p.getValueAsString();
          case "expires_in" -> seconds = p.getValueAsLong(seconds);
          default -> p.skipChildren();
        }
      }
    }
    if (issued == null) {
      throw new IOException("The OAuth token endpoint " + endpoint + " answered no access_token");
    }
    Duration lifetime = Duration.ofSeconds(Math.max(1, seconds));
    Duration early = lifetime.dividedBy(2).compareTo(MAX_EARLY) < 0 ? lifetime.dividedBy(2) : MAX_EARLY;
    token = issued;
    refreshAt = asked.plus(lifetime).minus(early);
  }

  @Override
  public String toString() {
    return "OAuth client " + clientId + " at " + endpoint;
  }

  /** The token endpoint refused the client: final for 400, 401 and 403. */
  public static final class OAuthException extends IOException {
    private final int status;

    OAuthException(int status, String message) {
      super(message);
      this.status = status;
    }

    public int status() {
      return status;
    }
  }
}
