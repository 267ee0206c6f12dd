package io.heropixel.connect.databricks.auth;

import io.heropixel.connect.databricks.config.DatabricksSinkConfig;
import java.io.IOException;
import java.time.Clock;

/**
 * Bearer tokens for the workspace's REST APIs (the Files API): a personal access token, or short-lived
 * OAuth tokens of a service principal. Implementations never show a token in {@code toString()}.
 */
public interface AccessTokens {

  /** The tokens of the credentials a configuration gives: its service principal, else its personal token. */
  static AccessTokens of(DatabricksSinkConfig config) {
    if (config.oauthClientId() != null) {
      return new OAuthClientCredentials(config.workspaceUrl(), config.oauthClientId(), config.oauthClientSecret(),
          Clock.systemUTC());
    }
    return new PersonalAccessToken(config.token());
  }

  /** A token to present now. */
  String current() throws IOException;

  /** The workspace refused {@code token} (HTTP 401): the next {@link #current()} must not answer it again. */
  void refused(String token);
}
