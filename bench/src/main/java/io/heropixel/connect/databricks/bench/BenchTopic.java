package io.heropixel.connect.databricks.bench;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/** A benchmark topic, filled before any sink starts so the sinks are timed on a backlog, not on production. */
final class BenchTopic {

  private final String bootstrap;
  private final String name;
  private final int partitions;

  BenchTopic(String bootstrap, String name, int partitions) {
    this.bootstrap = bootstrap;
    this.name = name;
    this.partitions = partitions;
  }

  String name() {
    return name;
  }

  /** Creates this topic, and a one-partition topic beside it (the Iceberg sink's control topic). */
  static void create(String bootstrap, List<NewTopic> topics) throws ExecutionException, InterruptedException {
    try (Admin admin = Admin.create(Map.<String, Object>of("bootstrap.servers", bootstrap))) {
      admin.createTopics(topics).all().get();
    }
  }

  NewTopic newTopic() {
    return new NewTopic(name, partitions, (short) 1);
  }

  /** Produces records 0..count-1 round-robin over the partitions; returns their payloads' bytes in total. */
  long produce(BenchRecords records, long count) {
    Map<String, Object> props = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 20,
        ProducerConfig.BATCH_SIZE_CONFIG, 512 * 1024);
    AtomicReference<Exception> failure = new AtomicReference<>();
    long payloadBytes = 0;
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(),
        new StringSerializer())) {
      for (long seq = 0; seq < count && failure.get() == null; seq++) {
        payloadBytes += records.payload(seq).getBytes(StandardCharsets.UTF_8).length;
        producer.send(new ProducerRecord<>(name, (int) (seq % partitions), Long.toString(seq), records.enveloped(seq)),
            (md, e) -> {
              if (e != null) {
                failure.compareAndSet(null, e);
              }
            });
      }
      producer.flush();
    }
    if (failure.get() != null) {
      throw new IllegalStateException("Kafka refused a record of " + name, failure.get());
    }
    return payloadBytes;
  }
}
