package io.heropixel.connect.databricks.bench;

import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Produces numbered JSON records round-robin over the partitions. Idempotent with acks=all, so Kafka's
 * log holds each record exactly once and its end offsets are the truth the table is checked against.
 */
final class SoakProducer {

  private static final String LETTERS = "abcdefghijklmnopqrstuvwxyz0123456789";

  private final String bootstrap;
  private final String topic;
  private final int partitions;
  private final AtomicLong acknowledged = new AtomicLong();
  private final AtomicReference<Exception> failure = new AtomicReference<>();

  SoakProducer(String bootstrap, String topic, int partitions) {
    this.bootstrap = bootstrap;
    this.topic = topic;
    this.partitions = partitions;
  }

  long acknowledged() {
    return acknowledged.get();
  }

  /** Sends records 0..count-1, at most {@code rate} a second when rate > 0; returns once all are acknowledged. */
  void produce(long count, long rate) throws InterruptedException {
    Map<String, Object> props = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
        ProducerConfig.LINGER_MS_CONFIG, 10, ProducerConfig.BATCH_SIZE_CONFIG, 128 * 1024);
    Random random = new Random(count);
    long started = System.nanoTime();
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(),
        new StringSerializer())) {
      for (long seq = 0; seq < count && failure.get() == null; seq++) {
        int partition = (int) (seq % partitions);
        producer.send(new ProducerRecord<>(topic, partition, "k" + seq, value(seq, partition, random)), (md, e) -> {
          if (e == null) {
            acknowledged.incrementAndGet();
          } else {
            failure.compareAndSet(null, e);
          }
        });
        if (rate > 0 && seq % 100 == 0) {
          long aheadNanos = seq * 1_000_000_000L / rate - (System.nanoTime() - started);
          if (aheadNanos > 0) {
            Thread.sleep(aheadNanos / 1_000_000);
          }
        }
      }
      producer.flush();
    }
    if (failure.get() != null) {
      throw new IllegalStateException("Kafka refused a record after " + acknowledged() + ": " + failure.get(),
          failure.get());
    }
  }

  /** About 150 bytes of JSON carrying the sequence number. */
  private static String value(long seq, int partition, Random random) {
    StringBuilder note = new StringBuilder(48);
    for (int i = 0; i < 48; i++) {
      note.append(LETTERS.charAt(random.nextInt(LETTERS.length())));
    }
    return "{\"seq\":" + seq + ",\"partition\":" + partition + ",\"produced_at\":" + System.currentTimeMillis()
        + ",\"customer\":\"c-" + (10_000 + random.nextInt(90_000)) + "\",\"amount\":" + random.nextInt(100_000) / 100.0
        + ",\"note\":\"" + note + "\"}";
  }
}
