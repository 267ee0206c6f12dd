package io.heropixel.connect.databricks.staging;

import org.apache.kafka.connect.errors.ConnectException;

/** The storage refused a request for a reason that retrying does not cure. */
public class StagingAccessException extends ConnectException {

  /** Why it refused, so that validate() can name the setting at fault. */
  public enum Reason {
    /** The credentials are wrong, expired or lack a permission. */
    DENIED,
    /** The bucket, container or volume does not exist. */
    NOT_FOUND,
    /** Any other refusal of the request. */
    REJECTED
  }

  private final Reason reason;

  public StagingAccessException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }

  /** The reason an HTTP status code of a refused request gives. */
  public static Reason of(int status) {
    return switch (status) {
      case 401, 403 -> Reason.DENIED;
      case 404 -> Reason.NOT_FOUND;
      default -> Reason.REJECTED;
    };
  }

  /** True for the 4xx statuses that are final: not a timeout, not throttling. */
  public static boolean isFinal(int status) {
    return status >= 400 && status < 500 && status != 408 && status != 429;
  }
}
