package io.heropixel.connect.databricks.it;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.sink.SinkConnector;
import org.apache.kafka.connect.sink.SinkRecord;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A sink that keeps every record it receives in memory, per {@value #COLLECTOR_ID}, so a test running
 * against the shared in-JVM Connect cluster can read back exactly what its connector got.
 */
public class CollectingSinkConnector extends SinkConnector {

    public static final String COLLECTOR_ID = "collector.id";

    static final ConfigDef CONFIG_DEF = new ConfigDef()
            .define(COLLECTOR_ID, ConfigDef.Type.STRING, ConfigDef.NO_DEFAULT_VALUE,
                    new ConfigDef.NonEmptyString(), ConfigDef.Importance.HIGH,
                    "Key under which received records are kept; use a unique one per test.");

    private static final Map<String, List<SinkRecord>> RECEIVED = new ConcurrentHashMap<>();

    private Map<String, String> props;

    /** Records received so far under {@code collectorId}: a live, thread-safe view. */
    public static List<SinkRecord> received(String collectorId) {
        return Collections.unmodifiableList(collector(collectorId));
    }

    static List<SinkRecord> collector(String collectorId) {
        return RECEIVED.computeIfAbsent(collectorId, id -> new CopyOnWriteArrayList<>());
    }

    @Override
    public void start(Map<String, String> props) {
        CONFIG_DEF.parse(props);
        this.props = Map.copyOf(props);
    }

    @Override
    public Class<? extends Task> taskClass() {
        return CollectingSinkTask.class;
    }

    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        return Collections.nCopies(maxTasks, props);
    }

    @Override
    public void stop() {
    }

    @Override
    public ConfigDef config() {
        return CONFIG_DEF;
    }

    @Override
    public String version() {
        return "test";
    }
}
