package jakarta.servlet;

/**
 * Servlet 5's marker interface, removed in Servlet 6. The test JVM must carry Servlet 6 for Connect's
 * Jetty 12 REST server, while Spark's shaded Jetty 11 still loads this type whenever it registers a
 * servlet (even with the UI disabled: the metrics servlet). Restoring the empty interface lets both run.
 */
@Deprecated
public interface SingleThreadModel {
}
