package io.heropixel.connect.databricks.conversion;

/** A record that cannot become a row; the message says why, for the error log and the dead letter queue. */
public class ConversionException extends RuntimeException {
  public ConversionException(String message, Throwable cause) {
    super(message, cause);
  }

  public ConversionException(String message) {
    super(message);
  }
}
