package io.heropixel.connect.databricks.bench;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;

/** The soak topic on the broker, and the sink's consumer group reading it. */
final class SoakTopic implements AutoCloseable {

  /** Offsets of one partition's log: [start, end). */
  record Range(long start, long end) {
    long size() {
      return end - start;
    }
  }

  private final Admin admin;
  private final String topic;
  private final int partitions;

  SoakTopic(String bootstrap, String topic, int partitions) {
    this.admin = Admin.create(Map.of("bootstrap.servers", bootstrap));
    this.topic = topic;
    this.partitions = partitions;
  }

  void create() throws ExecutionException, InterruptedException {
    admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get();
  }

  /** What Kafka's log holds per partition. */
  Map<Integer, Range> ranges() throws ExecutionException, InterruptedException {
    Map<Integer, Long> start = offsets(OffsetSpec.earliest());
    Map<Integer, Long> end = offsets(OffsetSpec.latest());
    Map<Integer, Range> ranges = new TreeMap<>();
    start.forEach((p, s) -> ranges.put(p, new Range(s, end.get(p))));
    return ranges;
  }

  private Map<Integer, Long> offsets(OffsetSpec spec) throws ExecutionException, InterruptedException {
    Map<TopicPartition, OffsetSpec> request = new HashMap<>();
    for (int p = 0; p < partitions; p++) {
      request.put(new TopicPartition(topic, p), spec);
    }
    return admin.listOffsets(request).all().get().entrySet().stream()
        .collect(Collectors.toMap(e -> e.getKey().partition(), e -> e.getValue().offset()));
  }

  /**
   * The members of a stable consumer group that together own every partition, or an empty set while the
   * group is rebalancing or some partitions are unowned.
   */
  Set<String> stableMembers(String group) throws ExecutionException, InterruptedException {
    ConsumerGroupDescription description = admin.describeConsumerGroups(List.of(group)).all().get().get(group);
    int owned = description.members().stream().mapToInt(m -> m.assignment().topicPartitions().size()).sum();
    if (description.groupState() != GroupState.STABLE || owned != partitions) {
      return Set.of();
    }
    return description.members().stream().map(MemberDescription::consumerId).collect(Collectors.toSet());
  }

  @Override
  public void close() {
    admin.close();
  }
}
