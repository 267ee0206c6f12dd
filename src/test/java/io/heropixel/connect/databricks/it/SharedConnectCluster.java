package io.heropixel.connect.databricks.it;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.utils.Exit;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.apache.kafka.connect.util.clusters.WorkerHandle;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One embedded Kafka (KRaft) + distributed Connect cluster for the whole test JVM: started on first use,
 * stopped by a shutdown hook. Starting it costs seconds, so tests share it and isolate themselves by
 * using unique topic and connector names ({@link #uniqueName}).
 */
public final class SharedConnectCluster {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    private static volatile SharedConnectCluster instance;

    private final List<Runnable> kafkaShutdownHooks = new CopyOnWriteArrayList<>();
    private final AtomicBoolean stopped = new AtomicBoolean();
    private final EmbeddedConnectCluster cluster;
    private final ConnectRestClient rest;
    private final Duration startupTime;
    private volatile KafkaProducer<byte[], byte[]> producer;

    private SharedConnectCluster() {
        // Kafka registers JVM shutdown hooks of its own (each worker stops itself, the broker's temp dirs
        // are deleted). Run concurrently with ours they pull the broker and its log dirs away from workers
        // that are still stopping, which then hang for many seconds; so collect them and run them after an
        // ordered stop instead. This stays in place for the JVM: the cluster lives as long as the JVM does.
        Exit.setShutdownHookAdder((name, hook) -> kafkaShutdownHooks.add(hook));
        Runtime.getRuntime().addShutdownHook(new Thread(this::stop, "shared-connect-cluster-stop"));
        long start = System.nanoTime();
        cluster = new EmbeddedConnectCluster.Builder()
                .name("shared-connect")
                .numBrokers(1)
                .numWorkers(1)
                .brokerProps(brokerProps())
                .workerProps(workerProps())
                .build();
        try {
            withCallerClassLoader(cluster::start);
        } catch (RuntimeException | Error e) {
            // Whatever part did start (usually the broker) would otherwise outlive the failed test run.
            stop();
            throw e;
        }
        startupTime = Duration.ofNanos(System.nanoTime() - start);
        rest = new ConnectRestClient(this::restUrl);
    }

    /** The cluster, started on the first call. */
    public static SharedConnectCluster get() {
        SharedConnectCluster current = instance;
        if (current == null) {
            synchronized (SharedConnectCluster.class) {
                current = instance;
                if (current == null) {
                    current = new SharedConnectCluster();
                    instance = current;
                    System.out.printf("Shared Connect cluster started in %d ms (Kafka %s, Connect %s)%n",
                            current.startupTime.toMillis(), current.bootstrapServers(), current.restUrl());
                }
            }
        }
        return current;
    }

    private static Properties brokerProps() {
        Properties props = new Properties();
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("offsets.topic.replication.factor", "1");
        props.put("group.initial.rebalance.delay.ms", "0");
        props.put("auto.create.topics.enable", "false");
        return props;
    }

    private static Map<String, String> workerProps() {
        // Mutable: the embedded cluster adds its own entries (bootstrap servers, listeners).
        Map<String, String> props = new HashMap<>();
        // Test connectors are on the class path with META-INF/services entries; no scanning needed.
        props.put("plugin.discovery", "service_load");
        props.put("offset.storage.replication.factor", "1");
        props.put("config.storage.replication.factor", "1");
        props.put("status.storage.replication.factor", "1");
        // Sink offsets are committed on this interval; keep it short so tests see commits quickly.
        props.put("offset.flush.interval.ms", "1000");
        // Reassign a removed worker's tasks after 1 s instead of the default 5 min.
        props.put("scheduled.rebalance.max.delay.ms", "1000");
        // Members learn of a rebalance at their next heartbeat (default every 3 s), for the workers' group
        // and for each sink connector's consumer group; adding a worker takes two rebalances.
        props.put("heartbeat.interval.ms", "300");
        props.put("consumer.heartbeat.interval.ms", "300");
        return props;
    }

    public EmbeddedConnectCluster cluster() {
        return cluster;
    }

    public ConnectRestClient rest() {
        return rest;
    }

    public Duration startupTime() {
        return startupTime;
    }

    public String bootstrapServers() {
        return cluster.kafka().bootstrapServers();
    }

    /** Base URL of a running worker's REST API, without a trailing slash. */
    public String restUrl() {
        WorkerHandle worker = cluster.workers().stream().findFirst()
                .orElseThrow(() -> new IllegalStateException("No Connect worker is running"));
        String url = worker.url().toString();
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** A name unique in this JVM, for topics and connectors on the shared cluster. */
    public static String uniqueName(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public void createTopic(String topic, int partitions) {
        cluster.kafka().createTopic(topic, partitions);
    }

    public RecordMetadata produce(String topic, Integer partition, String key, String value) {
        return produce(topic, partition, utf8(key), utf8(value));
    }

    public RecordMetadata produce(String topic, Integer partition, byte[] key, byte[] value) {
        return produce(List.of(new ProducerRecord<>(topic, partition, key, value))).get(0);
    }

    /** Sends all records, then waits for every acknowledgement; answers the metadata in order. */
    public List<RecordMetadata> produce(List<ProducerRecord<byte[], byte[]>> records) {
        KafkaProducer<byte[], byte[]> p = producer();
        List<Future<RecordMetadata>> sent = new ArrayList<>(records.size());
        for (ProducerRecord<byte[], byte[]> record : records) {
            sent.add(p.send(record));
        }
        p.flush();
        List<RecordMetadata> acked = new ArrayList<>(sent.size());
        for (Future<RecordMetadata> future : sent) {
            try {
                acked.add(future.get(DEFAULT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
            } catch (ExecutionException | TimeoutException e) {
                throw new IllegalStateException("Produce failed", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return acked;
    }

    /** Creates (or updates) the connector through the REST API and waits for it and its tasks to run. */
    public void createConnector(String name, Map<String, String> config, int expectedTasks) {
        rest.putConnectorConfig(name, config);
        rest.awaitRunning(name, expectedTasks, DEFAULT_TIMEOUT);
    }

    public void deleteConnector(String name) {
        rest.deleteConnector(name);
    }

    public void restartConnector(String name, int expectedTasks) {
        rest.restartConnector(name);
        rest.awaitRunning(name, expectedTasks, DEFAULT_TIMEOUT);
    }

    /** Adds a worker to the group; tests that change membership must remove it again (the cluster is shared). */
    public WorkerHandle addWorker() {
        WorkerHandle[] added = new WorkerHandle[1];
        withCallerClassLoader(() -> added[0] = cluster.addWorker());
        return added[0];
    }

    public void removeWorker(WorkerHandle worker) {
        cluster.removeWorker(worker);
    }

    /**
     * Starting a worker leaves Connect's plugin class loader as the calling thread's context loader. Spark's
     * code generator (Janino) then fails to resolve even java.lang classes in that thread, so put the
     * caller's loader back.
     */
    private static void withCallerClassLoader(Runnable action) {
        Thread thread = Thread.currentThread();
        ClassLoader caller = thread.getContextClassLoader();
        try {
            action.run();
        } finally {
            thread.setContextClassLoader(caller);
        }
    }

    private KafkaProducer<byte[], byte[]> producer() {
        KafkaProducer<byte[], byte[]> p = producer;
        if (p == null) {
            synchronized (this) {
                p = producer;
                if (p == null) {
                    p = cluster.kafka().createProducer(Map.<String, Object>of("linger.ms", 5));
                    producer = p;
                }
            }
        }
        return p;
    }

    /** Workers first, while the broker still answers them; then the broker; then Kafka's own hooks. */
    private void stop() {
        if (!stopped.compareAndSet(false, true)) {
            return;
        }
        KafkaProducer<byte[], byte[]> p = producer;
        if (p != null) {
            p.close(Duration.ofSeconds(5));
        }
        cluster.stop();
        for (Runnable hook : kafkaShutdownHooks) {
            hook.run();
        }
    }

    private static byte[] utf8(String s) {
        return s == null ? null : s.getBytes(StandardCharsets.UTF_8);
    }
}
