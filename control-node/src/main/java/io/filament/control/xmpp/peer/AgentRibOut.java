package io.filament.control.xmpp.peer;

import io.filament.contracts.xmpp.ItemsNode;
import io.filament.contracts.xmpp.RouteEntry;
import io.filament.contracts.xmpp.RoutePrefix;
import io.filament.contracts.xmpp.XmppFamily;
import io.filament.control.rib.RibOutSink;
import io.filament.control.status.ControlNodeCounters;
import io.filament.control.xmpp.session.EstablishedSession;
import io.filament.control.xmpp.wire.RouteUpdateEncoder;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An agent's Adj-RIB-Out. The RIB thread records the latest state of each (instance, prefix) — later changes
 * overwrite earlier ones not yet sent — and the session's event loop drains it into messages of at most 32
 * items or 256 retracts per {@code <items>} node, written in one go.
 */
final class AgentRibOut implements RibOutSink {

    private record RouteKey(String instance, RoutePrefix prefix) {
    }

    /** Bytes of encoded messages gathered before a write; kept within the allocator's pooled sizes. */
    private static final int WRITE_CHUNK = 16 * 1024;

    private final EstablishedSession session;
    private final String from;
    private final Set<RouteKey> advertised = new HashSet<>();
    private final Object lock = new Object();
    private LinkedHashMap<RouteKey, Optional<RouteEntry>> pending = new LinkedHashMap<>();
    private boolean flushScheduled;
    private boolean endOfRibPending;
    final AtomicLong itemsSent = new AtomicLong();
    final AtomicLong retractsSent = new AtomicLong();
    final AtomicLong messagesSent = new AtomicLong();

    private final ControlNodeCounters counters;

    AgentRibOut(EstablishedSession session, String from, ControlNodeCounters counters) {
        this.session = session;
        this.from = from;
        this.counters = counters;
    }

    @Override
    public void advertise(String instance, RoutePrefix prefix, Optional<RouteEntry> entry) {
        RouteKey key = new RouteKey(instance, prefix);
        if (entry.isEmpty() && !advertised.remove(key)) {
            return;
        }
        entry.ifPresent(e -> advertised.add(key));
        synchronized (lock) {
            pending.put(key, entry);
            scheduleFlush();
        }
    }

    @Override
    public void endOfRib() {
        synchronized (lock) {
            endOfRibPending = true;
            scheduleFlush();
        }
    }

    int advertisedCount() {
        return advertised.size();
    }

    private void scheduleFlush() {
        if (!flushScheduled) {
            flushScheduled = true;
            session.execute(this::flush);
        }
    }

    private void flush() {
        LinkedHashMap<RouteKey, Optional<RouteEntry>> batch;
        boolean eor;
        synchronized (lock) {
            batch = pending;
            pending = new LinkedHashMap<>();
            eor = endOfRibPending;
            endOfRibPending = false;
            flushScheduled = false;
        }
        Map<String, List<RouteEntry>> items = new LinkedHashMap<>();
        Map<String, List<RoutePrefix>> retracts = new LinkedHashMap<>();
        batch.forEach((k, v) -> {
            if (v.isPresent()) {
                items.computeIfAbsent(k.instance(), i -> new ArrayList<>()).add(v.get());
            } else {
                retracts.computeIfAbsent(k.instance(), i -> new ArrayList<>()).add(k.prefix());
            }
        });
        StringBuilder out = new StringBuilder(Math.min(WRITE_CHUNK * 2, 1024 + batch.size() * 700));
        String to = session.jid();
        retracts.forEach((instance, prefixes) -> writeRetracts(out, to, instance, prefixes));
        items.forEach((instance, entries) -> writeItems(out, to, instance, entries));
        if (eor) {
            RouteUpdateEncoder.endOfRib(out, from, to);
            messagesSent.incrementAndGet();
        }
        if (!out.isEmpty()) {
            session.write(out.toString());
        }
    }

    private void writeItems(StringBuilder out, String to, String instance, List<RouteEntry> entries) {
        for (XmppFamily family : XmppFamily.values()) {
            List<RouteEntry> ofFamily = entries.stream().filter(e -> e.family() == family).toList();
            for (int i = 0; i < ofFamily.size(); i += RouteUpdateEncoder.MAX_ITEMS) {
                List<RouteEntry> chunk = ofFamily.subList(i, Math.min(ofFamily.size(), i + RouteUpdateEncoder.MAX_ITEMS));
                RouteUpdateEncoder.items(out, from, to, ItemsNode.of(family, instance), chunk);
                itemsSent.addAndGet(chunk.size());
                counters.routeItemsSent.addAndGet(chunk.size());
                written(out);
            }
        }
    }

    private void writeRetracts(StringBuilder out, String to, String instance, List<RoutePrefix> prefixes) {
        for (XmppFamily family : XmppFamily.values()) {
            List<RoutePrefix> ofFamily = prefixes.stream().filter(p -> p.isIpv4() == (family == XmppFamily.INET)).toList();
            for (int i = 0; i < ofFamily.size(); i += RouteUpdateEncoder.MAX_RETRACTS) {
                List<RoutePrefix> chunk = ofFamily.subList(i, Math.min(ofFamily.size(), i + RouteUpdateEncoder.MAX_RETRACTS));
                RouteUpdateEncoder.retracts(out, from, to, ItemsNode.of(family, instance), chunk);
                retractsSent.addAndGet(chunk.size());
                counters.routeRetractsSent.addAndGet(chunk.size());
                written(out);
            }
        }
    }

    private void written(StringBuilder out) {
        messagesSent.incrementAndGet();
        counters.updateMessagesSent.incrementAndGet();
        if (out.length() >= WRITE_CHUNK) {
            session.write(out.toString());
            out.setLength(0);
        }
    }
}
