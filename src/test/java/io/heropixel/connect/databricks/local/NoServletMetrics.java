package io.heropixel.connect.databricks.local;

import com.codahale.metrics.MetricRegistry;
import java.util.Properties;
import org.apache.spark.SparkConf;
import org.apache.spark.metrics.sink.MetricsServlet;
import org.sparkproject.jetty.servlet.ServletContextHandler;

/**
 * Spark's metrics servlet without its HTTP handler. Spark builds that handler even with the UI
 * off, and its shaded Jetty needs the Servlet 5 API, while the test JVM carries Servlet 6 for
 * s3proxy and Kafka Connect.
 */
public final class NoServletMetrics extends MetricsServlet {

  public NoServletMetrics(Properties property, MetricRegistry registry) {
    super(property, registry);
  }

  @Override
  public ServletContextHandler[] getHandlers(SparkConf conf) {
    return new ServletContextHandler[0];
  }
}
