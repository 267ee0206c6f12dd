package io.heropixel.connect.databricks.it;

import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Guards the test class path: Connect (Jetty 12, Jersey 3.1, Servlet 6) and Spark (shaded Jetty 11, its UI's
 * Jersey, Janino code generation) must both work in one JVM, in that start order.
 */
class SparkAlongsideConnectTest {

    @Test
    void sparkUiAndCodegenWorkAfterConnectStarted() throws Exception {
        SharedConnectCluster connect = SharedConnectCluster.get();
        SparkSession spark = SparkSession.builder()
                .master("local[1]")
                .appName("spark-alongside-connect")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.ui.enabled", "true")
                .config("spark.ui.port", "0")
                .getOrCreate();
        try {
            // Whole-stage codegen: fails in Janino if Connect's class loader leaked into this thread.
            assertEquals(6L, spark.range(4).selectExpr("sum(id) AS s").first().getLong(0));
            // Spark's UI REST API runs Jersey on Spark's Jetty; Connect's runs Jersey on Jetty 12.
            assertEquals(200, get(spark.sparkContext().uiWebUrl().get() + "/api/v1/applications"));
            assertEquals(200, get(connect.restUrl() + "/connector-plugins"));
        } finally {
            spark.stop();
        }
    }

    private static int get(String url) throws Exception {
        return HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }
}
