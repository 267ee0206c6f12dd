package io.heropixel.connect.databricks.auth;

import org.apache.kafka.common.config.types.Password;

/** A personal access token: the same token for every request; a refused one stays refused. */
public final class PersonalAccessToken implements AccessTokens {

  private final Password token;

  public PersonalAccessToken(Password token) {
    this.token = token;
  }

  @Override
  public String current() {
    return token.value();
  }

  @Override
  public void refused(String token) {
    // Nothing else to offer: the request fails with the workspace's 401.
  }

  @Override
  public String toString() {
    return "personal access token " + Password.HIDDEN;
  }
}
