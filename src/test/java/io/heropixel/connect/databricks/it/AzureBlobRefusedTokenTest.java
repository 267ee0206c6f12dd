package io.heropixel.connect.databricks.it;

import static io.heropixel.connect.databricks.it.EndToEnd.awaitCount;
import static io.heropixel.connect.databricks.it.EndToEnd.connect;
import static io.heropixel.connect.databricks.it.EndToEnd.unique;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A SAS token that expires while the connector runs fails the task with an error that names the token. */
class AzureBlobRefusedTokenTest {

  @Test
  void aTokenThatExpiresAtRunTimeFailsTheTaskNamingTheToken() {
    String topic = unique("sas_expiry");
    String schema = unique("sas");
    String container = AzureBlobFixture.container(unique("sas"));
    AzureBlobFixture.containerClient(container).create();
    OffsetDateTime expiry = OffsetDateTime.now().plusSeconds(30);
    Map<String, String> config = EndToEnd.connectorConfig(topic, schema,
        AzureBlobFixture.config(container, AzureBlobFixture.sas(container, "racwdl", expiry)));
    config.put("tasks.max", "1");
    connect().createTopic(topic, 1);
    String name = unique("sink");
    connect().createConnector(name, config, 1);
    try {
      for (int i = 0; i < 5; i++) {
        connect().produce(topic, 0, null, "{\"n\":" + i + "}");
      }
      awaitCount("hive_metastore." + schema + "." + topic, 5);

      EndToEnd.sleep(Duration.between(OffsetDateTime.now(), expiry.plusSeconds(2)));
      connect().produce(topic, 0, null, "{\"n\":5}");
      JsonNode failed = EndToEnd.awaitTaskFailed(name);
      String trace = failed.get("trace").asText();
      assertTrue(trace.contains("HTTP 403") && trace.contains("azure.sas.token"), trace);
    } finally {
      connect().deleteConnector(name);
    }
  }
}
