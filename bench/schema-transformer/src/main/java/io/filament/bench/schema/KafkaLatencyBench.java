package io.filament.bench.schema;

import com.datastax.oss.driver.api.core.CqlSession;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.ReplicaInfo;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import tools.jackson.core.TokenStreamFactory;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * End to end through Kafka: the packaged transformer runs as its own JVM on fresh topics and keyspace, the whole
 * synthetic config is loaded, then network updates are produced at a steady rate and the time from handing each
 * update to the producer to the arrival of that network's routing-instance record (carrying the new version in
 * {@code derived_from}) on the desired topic is measured.
 */
final class KafkaLatencyBench {

    /**
     * Property names are not canonicalised: a routing instance's {@code derived_from} is keyed by object uuids, and
     * with a shared symbol table every parse would copy a table of thousands of uuids.
     */
    private static final JsonMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
            .disable(TokenStreamFactory.Feature.CANONICALIZE_PROPERTY_NAMES).build()).build();

    private final String bootstrap;
    private final InetSocketAddress cassandra;
    private final Path jar;
    private final List<String> transformerJavaOptions;

    KafkaLatencyBench(String bootstrap, InetSocketAddress cassandra, Path jar, List<String> transformerJavaOptions) {
        this.bootstrap = bootstrap;
        this.cassandra = cassandra;
        this.jar = jar;
        this.transformerJavaOptions = List.copyOf(transformerJavaOptions);
    }

    /**
     * The pace of a run: {@code warmupSeconds} of updates at {@code rate} per second, not measured, then
     * {@code rounds} measured rounds of {@code seconds} each, reported one by one. With
     * {@code rollDesiredAfterSeconds} above zero, the desired topic's segment is rolled that long after the first
     * measured round began, so that the broker's log cleaner compacts it while the rounds go on. The desired topic
     * is created compacted, with {@code desiredTopicConfigs} besides.
     */
    record Schedule(int rate, int warmupSeconds, int seconds, int rounds, int rollDesiredAfterSeconds,
                    Map<String, String> desiredTopicConfigs) {
    }

    void run(BenchConfig config, int networks, Schedule schedule) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String configTopic = "bench-" + run + ".config";
        String desiredTopic = "bench-" + run + ".desired";
        String keyspace = "bench_" + run;
        Map<String, String> desiredConfigs = new HashMap<>(schedule.desiredTopicConfigs());
        desiredConfigs.put("cleanup.policy", "compact");
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(
                    new NewTopic(configTopic, 1, (short) 1).configs(Map.of("cleanup.policy", "compact")),
                    new NewTopic(desiredTopic, 1, (short) 1).configs(desiredConfigs),
                    new NewTopic(configTopic + ".dlq", 1, (short) 1))).all().get();
        }
        Map<String, Long> pending = new ConcurrentHashMap<>();
        LatencyStages latency = new LatencyStages();
        AtomicInteger instances = new AtomicInteger();
        Process transformer = null;
        try (var producer = producer(); var watcher = new Watcher(desiredTopic, pending, latency, instances)) {
            long loadStart = System.nanoTime();
            for (BenchConfig.Snapshot snapshot : config.all()) {
                producer.send(new ProducerRecord<>(configTopic, snapshot.key(), snapshot.value()));
            }
            producer.flush();
            System.out.printf("loaded %d config records in %.1f s%n", config.all().size(),
                    (System.nanoTime() - loadStart) / 1e9);

            long startedAt = System.nanoTime();
            int port = freePort();
            transformer = start(configTopic, desiredTopic, keyspace, run, port);
            Process started = transformer;
            // A bench stopped with a signal skips the finally block below; its transformer must not outlive it.
            Runtime.getRuntime().addShutdownHook(new Thread(started::destroy));
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
            while (instances.get() < networks || !active(port)) {
                if (System.nanoTime() > deadline || !transformer.isAlive()) {
                    throw new IllegalStateException("transformer did not publish " + networks
                            + " routing instances (saw " + instances.get() + "); see bench/schema-transformer/target/bench-transformer.log");
                }
                Thread.sleep(200);
            }
            System.out.printf("transformer start + activation (claims %d route targets in Cassandra): %.1f s%n",
                    networks, (System.nanoTime() - startedAt) / 1e9);

            long[] versions = new long[networks];
            java.util.Arrays.fill(versions, 1);
            java.util.Random random = new java.util.Random(2);
            // Warm-up at the same rate, not measured: the follower's path gets compiled, and whatever backlog the
            // start leaves is worked off before the measured updates begin.
            int warmup = schedule.rate() * schedule.warmupSeconds();
            paced(config, networks, schedule.rate(), warmup, versions, random, producer, configTopic, pending);
            long drainWarmup = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (!pending.isEmpty() && System.nanoTime() < drainWarmup) {
                Thread.sleep(100);
            }
            System.out.printf("warm-up: %d updates at %d/s, %d not seen within 120 s after the last%n", warmup,
                    schedule.rate(), pending.size());
            // a daemon, so that a run that fails before the roll still ends
            int rollAfter = schedule.rollDesiredAfterSeconds();
            Thread roller = Thread.ofVirtual().start(() -> rollSegment(desiredTopic, rollAfter));
            for (int round = 1; round <= schedule.rounds(); round++) {
                pending.clear();
                latency.clear();
                int total = schedule.rate() * schedule.seconds();
                paced(config, networks, schedule.rate(), total, versions, random, producer, configTopic, pending);
                long drain = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (!pending.isEmpty() && System.nanoTime() < drain) {
                    Thread.sleep(100);
                }
                System.out.printf("through Kafka, round %d of %d, %d network updates at %d/s: %s; %d never seen%n",
                        round, schedule.rounds(), total, schedule.rate(), latency.summary(), pending.size());
                Path samples = Path.of("bench", "schema-transformer", "target",
                        "kafka-latency-" + run + "-" + round + ".tsv");
                latency.write(samples);
                System.out.println("every update's latency: " + samples);
            }
            roller.interrupt();
        } finally {
            if (transformer != null) {
                transformer.destroy();
                transformer.waitFor(30, TimeUnit.SECONDS);
            }
            cleanUp(List.of(configTopic, desiredTopic, configTopic + ".dlq"), keyspace);
        }
    }

    /**
     * After {@code afterSeconds} (never for 0), makes the broker roll {@code topic}'s active segment instead of at
     * its 1 GiB: {@code segment.bytes} is set just above the partition's size, so that the next append rolls the
     * segment, and removed again once the cleaner has compacted the closed segment (the partition shrank), as it
     * does when a long run fills it.
     */
    private void rollSegment(String topic, int afterSeconds) {
        if (afterSeconds <= 0) {
            return;
        }
        var resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        try {
            Thread.sleep(TimeUnit.SECONDS.toMillis(afterSeconds));
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
                long before = partitionSize(admin, topic);
                var limit = new ConfigEntry(TopicConfig.SEGMENT_BYTES_CONFIG, String.valueOf(before + 1_000_000));
                alter(admin, resource, new AlterConfigOp(limit, AlterConfigOp.OpType.SET));
                long rolledAt = System.nanoTime();
                long deadline = rolledAt + TimeUnit.SECONDS.toNanos(120);
                long after = before;
                while (after >= before && System.nanoTime() < deadline) {
                    Thread.sleep(100);
                    after = partitionSize(admin, topic);
                }
                alter(admin, resource, new AlterConfigOp(limit, AlterConfigOp.OpType.DELETE));
                System.out.printf(after < before
                                ? "rolled %s's segment at %.1f MB; cleaned to %.1f MB within %.1f s%n"
                                : "rolled %s's segment at %.1f MB; still %.1f MB after %.1f s, no cleaning seen%n",
                        topic, before / 1e6, after / 1e6, (System.nanoTime() - rolledAt) / 1e9);
            }
        } catch (ExecutionException e) {
            System.out.println("could not roll " + topic + "'s segment: " + e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The bytes of partition 0 of {@code topic} on every broker's log directories (here: one broker). */
    private static long partitionSize(Admin admin, String topic) throws ExecutionException, InterruptedException {
        List<Integer> brokers = admin.describeCluster().nodes().get().stream().map(Node::id).toList();
        return admin.describeLogDirs(brokers).allDescriptions().get().values().stream()
                .flatMap(dirs -> dirs.values().stream())
                .map(dir -> dir.replicaInfos().get(new TopicPartition(topic, 0)))
                .filter(Objects::nonNull).mapToLong(ReplicaInfo::size).sum();
    }

    private static void alter(Admin admin, ConfigResource resource, AlterConfigOp op)
            throws ExecutionException, InterruptedException {
        admin.incrementalAlterConfigs(Map.of(resource, List.of(op))).all().get();
    }

    /** Sends {@code count} network updates at {@code rate} per second, noting the send time of each. */
    private static void paced(BenchConfig config, int networks, int rate, int count, long[] versions,
                              java.util.Random random, KafkaProducer<String, byte[]> producer, String configTopic,
                              Map<String, Long> pending) throws Exception {
        var scheduler = Executors.newSingleThreadScheduledExecutor();
        AtomicInteger sent = new AtomicInteger();
        long sendDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(count / rate + 60L);
        var ticker = scheduler.scheduleAtFixedRate(() -> {
            if (sent.get() >= count) {
                return;
            }
            if (System.nanoTime() > sendDeadline) {
                throw new IllegalStateException("sending fell behind by more than a minute");
            }
            int n = random.nextInt(networks);
            versions[n]++;
            BenchConfig.Snapshot change = config.network(n, versions[n], versions[n] % 2 == 0);
            pending.put(BenchConfig.networkUuid(n) + ":" + versions[n], System.nanoTime());
            producer.send(new ProducerRecord<>(configTopic, change.key(), change.value()));
            sent.incrementAndGet();
        }, 0, 1_000_000_000L / rate, TimeUnit.NANOSECONDS);
        try {
            while (sent.get() < count && !ticker.isDone()) {
                Thread.sleep(100);
            }
            if (sent.get() < count) {
                ticker.get();
            }
        } finally {
            ticker.cancel(false);
            scheduler.shutdown();
        }
    }

    /** Deletes what the run created; a failure here is reported but does not hide the run's own outcome. */
    private void cleanUp(List<String> topics, String keyspace) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.deleteTopics(topics).all().get();
        } catch (Exception e) {
            System.out.println("could not delete topics " + topics + ": " + e);
        }
        var loader = com.datastax.oss.driver.api.core.config.DriverConfigLoader.programmaticBuilder()
                .withDuration(com.datastax.oss.driver.api.core.config.DefaultDriverOption.REQUEST_TIMEOUT,
                        Duration.ofSeconds(60))
                .build();
        try (CqlSession session = CqlSession.builder().addContactPoint(cassandra)
                .withLocalDatacenter("datacenter1").withConfigLoader(loader).build()) {
            session.execute("DROP KEYSPACE IF EXISTS " + keyspace);
        } catch (RuntimeException e) {
            System.out.println("could not drop keyspace " + keyspace + ": " + e);
        }
    }

    private KafkaProducer<String, byte[]> producer() {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        properties.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaProducer<>(properties, new StringSerializer(), new ByteArraySerializer());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** True once the transformer's health endpoint reports it active (activation done, follower started). */
    private static boolean active(int port) {
        try {
            var response = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                            java.net.URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                    .timeout(Duration.ofSeconds(5)).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            return response.body().contains("\"role\":\"active\"");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private Process start(String configTopic, String desiredTopic, String keyspace, String run, int port)
            throws IOException {
        Path log = Path.of("bench", "schema-transformer", "target", "bench-transformer.log");
        Files.createDirectories(log.getParent());
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g"));
        command.addAll(transformerJavaOptions);
        command.addAll(List.of("--enable-native-access=ALL-UNNAMED", "-jar", jar.toString(),
                "--server.port=" + port,
                "--filament.schema.kafka-bootstrap-servers=" + bootstrap,
                "--filament.schema.topics.config=" + configTopic,
                "--filament.schema.topics.desired=" + desiredTopic,
                "--filament.schema.topics.dead-letter=" + configTopic + ".dlq",
                "--filament.schema.cassandra.contact-point=" + cassandra.getHostString() + ":" + cassandra.getPort(),
                "--filament.schema.cassandra.keyspace=" + keyspace,
                "--filament.schema.lease.name=bench-" + run));
        System.out.println("transformer JVM: " + String.join(" ", command.subList(0, command.indexOf("-jar"))));
        return new ProcessBuilder(command)
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /** Follows the desired topic and matches routing-instance records to pending updates. */
    private final class Watcher implements AutoCloseable {
        private final KafkaConsumer<String, byte[]> consumer;
        private final Thread thread;
        private final Set<String> seenInstances = ConcurrentHashMap.newKeySet();
        private volatile boolean running = true;

        Watcher(String topic, Map<String, Long> pending, LatencyStages latency, AtomicInteger instances) {
            Properties properties = new Properties();
            properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
            properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
            properties.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 100);
            consumer = new KafkaConsumer<>(properties, new StringDeserializer(), new ByteArrayDeserializer());
            var partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            thread = Thread.ofPlatform().name("bench-watcher").start(() -> {
                while (running) {
                    for (var record : consumer.poll(Duration.ofMillis(20))) {
                        long now = System.nanoTime();
                        if (record.value() == null || !record.key().startsWith("routing-instance/")) {
                            continue;
                        }
                        if (seenInstances.add(record.key())) {
                            instances.incrementAndGet();
                        }
                        var value = MAPPER.readTree(record.value());
                        String uuid = value.path("virtual_network_uuid").stringValue();
                        long version = value.path("derived_from").path("virtual-network/" + uuid).longValue();
                        Long sentAt = pending.remove(uuid + ":" + version);
                        if (sentAt != null) {
                            // The record's timestamp is the wall-clock millisecond of the transformer's send.
                            latency.add(sentAt, latency.monotonic(record.timestamp()), now);
                        }
                    }
                }
                consumer.close();
            });
        }

        @Override
        public void close() throws InterruptedException {
            running = false;
            thread.join(5_000);
        }
    }
}
