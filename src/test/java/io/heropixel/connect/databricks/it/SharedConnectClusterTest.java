package io.heropixel.connect.databricks.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.util.clusters.WorkerHandle;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SharedConnectClusterTest {

    private static final SharedConnectCluster CONNECT = SharedConnectCluster.get();

    @Test
    void sinkConnectorCreatedThroughRestReceivesEveryRecord() throws InterruptedException {
        String topic = SharedConnectCluster.uniqueName("collect");
        String connector = SharedConnectCluster.uniqueName("collector");
        CONNECT.createTopic(topic, 3);
        CONNECT.createConnector(connector, Map.of(
                "connector.class", CollectingSinkConnector.class.getName(),
                "tasks.max", "3",
                "topics", topic,
                CollectingSinkConnector.COLLECTOR_ID, connector), 3);

        List<ProducerRecord<byte[], byte[]>> records = IntStream.range(0, 100)
                .mapToObj(i -> new ProducerRecord<>(topic, i % 3, bytes("k" + i), bytes("v" + i)))
                .toList();
        CONNECT.produce(records);

        List<SinkRecord> received = awaitSize(CollectingSinkConnector.received(connector), 100, Duration.ofSeconds(30));
        Set<Object> values = received.stream().map(SinkRecord::value).collect(Collectors.toSet());
        assertEquals(IntStream.range(0, 100).mapToObj(i -> "v" + i).collect(Collectors.toSet()), values);
        assertEquals(Set.of(0, 1, 2), received.stream().map(SinkRecord::kafkaPartition).collect(Collectors.toSet()));

        CONNECT.deleteConnector(connector);
    }

    @Test
    void tasksMoveToAnAddedWorkerAndBackAndSurviveARestart() throws InterruptedException {
        String topic = SharedConnectCluster.uniqueName("rebalance");
        String connector = SharedConnectCluster.uniqueName("rebalancer");
        CONNECT.createTopic(topic, 2);
        CONNECT.createConnector(connector, Map.of(
                "connector.class", CollectingSinkConnector.class.getName(),
                "tasks.max", "2",
                "topics", topic,
                CollectingSinkConnector.COLLECTOR_ID, connector), 2);

        WorkerHandle added = CONNECT.addWorker();
        try {
            awaitTaskWorkers(connector, 2);
        } finally {
            CONNECT.removeWorker(added);
        }
        awaitTaskWorkers(connector, 1);
        CONNECT.restartConnector(connector, 2);

        CONNECT.produce(topic, 0, "k", "after-restart");
        List<SinkRecord> received = awaitSize(CollectingSinkConnector.received(connector), 1, Duration.ofSeconds(30));
        assertEquals("after-restart", received.get(0).value());

        CONNECT.deleteConnector(connector);
    }

    @Test
    void validateReportsTheBadField() {
        JsonNode result = CONNECT.rest().validate(CollectingSinkConnector.class.getName(), Map.of(
                "name", "validate-only",
                "topics", "any",
                CollectingSinkConnector.COLLECTOR_ID, ""));

        assertEquals(1, result.path("error_count").asInt(), result::toString);
        JsonNode collectorId = findValue(result, CollectingSinkConnector.COLLECTOR_ID);
        assertFalse(collectorId.path("errors").isEmpty(), collectorId::toString);
        assertTrue(findValue(result, "topics").path("errors").isEmpty());
    }

    /** Waits until the connector's RUNNING tasks are spread over exactly {@code workers} workers. */
    private static void awaitTaskWorkers(String connector, int workers) throws InterruptedException {
        Instant deadline = Instant.now().plus(SharedConnectCluster.DEFAULT_TIMEOUT);
        JsonNode status = null;
        while (Instant.now().isBefore(deadline)) {
            status = CONNECT.rest().status(connector);
            Set<String> taskWorkers = new HashSet<>();
            boolean allRunning = status.path("tasks").size() == 2;
            for (JsonNode task : status.path("tasks")) {
                taskWorkers.add(task.path("worker_id").asText());
                allRunning &= "RUNNING".equals(task.path("state").asText());
            }
            if (allRunning && taskWorkers.size() == workers) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("Tasks not RUNNING on " + workers + " workers: " + status);
    }

    private static JsonNode findValue(JsonNode configInfos, String name) {
        for (JsonNode config : configInfos.path("configs")) {
            if (name.equals(config.path("value").path("name").asText())) {
                return config.path("value");
            }
        }
        throw new AssertionError("No config " + name + " in " + configInfos);
    }

    private static List<SinkRecord> awaitSize(List<SinkRecord> records, int size, Duration timeout)
            throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (records.size() < size && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
        }
        assertEquals(size, records.size(), "records received");
        return records;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
