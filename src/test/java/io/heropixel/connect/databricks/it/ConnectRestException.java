package io.heropixel.connect.databricks.it;

/** A Connect REST call answered with an unexpected HTTP status; tests can assert on {@link #status()}. */
public final class ConnectRestException extends RuntimeException {

    private final int status;

    ConnectRestException(String request, int status, String body) {
        super(request + " -> HTTP " + status + ": " + body);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
