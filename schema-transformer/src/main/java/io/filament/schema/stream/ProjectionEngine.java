package io.filament.schema.stream;

import io.filament.schema.config.ConfigChange;
import io.filament.schema.config.ConfigRecordParser;
import io.filament.schema.config.ConfigRecordRejected;
import io.filament.schema.desired.CanonicalJson;
import io.filament.schema.desired.DesiredChange;
import io.filament.schema.desired.DesiredRecord;
import io.filament.schema.projection.IncrementalTranslator;
import io.filament.schema.routing.RouteTargetStore;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns the translator while this instance is active. Activation rebuilds the config image from the whole config
 * topic, reads what the desired topic already holds, and publishes only the difference, so a restart or a takeover
 * re-sends nothing that is already there. Afterwards every config record from the binding is applied and its
 * changes are published at once. All methods are synchronized: activation runs on the activation thread, records
 * arrive on the binder's consumer thread.
 */
public final class ProjectionEngine {

    private static final Logger log = LoggerFactory.getLogger(ProjectionEngine.class);

    private final SchemaTransformerProperties.Topics topics;
    private final ConfigTopicReader reader;
    private final RouteTargetStore store;
    private final DesiredPublisher publisher;
    private final DeadLetterPublisher deadLetters;
    private final BooleanSupplier leader;
    private final ConfigRecordParser parser = new ConfigRecordParser();

    private IncrementalTranslator translator;
    private Map<Integer, Long> positions = Map.of();
    private Runnable onFailure = () -> { };

    public ProjectionEngine(SchemaTransformerProperties.Topics topics, ConfigTopicReader reader,
                            RouteTargetStore store, DesiredPublisher publisher, DeadLetterPublisher deadLetters,
                            BooleanSupplier leader) {
        this.topics = topics;
        this.reader = reader;
        this.store = store;
        this.publisher = publisher;
        this.deadLetters = deadLetters;
        this.leader = leader;
    }

    /** Called when applying a record failed for a reason other than the record itself (e.g. Cassandra down). */
    public synchronized void onFailure(Runnable action) {
        this.onFailure = action;
    }

    public synchronized void activate() {
        long started = System.nanoTime();
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

        List<ConfigChange> history = new java.util.ArrayList<>();
        Map<Integer, Long> read = reader.readToEnd(topics.config(), record -> {
            String origin = origin(record.partition(), record.offset());
            parse(record.key(), record.value(), origin, !deadLettered.contains(origin)).ifPresent(history::add);
        });
        claimTargetsInBulk(history);
        IncrementalTranslator rebuilt = new IncrementalTranslator(store);
        rebuilt.applyAll(history);
        releaseClaimsOfVanishedInstances(rebuilt);
        int sent = publishDifference(rebuilt.state(), published);
        translator = rebuilt;
        positions = read;
        log.info("Active: rebuilt {} config objects into {} desired records, published {} differences in {} ms",
                rebuilt.image().size(), rebuilt.state().size(), sent, (System.nanoTime() - started) / 1_000_000);
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

    /** One record from the config binding; records already read during activation are skipped. */
    public synchronized void onRecord(int partition, long offset, String key, byte[] value) {
        if (translator == null || offset < positions.getOrDefault(partition, 0L)) {
            return;
        }
        var change = parse(key, value, origin(partition, offset), true);
        if (change.isEmpty()) {
            return;
        }
        List<DesiredChange> changes;
        try {
            changes = translator.apply(change.get());
        } catch (RuntimeException failure) {
            log.warn("Applying {} failed; rebuilding from the config topic: {}", key, failure.toString());
            translator = null;
            onFailure.run();
            return;
        }
        if (!leader.getAsBoolean()) {
            log.info("Lease no longer valid; not publishing the {} changes of {}", changes.size(), key);
            translator = null;
            return;
        }
        changes.forEach(publisher::publish);
    }

    private java.util.Optional<ConfigChange> parse(String key, byte[] value, String origin, boolean deadLetter) {
        try {
            return java.util.Optional.of(parser.parse(key, value));
        } catch (ConfigRecordRejected rejected) {
            if (deadLetter) {
                deadLetters.publish(key, value, origin, rejected);
            }
            return java.util.Optional.empty();
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

    private int publishDifference(Map<String, DesiredRecord> state, Map<String, byte[]> published) {
        int sent = 0;
        for (DesiredRecord record : state.values()) {
            byte[] bytes = CanonicalJson.bytes(record);
            if (!Arrays.equals(bytes, published.get(record.key()))) {
                publisher.publish(record.key(), bytes);
                sent++;
            }
        }
        for (String key : published.keySet()) {
            if (!state.containsKey(key)) {
                publisher.publish(key, null);
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
