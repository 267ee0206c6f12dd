package io.heropixel.connect.databricks;

import io.heropixel.connect.databricks.config.ConfigValidator;
import io.heropixel.connect.databricks.config.DatabricksSinkConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.sink.SinkConnector;

/** Streams Kafka topics into Databricks Delta tables. */
public class DatabricksSinkConnector extends SinkConnector {

  /** Connect's REST API waits 90 s for validate(); the probes get a third of it. */
  private static final Duration PROBE_DEADLINE = Duration.ofSeconds(30);

  private Map<String, String> props;

  @Override
  public String version() {
    return Version.get();
  }

  @Override
  public void start(Map<String, String> props) {
    new DatabricksSinkConfig(props); // fail the connector, not only its tasks, on a bad configuration
    this.props = Map.copyOf(props);
  }

  @Override
  public Class<? extends Task> taskClass() {
    return DatabricksSinkTask.class;
  }

  @Override
  public List<Map<String, String>> taskConfigs(int maxTasks) {
    // Each task gets its index, for a spill directory of its own.
    List<Map<String, String>> configs = new ArrayList<>();
    for (int i = 0; i < maxTasks; i++) {
      Map<String, String> config = new HashMap<>(props);
      config.put(DatabricksSinkConfig.TASK_INDEX, Integer.toString(i));
      configs.add(config);
    }
    return configs;
  }

  @Override
  public void stop() {
    // Nothing is held between task configurations.
  }

  @Override
  public ConfigDef config() {
    return DatabricksSinkConfig.CONFIG_DEF;
  }

  /** The configuration's rules, then, when they all pass, what the warehouse and the storage make of it. */
  @Override
  public Config validate(Map<String, String> connectorConfigs) {
    Config config = ConfigValidator.validate(connectorConfigs);
    if (config.configValues().stream().allMatch(v -> v.errorMessages().isEmpty())) {
      WarehouseProbe.run(new DatabricksSinkConfig(connectorConfigs), PROBE_DEADLINE).forEach((key, error) ->
          config.configValues().stream().filter(v -> v.name().equals(key)).forEach(v -> v.addErrorMessage(error)));
    }
    return config;
  }
}
