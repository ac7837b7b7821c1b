package io.filament.control.kafka;

import io.filament.control.config.ConfigObject;
import io.filament.control.config.ConfigRecordException;
import io.filament.control.config.ConfigService;
import io.filament.control.config.ConfigSnapshotReader;
import io.filament.control.config.ConfigGraph;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * {@code filament.config.v1} records into the config graph: a snapshot replaces the object, a tombstone removes
 * it; a batch is applied as one change. A record that cannot be read is logged with its key and skipped.
 */
public final class ConfigTopicHandler implements Consumer<List<ConsumerRecord<String, byte[]>>> {

    private static final Logger log = LoggerFactory.getLogger(ConfigTopicHandler.class);

    private final ConfigService config;
    private final ConfigSnapshotReader reader = new ConfigSnapshotReader();
    final AtomicLong rejected = new AtomicLong();

    public ConfigTopicHandler(ConfigService config) {
        this.config = config;
    }

    @Override
    public void accept(List<ConsumerRecord<String, byte[]>> records) {
        List<Consumer<ConfigGraph>> steps = new ArrayList<>(records.size());
        for (ConsumerRecord<String, byte[]> r : records) {
            String key = r.key() == null ? "" : r.key();
            if (r.value() == null) {
                String uuid = key.substring(key.indexOf('/') + 1);
                steps.add(g -> g.removeByUuid(uuid));
                continue;
            }
            try {
                ConfigObject object = reader.read(key, r.value());
                steps.add(g -> g.put(object));
            } catch (ConfigRecordException e) {
                rejected.incrementAndGet();
                log.warn("skipping config record at offset {}: {}", r.offset(), e.getMessage());
            }
        }
        config.change(g -> steps.forEach(s -> s.accept(g))).join();
    }
}
