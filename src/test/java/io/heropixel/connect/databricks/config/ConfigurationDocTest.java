package io.heropixel.connect.databricks.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.junit.jupiter.api.Test;

/**
 * docs/configuration.md is generated from the ConfigDef, so the reference never drifts from the code.
 * Run with -Ddocs.regenerate=true to rewrite it after changing a key.
 */
class ConfigurationDocTest {

  private static final Path DOC = Path.of("docs/configuration.md");

  @Test
  void referenceMatchesTheConfigDef() throws Exception {
    String generated = render(DatabricksSinkConfig.CONFIG_DEF);
    if (Boolean.getBoolean("docs.regenerate")) {
      Files.writeString(DOC, generated, StandardCharsets.UTF_8);
    }
    assertEquals(generated, Files.readString(DOC, StandardCharsets.UTF_8),
        "docs/configuration.md is stale: run mvn test -Dtest=ConfigurationDocTest -Ddocs.regenerate=true");
  }

  static String render(ConfigDef def) {
    Map<String, List<ConfigDef.ConfigKey>> groups = new LinkedHashMap<>();
    def.groups().forEach(g -> groups.put(g, new ArrayList<>()));
    def.configKeys().values().forEach(k -> groups.get(k.group).add(k));
    StringBuilder md = new StringBuilder("# Configuration reference\n\n")
        .append("Generated from the connector's ConfigDef by `ConfigurationDocTest`; do not edit by hand.\n")
        .append("Besides these keys, the connector takes Kafka Connect's own sink keys: `topics` or `topics.regex`, ")
        .append("`tasks.max`, converters, `errors.tolerance`, `errors.deadletterqueue.topic.name`, transforms.\n");
    groups.forEach((group, keys) -> {
      keys.sort((a, b) -> Integer.compare(a.orderInGroup, b.orderInGroup));
      md.append("\n## ").append(group).append("\n\n| Key | Type | Default | Importance | Description |\n")
          .append("|---|---|---|---|---|\n");
      for (ConfigDef.ConfigKey key : keys) {
        md.append("| `").append(key.name).append("` | ").append(key.type.name().toLowerCase()).append(" | ")
            .append(defaultOf(key)).append(" | ").append(key.importance.name().toLowerCase()).append(" | ")
            .append(key.displayName).append(": ").append(key.documentation.replace("|", "\\|")).append(" |\n");
      }
    });
    return md.toString();
  }

  private static String defaultOf(ConfigDef.ConfigKey key) {
    if (!key.hasDefault()) {
      return "required";
    }
    if (key.defaultValue == null) {
      return "none";
    }
    String text = key.defaultValue instanceof List<?> list ? String.join(",", list.stream().map(String::valueOf).toList())
        : String.valueOf(key.defaultValue);
    return text.isEmpty() ? "\"\"" : "`" + text + "`";
  }
}
