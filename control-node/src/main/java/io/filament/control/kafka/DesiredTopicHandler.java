package io.filament.control.kafka;

import io.filament.control.config.ConfigRecordException;
import io.filament.control.desired.DesiredChange;
import io.filament.control.desired.DesiredStateApplier;
import io.filament.control.desired.DesiredStateReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** {@code filament.desired.v1} records to the RIB and the config graph; unreadable records are logged and skipped. */
public final class DesiredTopicHandler implements Consumer<List<ConsumerRecord<String, byte[]>>> {

    private static final Logger log = LoggerFactory.getLogger(DesiredTopicHandler.class);

    private final DesiredStateReader reader = new DesiredStateReader();
    private final DesiredStateApplier applier;

    public DesiredTopicHandler(DesiredStateApplier applier) {
        this.applier = applier;
    }

    @Override
    public void accept(List<ConsumerRecord<String, byte[]>> records) {
        List<DesiredChange> changes = new ArrayList<>(records.size());
        for (ConsumerRecord<String, byte[]> r : records) {
            try {
                changes.add(reader.read(r.key() == null ? "" : r.key(), r.value()));
            } catch (ConfigRecordException e) {
                log.warn("skipping desired-state record at offset {}: {}", r.offset(), e.getMessage());
            }
        }
        applier.apply(changes).join();
    }
}
