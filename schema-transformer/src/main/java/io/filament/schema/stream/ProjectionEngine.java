package io.filament.schema.stream;

import io.filament.schema.config.ConfigChange;
import io.filament.schema.config.ConfigRecordParser;
import io.filament.schema.config.ConfigRecordRejected;
import io.filament.schema.desired.CanonicalJson;
import io.filament.schema.desired.DesiredRecord;
import io.filament.schema.projection.IncrementalTranslator;
import io.filament.schema.routing.RouteTargetStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns the translator while this instance is active. Activation rebuilds the config image from the whole config
 * topic, reads what the desired topic already holds, and publishes only the difference, so a restart or a takeover
 * re-sends nothing that is already there. Afterwards the config follower hands over every poll of the config topic
 * as one batch: each record is parsed and applied in offset order, and the desired records the whole batch changed
 * (and its dead letters) go to the producer together, in that order, if the lease is still valid. All methods are
 * synchronized: activation runs on the activation thread, batches arrive on the follower's thread.
 */
public final class ProjectionEngine implements ConfigFollower.BatchHandler {

    private static final Logger log = LoggerFactory.getLogger(ProjectionEngine.class);

    private final SchemaTransformerProperties.Topics topics;
    private final ConfigTopicReader reader;
    private final RouteTargetStore store;
    private final KafkaOutput output;
    private final DesiredPublisher publisher;
    private final DeadLetterPublisher deadLetters;
    private final BooleanSupplier leader;
    private final ConfigRecordParser parser = new ConfigRecordParser();

    private IncrementalTranslator translator;
    private Map<Integer, Long> positions = Map.of();
    private Runnable onFailure = () -> { };

    ProjectionEngine(SchemaTransformerProperties.Topics topics, ConfigTopicReader reader, RouteTargetStore store,
                     KafkaOutput output, DesiredPublisher publisher, DeadLetterPublisher deadLetters,
                     BooleanSupplier leader) {
        this.topics = topics;
        this.reader = reader;
        this.store = store;
        this.output = output;
        this.publisher = publisher;
        this.deadLetters = deadLetters;
        this.leader = leader;
    }

    /** Called when applying or publishing failed for a reason other than the record itself (e.g. Cassandra down). */
    public synchronized void onFailure(Runnable action) {
        this.onFailure = action;
    }

    /**
     * Rebuilds the state from the topics and publishes what the desired topic lacks; returns the config topic
     * position (partition → next offset) from which to follow.
     */
    public synchronized Map<Integer, Long> activate() {
        long started = System.nanoTime();
        output.reopen();
        Map<String, byte[]> published = new java.util.TreeMap<>();
        reader.readToEnd(topics.desired(), record -> {
            if (record.value() == null) {
                published.remove(record.key());
            } else {
                published.put(record.key(), record.value());
            }
        });
        Set<String> deadLettered = new HashSet<>();
        reader.readToEnd(topics.deadLetter(), record -> deadLettered.add(header(record, DeadLetterPublisher.ORIGIN_HEADER)));

        List<ConfigChange> history = new ArrayList<>();
        List<ProducerRecord<String, byte[]>> out = new ArrayList<>();
        Map<Integer, Long> read = reader.readToEnd(topics.config(), record -> {
            String origin = origin(record.partition(), record.offset());
            parse(record.key(), record.value(), origin, deadLettered.contains(origin) ? null : out)
                    .ifPresent(history::add);
        });
        claimTargetsInBulk(history);
        IncrementalTranslator rebuilt = new IncrementalTranslator(store);
        rebuilt.applyAll(history);
        releaseClaimsOfVanishedInstances(rebuilt);
        output.send(out);
        int sent = out.size() + publishDifference(rebuilt.state(), published);
        output.flush();
        translator = rebuilt;
        positions = read;
        log.info("Active: rebuilt {} config objects into {} desired records, published {} records in {} ms",
                rebuilt.image().size(), rebuilt.state().size(), sent, (System.nanoTime() - started) / 1_000_000);
        return read;
    }

    public synchronized void deactivate() {
        translator = null;
        positions = Map.of();
    }

    public synchronized boolean isActive() {
        return translator != null;
    }

    public synchronized int desiredRecordCount() {
        return translator == null ? 0 : translator.state().size();
    }

    /**
     * One poll of the config topic: applies every record in order and publishes the resulting records together.
     * Records before the activation's position are skipped. A failure while applying, or a delivery that failed
     * since the last batch, drops the state and asks for a rebuild; a lapsed lease drops the state unpublished.
     */
    @Override
    public synchronized void onBatch(Iterable<ConsumerRecord<String, byte[]>> records) {
        if (translator == null) {
            return;
        }
        if (output.failure().isPresent()) {
            fail(output.failure().get().key(), output.failure().get());
            return;
        }
        List<ProducerRecord<String, byte[]>> out = new ArrayList<>();
        int applied = 0;
        for (ConsumerRecord<String, byte[]> record : records) {
            if (record.offset() < positions.getOrDefault(record.partition(), 0L)) {
                continue;
            }
            var change = parse(record.key(), record.value(), origin(record.partition(), record.offset()), out);
            if (change.isEmpty()) {
                continue;
            }
            try {
                translator.apply(change.get()).forEach(desired -> out.add(publisher.record(desired)));
            } catch (RuntimeException failure) {
                fail(record.key(), failure);
                return;
            }
            applied++;
        }
        if (!leader.getAsBoolean()) {
            log.info("Lease no longer valid; not publishing the {} records derived from {} config records",
                    out.size(), applied);
            translator = null;
            return;
        }
        output.send(out);
    }

    /** The follower stopped on an error of its own (e.g. of its consumer). */
    @Override
    public synchronized void onFollowerFailure(RuntimeException failure) {
        if (translator != null) {
            fail(topics.config(), failure);
        }
    }

    private void fail(String key, RuntimeException failure) {
        log.warn("Applying or publishing {} failed; rebuilding from the config topic: {}", key, failure.toString());
        translator = null;
        onFailure.run();
    }

    /** Parses one record; a rejected one becomes a dead letter in {@code deadLetterSink} unless that is null. */
    private Optional<ConfigChange> parse(String key, byte[] value, String origin,
                                         List<ProducerRecord<String, byte[]>> deadLetterSink) {
        try {
            return Optional.of(parser.parse(key, value));
        } catch (ConfigRecordRejected rejected) {
            if (deadLetterSink != null) {
                deadLetterSink.add(deadLetters.record(key, value, origin, rejected));
            }
            return Optional.empty();
        }
    }

    private String origin(int partition, long offset) {
        return topics.config() + "/" + partition + "/" + offset;
    }

    /** Claims the targets of every network of the final image at once rather than one write at a time. */
    private void claimTargetsInBulk(List<ConfigChange> history) {
        var image = new io.filament.schema.config.ConfigImage();
        history.forEach(image::apply);
        store.claimAll(image.ofType("virtual-network").stream()
                        .map(io.filament.schema.routing.RoutingInstanceDeriver::instanceName).toList(),
                io.filament.schema.routing.GlobalSettings.from(image).numberSpace());
    }

    private void releaseClaimsOfVanishedInstances(IncrementalTranslator rebuilt) {
        Set<String> instances = new HashSet<>();
        rebuilt.state().values().stream()
                .filter(record -> record.type().equals(DesiredRecord.ROUTING_INSTANCE))
                .forEach(record -> instances.add(record.id()));
        store.claims().keySet().stream().filter(instance -> !instances.contains(instance)).toList()
                .forEach(store::release);
    }

    /** Sends every record whose bytes differ from what the desired topic holds, and tombstones for the rest. */
    private int publishDifference(Map<String, DesiredRecord> state, Map<String, byte[]> published) {
        int sent = 0;
        for (DesiredRecord record : state.values()) {
            byte[] value = CanonicalJson.bytes(record);
            if (!Arrays.equals(value, published.get(record.key()))) {
                output.send(publisher.record(record.key(), value));
                sent++;
            }
        }
        for (String key : published.keySet()) {
            if (!state.containsKey(key)) {
                output.send(publisher.record(key, null));
                sent++;
            }
        }
        return sent;
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? "" : new String(header.value(), java.nio.charset.StandardCharsets.UTF_8);
    }
}
