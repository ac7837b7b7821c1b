package io.filament.schema.stream;

import static io.filament.schema.fixtures.ConfigSnapshots.network;
import static io.filament.schema.fixtures.ConfigSnapshots.policy;
import static io.filament.schema.fixtures.ConfigSnapshots.rule;
import static io.filament.schema.fixtures.ConfigSnapshots.vn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.filament.schema.config.ConfigImage;
import io.filament.schema.config.ConfigRecordParser;
import io.filament.schema.desired.CanonicalJson;
import io.filament.schema.fixtures.ConfigSnapshots.Policy;
import io.filament.schema.fixtures.ConfigSnapshots.Snapshot;
import io.filament.schema.projection.FullRecompute;
import io.filament.schema.routing.InMemoryRouteTargetStore;
import io.filament.testsupport.LocalInfrastructure;
import io.filament.testsupport.LocalInfrastructureTest;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * The engine, its follower and its producer in this JVM against the real Kafka: a burst of config changes arrives
 * in a few large polls, and what reaches the desired topic keeps every key's versions in order, ends at exactly what
 * a full recompute derives, and routes an unparseable record of the burst to the dead-letter topic. A batch that
 * arrives after the lease has lapsed publishes nothing.
 */
@LocalInfrastructureTest
class BatchPublishingIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int NETWORKS = 5;
    private static final int VERSIONS = 60;

    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable closeable : open.reversed()) {
            closeable.close();
        }
    }

    private record Running(ProjectionEngine engine, ConfigFollower follower, SchemaTransformerProperties.Topics topics,
                           KafkaProducer<String, byte[]> feeder, ConfigTopicReader reader) {
        void feed(Snapshot snapshot) {
            feeder.send(new ProducerRecord<>(topics.config(), snapshot.key(), snapshot.value()));
        }

        List<ConsumerRecord<String, byte[]>> read(String topic) {
            List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
            reader.readToEnd(topic, records::add);
            return records;
        }
    }

    private Running start(LocalInfrastructure infrastructure, AtomicBoolean leader) throws Exception {
        String config = infrastructure.uniqueTopic("filament.config.v1");
        var topics = new SchemaTransformerProperties.Topics(config, infrastructure.uniqueTopic("filament.desired.v1"),
                config + ".dlq");
        String bootstrap = infrastructure.kafkaBootstrapServers();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            Map<String, String> compacted = Map.of("cleanup.policy", "compact");
            admin.createTopics(List.of(new NewTopic(topics.config(), 1, (short) 1).configs(compacted),
                    new NewTopic(topics.desired(), 1, (short) 1).configs(compacted),
                    new NewTopic(topics.deadLetter(), 1, (short) 1))).all().get();
        }
        Properties producer = new Properties();
        producer.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        producer.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        producer.put(ProducerConfig.LINGER_MS_CONFIG, 2);
        var output = new KafkaOutput(() -> new KafkaProducer<>(producer, new StringSerializer(),
                new ByteArraySerializer()));
        open.add(output);
        var reader = new ConfigTopicReader(bootstrap, Duration.ofSeconds(60));
        var engine = new ProjectionEngine(topics, reader, new InMemoryRouteTargetStore(), output,
                new DesiredPublisher(topics.desired()),
                new DeadLetterPublisher(topics.deadLetter(), new SimpleMeterRegistry()), leader::get);
        Properties consumer = new Properties();
        consumer.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        consumer.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumer.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500);
        var follower = new ConfigFollower(() -> new KafkaConsumer<>(consumer, new StringDeserializer(),
                new ByteArrayDeserializer()), topics.config(), Duration.ofMillis(100), engine);
        open.add(follower);
        var feeder = new KafkaProducer<>(producer, new StringSerializer(), new ByteArraySerializer());
        open.add(feeder);
        return new Running(engine, follower, topics, feeder, reader);
    }

    private static String uuid(int n) {
        return String.format("00000000-0000-4000-8000-%012d", n);
    }

    private static Snapshot net(int n, long version) {
        Policy open = Policy.of("00000000-0000-4000-9000-000000000001", "demo", "open");
        return network(uuid(n), version, "net-" + n, 100 + n, open);
    }

    private static long instanceVersion(byte[] value, int n) {
        return JSON.readTree(value).path("derived_from").path("virtual-network/" + uuid(n)).asLong();
    }

    @Test
    void aBurstKeepsEveryKeysOrderEndsAtTheFullRecomputeAndDeadLettersTheBadRecord(
            LocalInfrastructure infrastructure) throws Exception {
        Running running = start(infrastructure, new AtomicBoolean(true));
        List<Snapshot> log = new ArrayList<>();
        log.add(policy("00000000-0000-4000-9000-000000000001", 1, "demo", "open",
                List.of(rule("<>", "any", vn("local"), vn("any"), "pass"))));
        for (int n = 0; n < NETWORKS; n++) {
            log.add(net(n, 1));
        }
        log.forEach(running::feed);
        running.feeder().flush();
        running.follower().start(running.engine().activate());

        String badKey = "virtual-network/" + uuid(99);
        for (int version = 2; version <= VERSIONS; version++) {
            for (int n = 0; n < NETWORKS; n++) {
                Snapshot update = net(n, version);
                log.add(update);
                running.feed(update);
            }
            if (version == VERSIONS / 2) {
                running.feeder().send(new ProducerRecord<>(running.topics().config(), badKey,
                        "{not json".getBytes(StandardCharsets.UTF_8)));
            }
        }
        running.feeder().flush();

        String lastKey = "routing-instance/default-domain:demo:net-4:net-4";
        await("the last version of every network on the desired topic").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> running.read(running.topics().desired()).stream()
                        .anyMatch(r -> r.key().equals(lastKey) && instanceVersion(r.value(), 4) == VERSIONS));

        Map<String, List<Long>> versionsByInstance = new LinkedHashMap<>();
        Map<String, String> compacted = new TreeMap<>();
        for (var record : running.read(running.topics().desired())) {
            compacted.put(record.key(), new String(record.value(), StandardCharsets.UTF_8));
            for (int n = 0; n < NETWORKS; n++) {
                if (record.key().equals("routing-instance/default-domain:demo:net-" + n + ":net-" + n)) {
                    versionsByInstance.computeIfAbsent(record.key(), k -> new ArrayList<>())
                            .add(instanceVersion(record.value(), n));
                }
            }
        }
        assertThat(versionsByInstance).hasSize(NETWORKS);
        List<Long> everyVersion = java.util.stream.LongStream.rangeClosed(1, VERSIONS).boxed().toList();
        versionsByInstance.forEach((key, versions) -> {
            // A peer's update re-publishes an instance at its own unchanged version, so repeats are expected;
            // going back to an older version would mean a reordering.
            assertThat(versions).as(key).isSorted().endsWith((long) VERSIONS);
            assertThat(versions.stream().distinct().toList()).as(key).isEqualTo(everyVersion);
        });

        ConfigImage image = new ConfigImage();
        ConfigRecordParser parser = new ConfigRecordParser();
        log.forEach(snapshot -> image.apply(parser.parse(snapshot.key(), snapshot.value())));
        Map<String, String> expected = new TreeMap<>();
        FullRecompute.compute(image, new InMemoryRouteTargetStore())
                .forEach((key, record) -> expected.put(key, CanonicalJson.text(record)));
        assertThat(compacted).isEqualTo(expected);

        var letters = running.read(running.topics().deadLetter());
        assertThat(letters).singleElement().satisfies(letter -> {
            assertThat(letter.key()).isEqualTo(badKey);
            assertThat(new String(letter.headers().lastHeader(DeadLetterPublisher.ORIGIN_HEADER).value(),
                    StandardCharsets.UTF_8)).startsWith(running.topics().config() + "/0/");
        });
    }

    @Test
    void aBatchThatArrivesAfterTheLeaseLapsedPublishesNothingAndDropsTheState(LocalInfrastructure infrastructure)
            throws Exception {
        AtomicBoolean leader = new AtomicBoolean(true);
        Running running = start(infrastructure, leader);
        running.feed(policy("00000000-0000-4000-9000-000000000001", 1, "demo", "open",
                List.of(rule("<>", "any", vn("local"), vn("any"), "pass"))));
        running.feed(net(0, 1));
        running.feeder().flush();
        running.follower().start(running.engine().activate());
        int published = running.read(running.topics().desired()).size();
        assertThat(published).isEqualTo(3);

        leader.set(false);
        running.feed(net(0, 2));
        running.feeder().flush();

        await("the engine drops its state").atMost(Duration.ofSeconds(30)).until(() -> !running.engine().isActive());
        assertThat(running.read(running.topics().desired())).hasSize(published);
    }
}
