package io.heropixel.connect.databricks.bench;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.serialization.StringSerializer;

/** bench/many-streams' topics: created together, filled a record per topic at a time, their logs' sizes. */
final class ManyTopics implements AutoCloseable {

  private static final int CREATE_BATCH = 200;
  private static final String LETTERS = "abcdefghijklmnopqrstuvwxyz";

  private final String bootstrap;
  private final List<String> names;
  private final int partitions;
  private final Admin admin;

  ManyTopics(String bootstrap, List<String> names, int partitions) {
    this.bootstrap = bootstrap;
    this.names = names;
    this.partitions = partitions;
    this.admin = Admin.create(Map.<String, Object>of("bootstrap.servers", bootstrap));
  }

  List<String> names() {
    return names;
  }

  void create() throws ExecutionException, InterruptedException {
    for (int from = 0; from < names.size(); from += CREATE_BATCH) {
      List<NewTopic> batch = new ArrayList<>();
      for (String name : names.subList(from, Math.min(names.size(), from + CREATE_BATCH))) {
        batch.add(new NewTopic(name, partitions, (short) 1));
      }
      admin.createTopics(batch).all().get();
    }
  }

  /**
   * Produces {@code perTopic} records to every topic, one record to each topic in turn, so all tables' buffers
   * start filling at once; returns the values' bytes in total.
   */
  long produce(int perTopic, int valueBytes) {
    Map<String, Object> props = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 50,
        ProducerConfig.BATCH_SIZE_CONFIG, 32 * 1024, ProducerConfig.BUFFER_MEMORY_CONFIG, 128L * 1024 * 1024);
    AtomicReference<Exception> failure = new AtomicReference<>();
    long bytes = 0;
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(),
        new StringSerializer())) {
      for (int seq = 0; seq < perTopic && failure.get() == null; seq++) {
        for (String topic : names) {
          String value = value(topic, seq, valueBytes);
          bytes += value.getBytes(StandardCharsets.UTF_8).length;
          producer.send(new ProducerRecord<>(topic, seq % partitions, Integer.toString(seq), value), (md, e) -> {
            if (e != null) {
              failure.compareAndSet(null, e);
            }
          });
        }
      }
      producer.flush();
    }
    if (failure.get() != null) {
      throw new IllegalStateException("Kafka refused a record", failure.get());
    }
    return bytes;
  }

  /** JSON of exactly {@code bytes} ASCII bytes (at least the fixed fields), carrying the sequence number. */
  static String value(String topic, int seq, int bytes) {
    String head = "{\"stream\":\"" + topic + "\",\"seq\":" + seq + ",\"pad\":\"";
    StringBuilder b = new StringBuilder(bytes).append(head);
    for (int i = head.length() + 2; i < bytes; i++) {
      b.append(LETTERS.charAt((seq + i) % LETTERS.length()));
    }
    return b.append("\"}").toString();
  }

  /** Records in each topic's log: the sum over its partitions of end minus start offsets. */
  Map<String, Long> records() throws ExecutionException, InterruptedException {
    Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
    Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
    for (String topic : names) {
      for (int p = 0; p < partitions; p++) {
        earliest.put(new TopicPartition(topic, p), OffsetSpec.earliest());
        latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
      }
    }
    Map<String, Long> records = new HashMap<>();
    admin.listOffsets(latest).all().get().forEach((tp, o) -> records.merge(tp.topic(), o.offset(), Long::sum));
    admin.listOffsets(earliest).all().get().forEach((tp, o) -> records.merge(tp.topic(), -o.offset(), Long::sum));
    return records;
  }

  /** Partitions the consumer group owns while it is stable; 0 while it rebalances or does not exist yet. */
  int assigned(String group) throws InterruptedException {
    try {
      ConsumerGroupDescription d = admin.describeConsumerGroups(List.of(group)).all().get().get(group);
      return d.groupState() != GroupState.STABLE ? 0
          : d.members().stream().mapToInt(m -> m.assignment().topicPartitions().size()).sum();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof GroupIdNotFoundException) {
        return 0;
      }
      throw new IllegalStateException("Cannot describe consumer group " + group, e.getCause());
    }
  }

  @Override
  public void close() {
    admin.close();
  }
}
