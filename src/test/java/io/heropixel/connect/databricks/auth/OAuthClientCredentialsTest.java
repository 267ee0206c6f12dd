package io.heropixel.connect.databricks.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.heropixel.connect.databricks.local.LocalWarehouse;
import io.heropixel.connect.databricks.local.SharedLocalInfra;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import org.apache.kafka.common.config.types.Password;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Service principal tokens from the local warehouse's OAuth server, as the Files API client gets them. */
class OAuthClientCredentialsTest {

  private final LocalWarehouse warehouse = SharedLocalInfra.warehouse();
  private final String workspace = "http://" + warehouse.host() + ":" + warehouse.port();
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @AfterEach
  void restoreLifetime() {
    warehouse.oauthTokenLifetime(Duration.ofHours(1));
  }

  private OAuthClientCredentials tokens(String secret) {
    return new OAuthClientCredentials(workspace, warehouse.oauthClientId(), new Password(secret), Clock.systemUTC());
  }

  /** The status the Files API answers a listing of a directory that does not exist, with this token. */
  private HttpResponse<String> filesApi(String token) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(workspace + "/api/2.0/fs/directories/Volumes/main/none/v/x"))
        .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void tokensAreRenewedAtHalfTheirLifetimeAndTheWorkspaceRefusesExpiredOnes() throws Exception {
    warehouse.oauthTokenLifetime(Duration.ofSeconds(4));
    OAuthClientCredentials tokens = tokens(warehouse.oauthClientSecret());
    String first = tokens.current();
    assertEquals(first, tokens.current(), "a fresh token is reused");
    assertEquals(404, filesApi(first).statusCode(), "the APIs accept the token: the directory is just missing");

    Thread.sleep(2_100);
    String second = tokens.current();
    assertNotEquals(first, second, "renewed once half the lifetime is gone");
    Thread.sleep(2_100);
    HttpResponse<String> expired = filesApi(first);
    assertEquals(401, expired.statusCode());
    assertTrue(expired.body().contains("Token is expired."), expired.body());
    assertEquals(404, filesApi(tokens.current()).statusCode());
  }

  @Test
  void aRefusedTokenIsReplaced() throws Exception {
    OAuthClientCredentials tokens = tokens(warehouse.oauthClientSecret());
    String first = tokens.current();
    tokens.refused("some other token");
    assertEquals(first, tokens.current());
    tokens.refused(first);
    assertNotEquals(first, tokens.current());
  }

  @Test
  void aWrongSecretIsRefusedWithTheKeysToCheckAndWithoutTheSecret() {
    OAuthClientCredentials tokens = tokens("not-the-secret");
    OAuthClientCredentials.OAuthException e = assertThrows(OAuthClientCredentials.OAuthException.class,
        tokens::current);
    assertEquals(401, e.status());
    assertTrue(e.getMessage().contains("databricks.oauth.client.secret"), e.getMessage());
    assertFalse(e.getMessage().contains("not-the-secret"), e.getMessage());
    assertFalse(tokens.toString().contains("not-the-secret"), tokens.toString());
  }
}
