package io.filament.control.xmpp.peer;

import io.filament.control.config.ConfigItem;
import io.filament.control.config.ConfigOutSink;
import io.filament.control.status.ControlNodeCounters;
import io.filament.control.xmpp.session.EstablishedSession;
import io.filament.control.xmpp.wire.ConfigMessageEncoder;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes an agent's config delta as {@code <config>} iqs of at most 16 objects, updates and deletes in separate
 * iqs, in the delta's order, on the session's event loop.
 */
final class AgentConfigOut implements ConfigOutSink {

    private final EstablishedSession session;
    private final String from;
    private final String to;
    final AtomicLong objectsPushed = new AtomicLong();

    private final ControlNodeCounters counters;

    AgentConfigOut(EstablishedSession session, String from, String hostname, ControlNodeCounters counters) {
        this.session = session;
        this.counters = counters;
        this.from = from;
        this.to = "default-global-system-config:" + hostname + "/config";
    }

    @Override
    public void push(List<ConfigItem> items) {
        List<ConfigItem> copy = List.copyOf(items);
        session.execute(() -> write(copy));
    }

    private void write(List<ConfigItem> items) {
        StringBuilder out = new StringBuilder(4096);
        List<ConfigItem> run = new ArrayList<>(ConfigMessageEncoder.MAX_OBJECTS);
        for (ConfigItem item : items) {
            if (!run.isEmpty() && (run.size() == ConfigMessageEncoder.MAX_OBJECTS || run.getFirst().delete() != item.delete())) {
                ConfigMessageEncoder.encode(out, from, to, run);
                run.clear();
            }
            run.add(item);
        }
        if (!run.isEmpty()) {
            ConfigMessageEncoder.encode(out, from, to, run);
        }
        objectsPushed.addAndGet(items.size());
        counters.configObjectsPushed.addAndGet(items.size());
        session.write(out.toString());
    }
}
