package io.heropixel.connect.databricks.it;

import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/** Appends each batch to its connector's collector. */
public class CollectingSinkTask extends SinkTask {

    private List<SinkRecord> collector;

    @Override
    public void start(Map<String, String> props) {
        String id = (String) CollectingSinkConnector.CONFIG_DEF.parse(props).get(CollectingSinkConnector.COLLECTOR_ID);
        collector = CollectingSinkConnector.collector(id);
    }

    @Override
    public void put(Collection<SinkRecord> records) {
        collector.addAll(records);
    }

    @Override
    public void stop() {
    }

    @Override
    public String version() {
        return "test";
    }
}
