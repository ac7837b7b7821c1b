package io.filament.analytics.uve;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import io.filament.contracts.status.StatusTable;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.node.NullNode;

/**
 * Fans UVE changes out to SSE clients. The status thread only enqueues (bounded; overflow is counted and
 * dropped, clients re-sync by reconnecting); one sender thread, {@code uve-stream}, writes to the clients.
 */
public final class UveStreamBroadcaster implements UveListener, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(UveStreamBroadcaster.class);

    record Client(SseEmitter emitter, Optional<StatusTable> table) {
    }

    private final UveMerger merger = new UveMerger();
    private final List<Client> clients = new CopyOnWriteArrayList<>();
    private final BlockingQueue<UveStreamEvent> queue;
    private final int maxClients;
    private final Counter dropped;
    private final Thread sender;
    private volatile boolean running = true;

    public UveStreamBroadcaster(int queueCapacity, int maxClients, MeterRegistry meters) {
        this.queue = new ArrayBlockingQueue<>(queueCapacity);
        this.maxClients = maxClients;
        this.dropped = Counter.builder("filament.analytics.uve.stream.dropped")
                .description("UVE stream events dropped because the send queue was full").register(meters);
        Gauge.builder("filament.analytics.uve.stream.clients", clients, List::size)
                .description("Connected UVE stream clients").register(meters);
        this.sender = Thread.ofPlatform().name("uve-stream").daemon().start(this::sendLoop);
    }

    @Override
    public void uveChanged(UveChanged change) {
        if (clients.isEmpty()) {
            return;
        }
        for (String struct : change.structs()) {
            var merged = merger.merge(change.current(), new UveFilter(true, Optional.empty(), Optional.empty(), Set.of(struct)));
            var value = merged.has(struct) ? merged.get(struct) : NullNode.getInstance();
            if (!queue.offer(new UveStreamEvent(change.key().toString(), struct, value))) {
                dropped.increment();
            }
        }
    }

    /** Registers a client and sends it the current state of the UVEs it asked for. */
    public boolean register(SseEmitter emitter, Optional<StatusTable> table, UveService uves) {
        if (clients.size() >= maxClients) {
            return false;
        }
        Client client = new Client(emitter, table);
        clients.add(client);
        emitter.onCompletion(() -> clients.remove(client));
        emitter.onTimeout(() -> clients.remove(client));
        emitter.onError(e -> clients.remove(client));
        List<StatusTable> tables = table.map(List::of).orElseGet(() -> List.of(StatusTable.values()));
        List<UveStreamEvent> snapshot = new ArrayList<>();
        for (StatusTable t : tables) {
            for (String key : uves.keys(t)) {
                uves.contributions(new UveKey(t, key)).ifPresent(c -> merger.merge(c, UveFilter.FLAT)
                        .properties().forEach(s -> snapshot.add(new UveStreamEvent(c.key().toString(), s.getKey(), s.getValue()))));
            }
        }
        // A first comment commits the response headers even when there is nothing to send yet.
        try {
            emitter.send(SseEmitter.event().comment("uve-stream"));
        } catch (IOException e) {
            clients.remove(client);
            return true;
        }
        snapshot.forEach(event -> send(client, event));
        return true;
    }

    private void sendLoop() {
        while (running) {
            try {
                UveStreamEvent event = queue.poll(1, TimeUnit.SECONDS);
                if (event != null) {
                    for (Client client : clients) {
                        if (client.table().map(t -> event.key().startsWith(t.tableName() + ":")).orElse(true)) {
                            send(client, event);
                        }
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void send(Client client, UveStreamEvent event) {
        try {
            client.emitter().send(SseEmitter.event().name("update").data(event));
        } catch (IOException | IllegalStateException e) {
            log.debug("UVE stream client gone: {}", e.getMessage());
            clients.remove(client);
            client.emitter().completeWithError(e);
        }
    }

    @Override
    public void close() {
        running = false;
        sender.interrupt();
        clients.forEach(c -> c.emitter().complete());
    }
}
